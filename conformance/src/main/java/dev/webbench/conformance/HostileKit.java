package dev.webbench.conformance;

/**
 * Contract point 10 and "Protocol rules": the hostile groups, run against the implementation's runnable jar in
 * a child JVM with the bench's flags, so that a crash or a wedged server is seen as a user would see it, and
 * cannot take the test JVM down with it. An implementation's hostile kit is one class:
 *
 * <pre>{@code
 * class NettyPlatformHostileIT implements HostileKit {
 *     @RegisterExtension
 *     static final ServerUnderTest SERVER = ServerUnderTest.childJvm(NettyServer.NAME, ThreadModel.PLATFORM);
 *
 *     public ServerUnderTest server() { return SERVER; }
 * }
 * }</pre>
 */
public interface HostileKit extends HostileInputContract, ProtocolCorpusContract, WebSocketCorpusContract,
        WebSocketFloodContract, SlowClientsContract {
}
