package dev.webbench.servlet;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;

/** {@code /counter}: joins on open, leaves on close or error; client messages are read and ignored. */
public final class CounterEndpoint extends Endpoint {
    private final ConnectedClients clients;

    CounterEndpoint(ConnectedClients clients) {
        this.clients = clients;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // Messages must still be read to be ignored: without a handler for a type, Jakarta WebSocket closes the
        // session on the first such message (1003), where the contract ignores text and binary alike.
        session.addMessageHandler(String.class, ignored -> { });
        session.addMessageHandler(ByteBuffer.class, ignored -> { });
        clients.join(session);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        clients.leave(session);
    }

    @Override
    public void onError(Session session, Throwable error) {
        clients.leave(session);
    }

    /** Hands every new endpoint the one shared {@link ConnectedClients}. */
    static final class Configurator extends ServerEndpointConfig.Configurator {
        private final ConnectedClients clients;

        Configurator(ConnectedClients clients) {
            this.clients = clients;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new CounterEndpoint(clients));
        }
    }
}
