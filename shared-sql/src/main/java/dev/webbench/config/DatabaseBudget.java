package dev.webbench.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How many statements an implementation can have in flight at PostgreSQL: {@code connections x pipelining}. Every
 * implementation logs it once at start in one format ({@link #logLine()}), so that a reader of its log and the bench
 * (which parses it back, {@link #find}) see what the server really runs with, not what the environment asked for.
 *
 * @param connections the process's connections in all (not per event loop)
 * @param pipelining  statements one connection may carry at once; 1 where statements go one at a time
 * @param source      whether the implementation chose it or {@code DB_POOL_SIZE} / {@code DB_PIPELINING} did
 */
public record DatabaseBudget(int connections, int pipelining, Source source) {
    public enum Source {
        IMPLEMENTATION_DEFAULT("implementation default"),
        CONFIGURED("configured");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Source ofLabel(String label) {
            for (Source source : values()) {
                if (source.label.equals(label)) {
                    return source;
                }
            }
            throw new IllegalArgumentException("unknown budget source '" + label + "'");
        }
    }

    /** The start of the line, for a reader grepping a log. */
    public static final String PREFIX = "database budget: ";
    private static final Pattern LINE = Pattern.compile(Pattern.quote(PREFIX)
            + "(\\d+) connections? x (\\d+) pipelined = (\\d+) statements? in flight \\(([a-z ]+)\\)");

    public DatabaseBudget {
        if (connections < 1 || pipelining < 1) {
            throw new IllegalArgumentException("a database budget needs at least one connection and one statement per connection, got "
                    + connections + " x " + pipelining);
        }
        if (source == null) {
            throw new IllegalArgumentException("a database budget needs its source");
        }
    }

    /**
     * The budget of an implementation that runs one statement per connection at a time (a JDBC or R2DBC pool):
     * {@code DB_POOL_SIZE} connections, or {@code defaultConnections} when it is unset.
     *
     * @throws IllegalArgumentException when {@code DB_PIPELINING} asks for more than 1 (see {@link #refusePipelining})
     */
    public static DatabaseBudget oneStatementPerConnection(AppConfig config, int defaultConnections) {
        refusePipelining(config);
        return new DatabaseBudget(config.dbPoolSizeOr(defaultConnections), 1,
                config.dbPoolSize().isPresent() ? Source.CONFIGURED : Source.IMPLEMENTATION_DEFAULT);
    }

    /**
     * Refuses {@code DB_PIPELINING} above 1 for an implementation that cannot pipeline. Refused rather than ignored:
     * the variable exists to give every implementation the same statements in flight, and a value silently dropped
     * would make a comparison unequal with nothing in the results to show it.
     */
    public static void refusePipelining(AppConfig config) {
        if (config.dbPipelining().isPresent() && config.dbPipelining().getAsInt() > 1) {
            throw new IllegalArgumentException("DB_PIPELINING=" + config.dbPipelining().getAsInt() + " cannot be honoured: this "
                    + "implementation runs one statement per connection at a time; unset DB_PIPELINING or set it to 1, and size the "
                    + "budget with DB_POOL_SIZE");
        }
    }

    public int statementsInFlight() {
        return connections * pipelining;
    }

    public boolean implementationDefault() {
        return source == Source.IMPLEMENTATION_DEFAULT;
    }

    /** {@code database budget: 9 connections x 1 pipelined = 9 statements in flight (implementation default)} */
    public String logLine() {
        return PREFIX + connections + (connections == 1 ? " connection" : " connections") + " x " + pipelining + " pipelined = "
                + statementsInFlight() + (statementsInFlight() == 1 ? " statement" : " statements") + " in flight (" + source.label() + ")";
    }

    /**
     * The budget in one log line, wherever the line's logger put it (after a timestamp, a level, a logger name).
     *
     * @throws IllegalArgumentException when the line holds a budget whose product does not add up
     */
    public static Optional<DatabaseBudget> parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.find()) {
            return Optional.empty();
        }
        DatabaseBudget budget = new DatabaseBudget(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Source.ofLabel(matcher.group(4)));
        if (budget.statementsInFlight() != Integer.parseInt(matcher.group(3))) {
            throw new IllegalArgumentException("a database budget line that does not add up: " + line.strip());
        }
        return Optional.of(budget);
    }

    /** The last budget among a log's lines (a server logs one per start). */
    public static Optional<DatabaseBudget> find(Stream<String> lines) {
        return lines.map(DatabaseBudget::parse).flatMap(Optional::stream).reduce((first, second) -> second);
    }
}
