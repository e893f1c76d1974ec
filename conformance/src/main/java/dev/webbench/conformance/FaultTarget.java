package dev.webbench.conformance;

import dev.webbench.provision.ControllablePostgres;
import java.net.URI;
import java.time.Duration;

/**
 * A server under database faults: where it listens, the database the kit controls under it, the
 * {@code application_name} its connections carry, the {@code DB_TIMEOUT_MS} it was started with, and the shape of
 * its pool ({@code pool} is null for a caller that does not check the pool, e.g. the bench, which records the faults
 * against a server started with its defaults).
 */
public record FaultTarget(String name, URI base, ControllablePostgres db, String applicationName, Duration dbTimeout, PoolShape pool) {
    /** The contract's margin over 2 x {@code DB_TIMEOUT_MS} for a busy machine (CONTRACT.md, point 9). */
    public static final Duration SLACK = Duration.ofMillis(1500);

    /**
     * What "the pool is whole" means for a server, exactly.
     *
     * @param connections the database sessions the server holds once every pooled connection is open
     * @param requestsToFill how many concurrent slow requests it takes to put every one of them to work
     */
    public record PoolShape(int connections, int requestsToFill) {
        /** One pool of {@code size} connections per process, one statement per connection at a time (HikariCP, r2dbc-pool). */
        public static PoolShape perProcess(int size) {
            return new PoolShape(size, size);
        }

        /**
         * Vert.x's pipelined client: {@code connections} in all, split over per-event-loop pools, each connection
         * taking up to {@code pipeliningLimit} statements before its pool opens the next one. Only {@code connections
         * x pipeliningLimit} concurrent statements (spread evenly over the event loops) put every connection to work.
         */
        public static PoolShape pipelined(int connections, int pipeliningLimit) {
            return new PoolShape(connections, connections * pipeliningLimit);
        }
    }

    /** The contract's bound on any answer while the database misbehaves: 2 x {@code DB_TIMEOUT_MS} + {@link #SLACK}. */
    public Duration bound() {
        return dbTimeout.multipliedBy(2).plus(SLACK);
    }

    /** The same server settings for another process of it (the one started while the database is down). */
    public FaultTarget at(URI otherBase) {
        return new FaultTarget(name, otherBase, db, applicationName, dbTimeout, pool);
    }
}
