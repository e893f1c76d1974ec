package dev.webbench.webflux;

import dev.webbench.config.AppConfig;
import dev.webbench.contract.Limits;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps the suite's configuration onto Spring: {@link AppConfig} becomes a bean (the database pool is built
 * from it), and the settings Spring reads as properties come from it and from the contract's {@link Limits}.
 */
final class AppConfigInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private final AppConfig config;

    AppConfigInitializer(AppConfig config) {
        this.config = config;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("appConfig", config);
        Map<String, Object> properties = Map.of(
                "server.port", String.valueOf(config.port()),
                "spring.lifecycle.timeout-per-shutdown-phase", Limits.SHUTDOWN_GRACE_MILLIS + "ms",
                // Netty's codec refuses longer request lines and larger header sections; ProtocolRefusals answers 414 / 431.
                "server.netty.max-initial-line-length", Limits.MAX_REQUEST_LINE_BYTES + "B",
                "server.max-http-request-header-size", Limits.MAX_HEADER_BYTES + "B",
                // Codecs would refuse larger bodies too; CreateProductBody reads the body itself to answer 413 as JSON.
                "spring.http.codecs.max-in-memory-size", Limits.MAX_BODY_BYTES + "B");
        // Ahead of every other source, so that PORT and friends mean the same as for every other implementation,
        // whatever SERVER_PORT or similar Spring variables the environment may also hold.
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("webbench", properties));
    }
}
