package dev.webbench.servlet;

import dev.webbench.contract.RequestRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Jetty's HTTP/1.1 connection, with the contract's {@link RequestRules} applied to each request as soon as its
 * header section is parsed, on the raw values as sent: the request-target before Jetty normalizes it, and every
 * {@code Host}, {@code Transfer-Encoding} and {@code Content-Length} field line.
 *
 * <p>A refusal is thrown from the parser's {@code headerComplete} callback as an {@link HttpException}, which is
 * how Jetty's own parser refuses a request: the connection stops being persistent, nothing of the body is read as
 * a request, and the server's error handler ({@link ProtocolErrorHandler}) writes the JSON answer, after which
 * Jetty closes the connection (RFC 9112 §6.3, §9.6). {@code GET /counter} also gets
 * {@link RequestRules#checkUpgrade} here, before the WebSocket container's own handshake.
 */
final class RequestRulesConnectionFactory extends HttpConnectionFactory {

    RequestRulesConnectionFactory(HttpConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        RulesConnection connection = new RulesConnection(getHttpConfiguration(), connector, endPoint);
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }

    /**
     * The parser's own strictness, as the contract needs it: {@link HttpCompliance#RFC9110} (Jetty's default)
     * <ul>
     * <li>less {@code LF_HEADER_TERMINATION} and {@code LF_CHUNK_TERMINATION}, so that a line ended by a bare LF is a
     * 400 (RFC 9112 §2.2 lets a server refuse it; the contract does, since a proxy that reads it differently is a
     * smuggling vector);</li>
     * <li>plus {@code MISMATCHED_AUTHORITY}: for an absolute-form target the target's authority wins and {@code Host}
     * is ignored (RFC 9112 §3.2.2: MUST), where Jetty's default answers 400.</li>
     * </ul>
     */
    static final HttpCompliance COMPLIANCE = HttpCompliance.RFC9110
            .without("CONTRACT", HttpCompliance.Violation.LF_HEADER_TERMINATION, HttpCompliance.Violation.LF_CHUNK_TERMINATION)
            .with("CONTRACT", HttpCompliance.Violation.MISMATCHED_AUTHORITY);

    private static final class RulesConnection extends HttpConnection {
        RulesConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
            super(configuration, connector, endPoint);
        }

        @Override
        protected RequestHandler newRequestHandler() {
            return new RulesRequestHandler();
        }

        /** Collects the raw request line and field lines of one request, then checks them. */
        private final class RulesRequestHandler extends RequestHandler {
            private String method;
            private String target;
            private HttpVersion version;
            private final List<String> hosts = new ArrayList<>(1);
            private final List<String> transferEncodings = new ArrayList<>(1);
            private final List<String> contentLengths = new ArrayList<>(1);
            private final List<String> upgrades = new ArrayList<>(1);
            private final List<String> connections = new ArrayList<>(1);
            private final List<String> keys = new ArrayList<>(1);
            private final List<String> webSocketVersions = new ArrayList<>(1);

            @Override
            public void startRequest(String method, String uri, HttpVersion version) {
                this.method = method;
                this.target = uri;
                this.version = version;
                for (List<String> values : List.of(hosts, transferEncodings, contentLengths, upgrades, connections, keys, webSocketVersions)) {
                    values.clear();
                }
                super.startRequest(method, uri, version);
            }

            @Override
            public void parsedHeader(HttpField field) {
                if (field.getHeader() != null) {
                    switch (field.getHeader()) {
                        case HOST -> {
                            hosts.add(field.getValue());
                            if (field.getValue().isBlank()) {
                                // RFC 9112 §3.2: an empty Host is valid (a target without an authority); Jetty would
                                // answer it 400 "Blank Host", so it does not see it and uses the server's authority.
                                return;
                            }
                        }
                        case TRANSFER_ENCODING -> transferEncodings.add(field.getValue());
                        case CONTENT_LENGTH -> contentLengths.add(field.getValue());
                        case UPGRADE -> upgrades.add(field.getValue());
                        case CONNECTION -> connections.add(field.getValue());
                        case SEC_WEBSOCKET_KEY -> keys.add(field.getValue());
                        case SEC_WEBSOCKET_VERSION -> webSocketVersions.add(field.getValue());
                        default -> {
                        }
                    }
                }
                super.parsedHeader(field);
            }

            @Override
            public boolean headerComplete() {
                int major = version.getVersion() / 10;
                int minor = version.getVersion() % 10;
                Optional<RequestRules.Refusal> refusal = RequestRules.check(major, minor, target, hosts, transferEncodings, contentLengths);
                if (refusal.isEmpty() && "GET".equals(method) && ServletApp.COUNTER_PATH.equals(RequestRules.path(target))) {
                    refusal = RequestRules.checkUpgrade(minor, upgrades, connections, keys, webSocketVersions);
                }
                if (refusal.isPresent()) {
                    throw new HttpException.RuntimeException(refusal.get().status(), refusal.get().message());
                }
                return super.headerComplete();
            }

            /**
             * Jetty's parser answers a request line without a version (HTTP/0.9) with 505; RFC 9112 §3 makes it a
             * malformed request line, which the contract answers with 400.
             */
            @Override
            public void badMessage(HttpException failure) {
                if (failure.getCode() == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505
                        && HttpCompliance.Violation.HTTP_0_9.getDescription().equals(failure.getReason())) {
                    failure = new HttpException.RuntimeException(HttpStatus.BAD_REQUEST_400, "malformed request line: no HTTP version");
                }
                super.badMessage(failure);
            }
        }
    }
}
