package dev.webbench.webflux;

import dev.webbench.config.AppConfig;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.admin.SpringApplicationAdminJmxAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.boot.webflux.autoconfigure.ReactiveMultipartAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxObservationAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebSessionIdResolverAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot application, and the one way to start it: {@link Main} and the conformance kit both call
 * {@link #start(AppConfig)}.
 */
@SpringBootApplication(proxyBeanMethods = false, exclude = {
        // JsonErrorHandler answers every error as the contract's JSON.
        ErrorWebFluxAutoConfiguration.class,
        // On the classpath but unused: fewer beans, faster start-up.
        ReactiveMultipartAutoConfiguration.class, WebFluxObservationAutoConfiguration.class,
        WebSessionIdResolverAutoConfiguration.class, SpringApplicationAdminJmxAutoConfiguration.class,
        AopAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class, MessageSourceAutoConfiguration.class,
        ProjectInfoAutoConfiguration.class, JmxAutoConfiguration.class, SslAutoConfiguration.class,
        TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class})
public class WebfluxApp {
    public static final String NAME = "impl-webflux";
    private static final Logger LOG = LoggerFactory.getLogger(WebfluxApp.class);

    /** Starts the server for {@code config} (port 0 picks a free port) and returns once it listens. */
    public static Running start(AppConfig config) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebfluxApp.class)
                .initializers(new AppConfigInitializer(config))
                .run();
        int port = ((ReactiveWebServerApplicationContext) context).getWebServer().getPort();
        Running running = new Running(URI.create("http://127.0.0.1:" + port + "/"), context);
        LOG.info("{} listening on {} ({})", NAME, running.uri(), config.describe());
        return running;
    }

    /** A started server: where it listens, and how to stop it (gracefully, as on SIGTERM). */
    public static final class Running implements AutoCloseable {
        private final URI uri;
        private final ConfigurableApplicationContext context;

        private Running(URI uri, ConfigurableApplicationContext context) {
            this.uri = uri;
            this.context = context;
        }

        public URI uri() {
            return uri;
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
