package dev.webbench.bench.target;

import dev.webbench.bench.model.Results;
import dev.webbench.config.AppConfig;
import dev.webbench.config.DatabaseBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The statements each target may have in flight at PostgreSQL: what {@code --db-budget N} sets in a target's
 * environment, and what the target then says it runs with (its {@link DatabaseBudget#logLine()} at start), which is
 * what the results record. A target that pipelines (its jar declares {@value Targets#DB_PIPELINING_ATTRIBUTE}) becomes
 * two variants under a budget: {@link #CONNECTIONS_VARIANT}, N connections without pipelining, like every other
 * target, and {@link #PIPELINED_VARIANT}, as few connections as its event loops allow, pipelining the rest.
 */
public final class DatabaseBudgets {
    /** The most statements in flight {@code --db-budget} accepts: {@code DB_POOL_SIZE}'s own bound. */
    public static final int MAX_STATEMENTS = 1000;
    public static final String CONNECTIONS_VARIANT = "conns";
    public static final String PIPELINED_VARIANT = "pipelined";
    /** {@link Results.DbBudget#source()} of a target left with its own default. */
    public static final String IMPLEMENTATION_DEFAULT = DatabaseBudget.Source.IMPLEMENTATION_DEFAULT.label();

    private DatabaseBudgets() {
    }

    /**
     * {@code --db-budget}: the same statements in flight for every implementation, or each one's own default.
     *
     * @param statements null for each implementation's own default
     * @param eventLoops CPUs the servers will see (their event loops): a pipelining target needs a connection per event loop
     */
    public record Request(Integer statements, int eventLoops) {
        public static final Request IMPLEMENTATION_DEFAULTS = new Request(null, 1);

        public Request {
            if (statements != null && (statements < 1 || statements > MAX_STATEMENTS)) {
                throw new IllegalArgumentException("--db-budget must be in 1.." + MAX_STATEMENTS + " statements in flight, got " + statements);
            }
            if (eventLoops < 1) {
                throw new IllegalArgumentException("at least one event loop, got " + eventLoops);
            }
        }

        public boolean configured() {
            return statements != null;
        }

        /** A target that runs one statement per connection: N connections. */
        Map<String, String> oneStatementEnv() {
            return Map.of("DB_POOL_SIZE", String.valueOf(statements));
        }

        /** A pipelining target with its pipelining off: N connections, like the others. */
        Map<String, String> connectionsEnv() {
            return Map.of("DB_POOL_SIZE", String.valueOf(statements), "DB_PIPELINING", "1");
        }

        /**
         * A pipelining target at its fewest connections, one per event loop, each pipelining {@code ceil(N / event
         * loops)}: N in flight when the event loops divide N, otherwise up to event loops - 1 more (and at least one
         * connection per event loop when N is smaller), which its budget line then states.
         */
        Map<String, String> pipelinedEnv() {
            int pipelining = Math.min(AppConfig.MAX_PIPELINING, (statements + eventLoops - 1) / eventLoops);
            return Map.of("DB_POOL_SIZE", String.valueOf(eventLoops), "DB_PIPELINING", String.valueOf(pipelining));
        }
    }

    /** {@code base} with {@code more} on top (a target's THREAD_MODEL and its budget). */
    static Map<String, String> plus(Map<String, String> base, Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.putAll(more);
        return Map.copyOf(env);
    }

    /**
     * The budget a started target logged, labelled with {@code source}; empty when its log holds no budget line (an
     * external server, a ceiling, an implementation built before budgets were logged).
     */
    public static Optional<Results.DbBudget> fromLog(Path log, String source) {
        if (log == null || !Files.isReadable(log)) {
            return Optional.empty();
        }
        // ISO-8859-1 decodes any byte: the budget line is ASCII, and a stray byte elsewhere in the log must not hide it.
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return DatabaseBudget.find(lines).map(budget -> Results.DbBudget.of(budget.connections(), budget.pipelining(), source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** What a reader should be told when a target's budget is not the one asked for; empty when it is. */
    public static Optional<String> warning(Target target, Results.DbBudget budget) {
        if (target.kind() != Target.Kind.IMPLEMENTATION) {
            return Optional.empty();
        }
        if (budget == null) {
            return Optional.of(target.name() + " logged no database budget (\"" + DatabaseBudget.PREFIX + "...\"): its statements in "
                    + "flight are unknown; rebuild its jar");
        }
        if (target.dbBudget() != null && budget.inFlight() != target.dbBudget()) {
            return Optional.of(target.name() + " has " + budget.shape() + " = " + budget.inFlight() + " statements in flight, not the "
                    + target.dbBudget() + " of --db-budget " + target.dbBudget() + " (the nearest its connections per event loop allow)");
        }
        return Optional.empty();
    }
}
