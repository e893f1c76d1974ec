package dev.webbench.vertx;

import dev.webbench.config.ThreadModel;
import dev.webbench.conformance.ContractKit;
import dev.webbench.conformance.ServerUnderTest;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole kit against {@link VertxApp}. Vert.x has one thread model, event loops, and ignores
 * {@code THREAD_MODEL}; {@link ThreadModel#VIRTUAL} is passed only because the kit asks for one
 * (it is the configuration default, so the child-process check starts the jar as a user would).
 */
@DisplayName("impl-vertx, event loops")
class VertxConformanceIT implements ContractKit {
    @RegisterExtension
    static final ServerUnderTest SERVER = ServerUnderTest.inProcess(VertxApp.NAME, ThreadModel.VIRTUAL, config -> {
        VertxApp app = VertxApp.start(config).await();
        return new ServerUnderTest.Running() {
            @Override
            public URI uri() {
                return app.uri();
            }

            @Override
            public void close() {
                app.close();
            }
        };
    });

    @Override
    public ServerUnderTest server() {
        return SERVER;
    }
}
