package dev.webbench.servlet;

import com.zaxxer.hikari.HikariDataSource;
import dev.webbench.config.AppConfig;
import dev.webbench.config.ThreadModel;
import dev.webbench.contract.Limits;
import dev.webbench.jdbc.JdbcPool;
import dev.webbench.jdbc.JdbcProducts;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Jetty server for a configuration; {@link Main} and the conformance kit both use {@link #newServer}. */
public final class ServletApp {
    public static final String NAME = "impl-servlet";
    private static final Logger LOG = LoggerFactory.getLogger(ServletApp.class);
    /** Jetty's default maximum; with virtual threads it only bounds Jetty's own non-blocking work. */
    static final int MAX_PLATFORM_THREADS = 200;
    /**
     * Connections the kernel may hold for accepting, as impl-netty asks for. Jetty's default (0) means the JDK's 50,
     * which a burst of new connections overflows: the kernel then drops their SYNs and clients wait a second or more
     * to retry, instead of being answered (at worst with a fast 503).
     */
    static final int ACCEPT_QUEUE = 1024;
    /** The WebSocket endpoint, which {@link RequestRulesConnectionFactory} also checks the handshake of. */
    static final String COUNTER_PATH = "/counter";
    /**
     * Jetty's idle timeout (default 30 s), set to the contract's header deadline: a keep-alive connection that sends
     * nothing for this long after a response, or a new one that sends nothing, is closed. A trickling client is never
     * idle; {@link HeaderDeadline} and {@link BodyFirstHandler} bound those.
     */
    static final long IDLE_TIMEOUT_MILLIS = Limits.REQUEST_HEADER_TIMEOUT_SECONDS * 1000L;

    private ServletApp() {
    }

    public static Server newServer(AppConfig config) {
        Server server = new Server(threadPool(config.threadModel()));
        server.setStopAtShutdown(true);
        server.setStopTimeout(Limits.SHUTDOWN_GRACE_MILLIS);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true); // Jetty formats Date once a second, not per request
        // Jetty's default header cache (1024) gives every connection that parses a request its own 96 KiB trie
        // (char[1024 x 48]); under an open-model load, thousands of connections then fill the heap. Without it
        // the parser allocates a few small HttpFields per request instead.
        http.setHeaderCacheSize(0);
        http.setHttpCompliance(RequestRulesConnectionFactory.COMPLIANCE);
        // Jetty's default, written out because the contract names it: the parser counts the request line and the
        // fields against this one budget, and answers 414 when the request line passes it, 431 when the fields do.
        http.setRequestHeaderSize(Limits.MAX_HEADER_BYTES);
        http.addCustomizer((request, responseHeaders) -> {
            responseHeaders.put("Server", NAME);
            return request;
        });
        ServerConnector connector = new ServerConnector(server, new RequestRulesConnectionFactory(http));
        connector.setPort(config.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.addBean(new HeaderDeadline(connector.getScheduler()));
        server.addConnector(connector);

        HikariDataSource pool = JdbcPool.start(config, NAME);
        JdbcProducts products = new JdbcProducts(pool);
        ConnectedClients clients = new ConnectedClients();

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());
        context.addServlet(new ServletHolder(new IndexServlet()), "");
        context.addServlet(new ServletHolder(new TimeServlet()), "/time");
        context.addServlet(new ServletHolder(new BrandsServlet(products)), "/brands");
        context.addServlet(new ServletHolder(new ProductServlet(products)), "/products/*");
        context.addServlet(new ServletHolder(new CreateProductServlet(products)), "/product");
        context.addServlet(new ServletHolder(new CounterServlet()), COUNTER_PATH);
        context.addServlet(new ServletHolder(new NotFoundServlet()), "/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            // Jetty's WebSocket core closes with 1009 (RFC 6455 §7.4.1) when a whole message, fragmented or not, passes
            // these sizes; it also enforces the frame rules of RFC 6455 §5 (1002) and validates UTF-8 (1007).
            container.setDefaultMaxTextMessageBufferSize(Limits.MAX_WEBSOCKET_FRAME_BYTES);
            container.setDefaultMaxBinaryMessageBufferSize(Limits.MAX_WEBSOCKET_FRAME_BYTES);
            container.setDefaultMaxSessionIdleTimeout(0); // a quiet counter page is not a dead one
            container.addEndpoint(ServerEndpointConfig.Builder.create(CounterEndpoint.class, COUNTER_PATH)
                    .configurator(new CounterEndpoint.Configurator(clients))
                    .build());
        });

        // A request's body is read before it asks for a database turn, so a slow sender holds none.
        server.setHandler(new GracefulHandler(new BodyFirstHandler(
                new DatabaseAdmission(context, pool.getMaximumPoolSize(), config.dbTimeout()))));
        server.setErrorHandler(new ProtocolErrorHandler());
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                LOG.info("{} listening on {} ({})", NAME, server.getURI(), config.describe());
            }

            @Override
            public void lifeCycleStopped(LifeCycle event) {
                pool.close();
                LOG.info("{} stopped; database pool closed", NAME);
            }
        });
        return server;
    }

    private static QueuedThreadPool threadPool(ThreadModel model) {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_PLATFORM_THREADS);
        pool.setName(NAME);
        if (model == ThreadModel.VIRTUAL) {
            // Jetty keeps its selectors on platform threads and runs each request on a virtual thread.
            pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        }
        return pool;
    }
}
