package dev.webbench.provision;

/**
 * A PostgreSQL the kit runs itself, so that it can inflict the faults of contract point 9 on it: a shutdown in
 * either mode, and a freeze (every process of the server stopped, as a host under swap or a paused VM looks).
 */
public interface ControllablePostgres extends Postgres {

    /** How the postmaster is asked to stop: {@code pg_ctl stop -m fast} or {@code -m immediate}. */
    enum ShutdownMode {
        /** SIGINT: open transactions are rolled back, sessions are closed with 57P01, then a checkpoint. */
        FAST,
        /** SIGQUIT: every backend quits at once, with no checkpoint; the next start runs crash recovery. */
        IMMEDIATE;

        String pgCtlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Stops the server in {@code mode}, keeping its data; {@link #start()} brings it back on the same port. */
    void stop(ShutdownMode mode);

    /** A fast shutdown. */
    @Override
    default void stop() {
        stop(ShutdownMode.FAST);
    }

    /** SIGSTOP to the postmaster and every process under it: connections stay open and nothing answers. */
    void freeze();

    /** SIGCONT to the processes {@link #freeze()} stopped. */
    void thaw();
}
