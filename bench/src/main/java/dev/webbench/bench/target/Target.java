package dev.webbench.bench.target;

import dev.webbench.bench.model.Scenario;
import dev.webbench.conformance.JarProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Something the bench loads: an implementation's jar (one per thread model where it has them), the
 * HTTP ceiling, a Python peer from {@code peers/} ({@link Peers}), or an external server given with {@code --target name=url}.
 *
 * @param jar        the runnable jar to start in a child JVM; null for an external target
 * @param mainClass  the class to run from {@code jar} when it is not the jar's own main (the HTTP ceiling); else null
 * @param env        extra environment for the child (e.g. THREAD_MODEL)
 * @param url        where an external target listens; null for ones we start
 * @param sources    main-source folder for the lines-of-code count (a peer's app folder, which it is run from); null when unknown
 * @param scenarios  what this target can serve (the ceiling answers only /time)
 * @param dbBudget   the statements in flight {@code --db-budget} asked of it (its env says how); null: its own default
 */
public record Target(String name, Kind kind, Path jar, String mainClass, Map<String, String> env, URI url, Path sources,
                     Set<Scenario> scenarios, Integer dbBudget) {

    /** A target left with its own database budget. */
    public Target(String name, Kind kind, Path jar, String mainClass, Map<String, String> env, URI url, Path sources,
                  Set<Scenario> scenarios) {
        this(name, kind, jar, mainClass, env, url, sources, scenarios, null);
    }

    public enum Kind {
        IMPLEMENTATION, HTTP_CEILING, GENERATOR_CEILING, EXTERNAL,
        /** One of the document's Python frameworks: a reference row, never ranked with the implementations. */
        PEER;

        /** The ceilings the bench starts beside the implementations: loaded by wrk, never ranked among them. */
        public boolean ceiling() {
            return this == HTTP_CEILING || this == GENERATOR_CEILING;
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Startup under a loaded machine (the previous target's wrk just ended) takes longer than on an idle one. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** How its database budget is labelled in the results: "--db-budget 8", or the implementation default. */
    public String dbBudgetSource() {
        return dbBudget == null ? DatabaseBudgets.IMPLEMENTATION_DEFAULT : "--db-budget " + dbBudget;
    }

    public boolean started() {
        return kind != Kind.EXTERNAL;
    }

    /** Whether it has the WebSocket counter: not the HTTP ceiling, nor the Flask peer. */
    public boolean servesCounter() {
        return Peers.servesCounter(this);
    }

    /** How the bench starts this target: identical JVM flags for all, pinned to {@code cpus} when given, output to {@code log}. */
    public JarProcess.Launch launch(String cpus, Path log) {
        if (kind == Kind.PEER) {
            return Peers.launch(this).withEnv(env).pinnedTo(cpus).loggingTo(log).withStartTimeout(START_TIMEOUT);
        }
        return JarProcess.Launch.jar(jar).withMainClass(mainClass).withEnv(env).withJvmFlags(JarProcess.SERVER_JVM_FLAGS)
                .pinnedTo(cpus).loggingTo(log).withStartTimeout(START_TIMEOUT);
    }
}
