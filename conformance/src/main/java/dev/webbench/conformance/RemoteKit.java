package dev.webbench.conformance;

/** The kit, hostile groups included, against a server given by URL; {@link KitMain} sets the target before the run. */
public final class RemoteKit implements ContractKit, HostileKit {
    static volatile ServerUnderTest target;

    @Override
    public ServerUnderTest server() {
        if (target == null) {
            throw new IllegalStateException("RemoteKit runs through KitMain, which sets its target URL");
        }
        return target;
    }
}
