package dev.webbench.webflux;

import dev.webbench.config.AppConfig;
import dev.webbench.config.ThreadModel;
import dev.webbench.conformance.ContractKit;
import dev.webbench.conformance.ServerUnderTest;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole kit against {@link WebfluxApp#start}. WebFlux runs on Reactor Netty's event loops and ignores THREAD_MODEL. */
@DisplayName("impl-webflux")
class WebfluxConformanceIT implements ContractKit {
    @RegisterExtension
    static final ServerUnderTest SERVER = ServerUnderTest.inProcess(WebfluxApp.NAME, ThreadModel.VIRTUAL, WebfluxConformanceIT::start);

    @Override
    public ServerUnderTest server() {
        return SERVER;
    }

    private static ServerUnderTest.Running start(AppConfig config) {
        WebfluxApp.Running app = WebfluxApp.start(config);
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
    }
}
