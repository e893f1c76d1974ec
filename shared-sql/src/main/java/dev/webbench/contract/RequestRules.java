package dev.webbench.contract;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The request rules of CONTRACT.md ("Protocol rules") that an HTTP codec leaves to the application,
 * written once so that the four implementations refuse the same requests with the same words.
 * Each implementation calls {@link #check} on every request before routing it, and
 * {@link #checkUpgrade} before it hands {@code /counter} to its WebSocket handshake.
 *
 * <p>Every refusal from {@link #check} is a protocol error: the answer carries
 * {@code Connection: close} and the server closes the connection after writing it (RFC 9112 §6.3,
 * §9.6), because after a framing error the next byte on the connection cannot be trusted to start a
 * request.
 */
public final class RequestRules {
    /** A refusal: the status and the {@code {"error": message}} text to answer with. */
    public record Refusal(int status, String message) {
    }

    public static final String VERSION_NOT_SUPPORTED = "HTTP version not supported";
    public static final String NO_VERSION = "malformed request line: no HTTP version";
    public static final String BAD_TARGET = "invalid request target";
    public static final String BAD_PATH = "invalid path: dot-segments, empty segments, ';' and '%' are not accepted";
    public static final String BAD_HOST = "a request needs exactly one valid Host header";
    public static final String BAD_FRAMING = "invalid message framing";
    public static final String UNSUPPORTED_TRANSFER_CODING = "only Transfer-Encoding: chunked is supported";
    public static final String NOT_AN_UPGRADE = "/counter is a WebSocket endpoint: send Upgrade: websocket";
    public static final String BAD_HANDSHAKE = "invalid WebSocket handshake";
    public static final String WEBSOCKET_VERSION = "unsupported Sec-WebSocket-Version: use 13";

    private RequestRules() {
    }

    /**
     * The request-level rules, in the order a reader of the request line and headers meets them.
     *
     * @param versionMajor     {@code 1} for HTTP/1.x; {@code 0} for a request line without a version (400); anything else is 505
     * @param versionMinor     {@code 0} for HTTP/1.0, which may omit {@code Host}
     * @param target           the request-target exactly as sent
     * @param hosts            every {@code Host} field value, one per field line
     * @param transferEncodings every {@code Transfer-Encoding} field value, one per field line
     * @param contentLengths   every {@code Content-Length} field value, one per field line
     */
    public static Optional<Refusal> check(int versionMajor, int versionMinor, String target, List<String> hosts,
            List<String> transferEncodings, List<String> contentLengths) {
        if (versionMajor == 0) {
            return refuse(400, NO_VERSION); // HTTP/0.9: a request line without a version is no HTTP/1.1 request line (RFC 9112 §3)
        }
        if (versionMajor != 1) {
            return refuse(505, VERSION_NOT_SUPPORTED); // RFC 9110 §15.6.6
        }
        String path = path(target);
        if (path == null) {
            return refuse(400, BAD_TARGET); // RFC 9112 §3.2: origin-form or absolute-form only
        }
        boolean http10 = versionMinor == 0;
        if (hosts.size() > 1 || (!http10 && hosts.isEmpty()) || (!hosts.isEmpty() && !isValidHost(hosts.getFirst()))) {
            return refuse(400, BAD_HOST); // RFC 9112 §3.2: MUST answer 400
        }
        if (!transferEncodings.isEmpty()) {
            // RFC 9112 §6.1: TE in HTTP/1.0 is faulty framing; TE with CL is a smuggling attempt (§6.3).
            if (http10 || !contentLengths.isEmpty()) {
                return refuse(400, BAD_FRAMING);
            }
            // RFC 9112 §6.3: chunked must be the final coding, and this API knows no other, so anything but a
            // single "chunked" is refused (400 rather than §6.1's 501: one answer for every disguise).
            if (transferEncodings.size() != 1 || !transferEncodings.getFirst().strip().equalsIgnoreCase("chunked")) {
                return refuse(400, UNSUPPORTED_TRANSFER_CODING);
            }
        }
        if (contentLengths.size() > 1 || (contentLengths.size() == 1 && !isLength(contentLengths.getFirst()))) {
            return refuse(400, BAD_FRAMING); // RFC 9112 §6.3 point 5: an invalid Content-Length is unrecoverable
        }
        if (!isCanonicalPath(path)) {
            return refuse(400, BAD_PATH);
        }
        return Optional.empty();
    }

    /**
     * The path of an origin-form ({@code /a?q}) or absolute-form ({@code http://host/a?q}) target, without
     * its query; {@code null} for any other form or a target with a fragment, a control or non-ASCII byte.
     */
    public static String path(String target) {
        if (target == null || target.isEmpty()) {
            return null;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                return null;
            }
        }
        String rest = target;
        if (!rest.startsWith("/")) {
            String lower = rest.toLowerCase(Locale.ROOT);
            int schemeEnd = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
            if (schemeEnd < 0) {
                return null;
            }
            int slash = rest.indexOf('/', schemeEnd);
            int query = rest.indexOf('?', schemeEnd);
            int authorityEnd = slash < 0 ? (query < 0 ? rest.length() : query) : (query >= 0 ? Math.min(slash, query) : slash);
            if (authorityEnd == schemeEnd) {
                return null; // RFC 9110 §4.2.1: an http URI with an empty host is invalid
            }
            if (authorityEnd != slash) {
                return "/"; // "http://host" and "http://host?q" have the empty path, which is "/" (RFC 9112 §3.2.2)
            }
            rest = rest.substring(slash);
        }
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    /**
     * True for {@code /} and for {@code /seg/seg...} whose segments are non-empty, not {@code .} or
     * {@code ..}, and made of RFC 3986 unreserved characters and the sub-delimiters other than {@code ;},
     * plus {@code :} and {@code @}. Percent-escapes are refused: no route of the contract needs one, and a
     * path that a proxy and the server could read differently (dot-segments, encoded slashes, empty segments,
     * {@code ;} parameters) is the raw material of access-control bypasses.
     */
    public static boolean isCanonicalPath(String path) {
        if (path.equals("/")) {
            return true;
        }
        if (!path.startsWith("/")) {
            return false;
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                int length = i - segmentStart;
                if (length == 0) {
                    return false;
                }
                if ((length == 1 && path.charAt(segmentStart) == '.')
                        || (length == 2 && path.charAt(segmentStart) == '.' && path.charAt(segmentStart + 1) == '.')) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!isPathChar(path.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPathChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,=:@".indexOf(c) >= 0;
    }

    /** RFC 9112 §3.2 / RFC 3986 §3.2.2: reg-name or IP-literal, optional port; empty is valid. */
    static boolean isValidHost(String value) {
        String host = value.strip();
        int portStart;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return false;
            }
            for (int i = 1; i < close; i++) {
                char c = host.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return false;
                }
            }
            portStart = close + 1;
            if (portStart < host.length() && host.charAt(portStart) != ':') {
                return false;
            }
        } else {
            portStart = host.indexOf(':');
            if (portStart < 0) {
                portStart = host.length();
            }
            for (int i = 0; i < portStart; i++) {
                char c = host.charAt(i);
                if (!(isPathChar(c) && c != ':' && c != '@') && !(c == '%' && i + 2 < portStart)) {
                    return false;
                }
            }
        }
        return portStart >= host.length() || isDigitsOrEmpty(host.substring(portStart + 1));
    }

    /**
     * The handshake rules of RFC 6455 §4.2.1 for {@code GET /counter}, checked before the framework's own
     * handshake so that every refusal is the same JSON answer everywhere.
     *
     * @return 426 (with {@code Upgrade: websocket}) when no WebSocket upgrade was asked for; 400 for a broken
     *         handshake; 426 (with {@code Sec-WebSocket-Version: 13}) for another protocol version
     */
    public static Optional<Refusal> checkUpgrade(int versionMinor, List<String> upgrades, List<String> connections,
            List<String> keys, List<String> versions) {
        if (upgrades.stream().noneMatch(v -> hasToken(v, "websocket"))) {
            return refuse(426, NOT_AN_UPGRADE); // RFC 9110 §15.5.22: the answer names the protocol to upgrade to
        }
        if (versionMinor == 0 || connections.stream().noneMatch(v -> hasToken(v, "upgrade"))
                || keys.size() != 1 || !isNonce(keys.getFirst())) {
            return refuse(400, BAD_HANDSHAKE);
        }
        if (versions.size() != 1 || !versions.getFirst().strip().equals("13")) {
            return refuse(426, WEBSOCKET_VERSION); // RFC 6455 §4.4
        }
        return Optional.empty();
    }

    private static boolean hasToken(String list, String token) {
        for (String part : list.split(",")) {
            if (part.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 6455 §4.1: the key is 16 random bytes, base64-encoded (24 characters). */
    private static boolean isNonce(String key) {
        String trimmed = key.strip();
        if (trimmed.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(trimmed).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 1*DIGIT that fits a long: a length past 2^63 - 1 cannot be framed, so it is a 400, not a 413. */
    private static boolean isLength(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || !isDigitsOrEmpty(trimmed)) {
            return false;
        }
        try {
            Long.parseLong(trimmed);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDigitsOrEmpty(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Optional<Refusal> refuse(int status, String message) {
        return Optional.of(new Refusal(status, message));
    }
}
