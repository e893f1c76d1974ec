package dev.webbench.conformance;

/**
 * The whole contract (conformance/CONTRACT.md) as one interface. An implementation's kit is one class:
 *
 * <pre>{@code
 * class ServletConformanceIT implements ContractKit {
 *     @RegisterExtension
 *     static final ServerUnderTest SERVER = ServerUnderTest.inProcess("impl-servlet", ThreadModel.VIRTUAL, ServletApp::start);
 *
 *     public ServerUnderTest server() { return SERVER; }
 * }
 * }</pre>
 */
public interface ContractKit extends ReadContract, CreateContract, ErrorContract, HeaderContract, CounterContract,
        ShutdownContract, ResilienceContract {
}
