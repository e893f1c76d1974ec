package dev.webbench.provision;

import dev.webbench.config.PgSettings;

/** A server someone else runs, addressed through {@code PG*}. It is never stopped by us. */
final class ExternalPostgres implements Postgres {
    private final PgSettings settings;

    ExternalPostgres(PgSettings settings) {
        this.settings = settings;
    }

    @Override
    public String provider() {
        return "external";
    }

    @Override
    public PgSettings settings() {
        return settings;
    }

    @Override
    public boolean restartable() {
        return false;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("an external PostgreSQL (PGHOST=" + settings.host() + ") is not ours to stop");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("an external PostgreSQL is not ours to start");
    }

    @Override
    public void close() {
        // Not ours: leave it running.
    }
}
