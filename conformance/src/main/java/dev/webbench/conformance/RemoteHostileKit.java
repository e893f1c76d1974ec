package dev.webbench.conformance;

/** The hostile groups alone against a server given by URL, for {@code ./compare resilience}; {@link KitRun} sets the target. */
public final class RemoteHostileKit implements HostileKit {
    @Override
    public ServerUnderTest server() {
        if (RemoteKit.target == null) {
            throw new IllegalStateException("RemoteHostileKit runs through KitRun, which sets its target URL");
        }
        return RemoteKit.target;
    }
}
