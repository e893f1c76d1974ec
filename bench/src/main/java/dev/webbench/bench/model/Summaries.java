package dev.webbench.bench.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Folds repetitions into one summary per target and workload, with ratios to the same run's ceilings. */
public final class Summaries {
    private Summaries() {
    }

    /** Summaries whose ratios to a database ceiling use the one budget of old runs ({@link Results#DB_CEILING}) alone. */
    public static List<Results.Summary> of(List<Results.Measurement> measurements) {
        return of(measurements, List.of());
    }

    /**
     * One summary per target and workload, with its ratios to the run's ceilings: every workload to the generator
     * ceiling (and flagged generator-bound near it), /time to the HTTP ceiling, product-by-id to the database ceiling
     * at the target's own budget (the single {@link Results#DB_CEILING} of older runs when it has none). A ceiling
     * that a target it bounds measured above beyond the noise (the target's interval entirely above the ceiling's) is
     * no ceiling: its summary names that target, and no ratio to it is given.
     *
     * @param targets the run's targets, for their database budgets
     */
    public static List<Results.Summary> of(List<Results.Measurement> measurements, List<Results.TargetInfo> targets) {
        Map<String, List<Results.Measurement>> groups = new LinkedHashMap<>();
        for (Results.Measurement m : measurements) {
            groups.computeIfAbsent(m.target() + "\u0000" + m.workload(), k -> new ArrayList<>()).add(m);
        }
        List<Results.Summary> summaries = new ArrayList<>();
        for (List<Results.Measurement> group : groups.values()) {
            Results.Measurement first = group.getFirst();
            Stats rps = Stats.of(group.stream().map(Results.Measurement::requestsPerSecond).toList());
            long errors = group.stream().mapToLong(m -> m.errors().total()).sum();
            boolean failed = group.stream().anyMatch(m -> !m.ok());
            summaries.add(Results.Summary.of(first.target(), first.workload(), first.scenario(), first.connections(), rps, failed, errors,
                    median(group, m -> m.latencyMicros() == null ? null : (double) m.latencyMicros().p50()),
                    median(group, m -> m.latencyMicros() == null ? null : (double) m.latencyMicros().p99()),
                    median(group, Results.Measurement::requestsPerCpuSecond),
                    median(group, Results.Measurement::serverCpuMicrosPerRequest),
                    median(group, Results.Measurement::postgresCpuMicrosPerRequest),
                    medianOfShares(group, Results.Measurement::machineIdleShare),
                    new Results.Summary.Intervals(stats(group, m -> m.latencyMicros() == null ? null : (double) m.latencyMicros().p99()),
                            stats(group, Results.Measurement::serverCpuMicrosPerRequest),
                            stats(group, Results.Measurement::postgresCpuMicrosPerRequest))));
        }
        return withCeilings(summaries, targets);
    }

    /** A ceiling's summary and the summaries it bounds. */
    private record Bound(Results.Summary ceiling, List<Results.Summary> targets) {
        /** The first target whose throughput lies above the ceiling's beyond the noise; null while the ceiling holds. */
        String exceededBy() {
            return targets.stream().filter(t -> !t.failed() && t.requestsPerSecond().above(ceiling.requestsPerSecond()))
                    .map(Results.Summary::target).findFirst().orElse(null);
        }

        /** The ratio of {@code s} to this ceiling, or null when the ceiling failed or was exceeded. */
        Double ratio(Results.Summary s, boolean valid) {
            double median = ceiling.requestsPerSecond().median();
            return !valid || ceiling.failed() || median == 0 ? null : s.requestsPerSecond().median() / median;
        }
    }

    /**
     * Stored summaries of a run before schema 4 under today's ceiling rules: /time alone over the HTTP ceiling,
     * product-by-id over the single database ceiling, and a ceiling some target measured above beyond the noise
     * invalidated (with no ratio to it). Only the summaries' own figures are used, so an old results.json suffices.
     */
    public static List<Results.Summary> underCeilingRules(List<Results.Summary> stored) {
        return withCeilings(stored, List.of());
    }

    static List<Results.Summary> withCeilings(List<Results.Summary> summaries, List<Results.TargetInfo> targets) {
        Map<String, Results.DbBudget> budgets = new HashMap<>();
        targets.stream().filter(t -> t.dbBudget() != null).forEach(t -> budgets.put(t.name(), t.dbBudget()));
        List<Results.Summary> bounded = summaries.stream().filter(s -> !isCeiling(s.target())).toList();

        Results.Summary generator = ceiling(summaries, Results.GENERATOR_CEILING, Scenario.TIME.id());
        Results.Summary http = ceiling(summaries, Results.HTTP_CEILING, Scenario.TIME.id());
        Bound generatorBound = generator == null ? null : new Bound(generator, bounded);
        Bound httpBound = http == null ? null : new Bound(http, bounded.stream().filter(s -> s.scenario().equals(Scenario.TIME.id())).toList());
        Map<String, Bound> dbBounds = new LinkedHashMap<>();
        for (Results.Summary s : summaries) {
            if (isDbCeiling(s.target()) && s.workload().equals(Scenario.PRODUCT_BY_ID.id())) {
                dbBounds.put(s.target(), new Bound(s, bounded.stream()
                        .filter(t -> t.scenario().equals(Scenario.PRODUCT_BY_ID.id()) && s.target().equals(dbCeilingOf(t.target(), budgets)))
                        .toList()));
            }
        }
        Map<String, String> exceeded = new HashMap<>();
        for (Bound bound : concat(generatorBound, httpBound, dbBounds.values())) {
            String by = bound.exceededBy();
            if (by != null) {
                exceeded.put(bound.ceiling().target() + "\u0000" + bound.ceiling().workload(), by);
            }
        }

        List<Results.Summary> result = new ArrayList<>();
        for (Results.Summary s : summaries) {
            String exceededBy = exceeded.get(s.target() + "\u0000" + s.workload());
            if (isCeiling(s.target())) {
                result.add(exceededBy == null ? s : s.exceededBy(exceededBy));
                continue;
            }
            boolean time = s.scenario().equals(Scenario.TIME.id());
            Double toHttp = httpBound == null || !time ? null : httpBound.ratio(s, !exceeded.containsKey(key(http)));
            Results.Summary withRatios = s.withRatios(toHttp, null);
            if (s.scenario().equals(Scenario.PRODUCT_BY_ID.id())) {
                Bound db = dbBounds.get(dbCeilingOf(s.target(), budgets));
                if (db != null) {
                    withRatios = withRatios.withDbCeiling(db.ceiling().target(), db.ratio(s, !exceeded.containsKey(key(db.ceiling()))));
                }
            }
            if (generatorBound != null) {
                // The flag stands even when the ceiling does not: a target at or above the bare responder is wrk's pace.
                Double raw = generatorBound.ratio(s, true);
                withRatios = withRatios.withGeneratorRatio(raw);
                if (exceeded.containsKey(key(generator))) {
                    withRatios = withoutGeneratorRatio(withRatios);
                }
            }
            result.add(withRatios);
        }
        return result;
    }

    /** The database ceiling a target's product-by-id reads against: its budget's, or the single one of older runs. */
    static String dbCeilingOf(String target, Map<String, Results.DbBudget> budgets) {
        Results.DbBudget budget = budgets.get(target);
        return budget == null ? Results.DB_CEILING : Results.dbCeilingName(budget.connections(), budget.pipelining());
    }

    /** The generator, HTTP and database ceilings (the old single {@code db-ceiling} and one per budget): never ranked, never bounded. */
    public static boolean isCeiling(String target) {
        return target.equals(Results.GENERATOR_CEILING) || target.equals(Results.HTTP_CEILING) || isDbCeiling(target);
    }

    public static boolean isDbCeiling(String target) {
        return target.equals(Results.DB_CEILING) || target.startsWith(Results.DB_CEILING + "-");
    }

    private static Results.Summary ceiling(List<Results.Summary> summaries, String target, String workload) {
        return summaries.stream().filter(s -> s.target().equals(target) && s.workload().equals(workload)).findFirst().orElse(null);
    }

    private static String key(Results.Summary ceiling) {
        return ceiling.target() + "\u0000" + ceiling.workload();
    }

    private static List<Bound> concat(Bound generator, Bound http, java.util.Collection<Bound> db) {
        List<Bound> all = new ArrayList<>();
        if (generator != null) {
            all.add(generator);
        }
        if (http != null) {
            all.add(http);
        }
        all.addAll(db);
        return all;
    }

    /** Keeps the generator-bound flag, drops the ratio to a generator ceiling that a target exceeded. */
    private static Results.Summary withoutGeneratorRatio(Results.Summary s) {
        return new Results.Summary(s.target(), s.workload(), s.scenario(), s.connections(), s.requestsPerSecond(), s.noisy(), s.failed(),
                s.errors(), s.latencyP50MicrosMedian(), s.latencyP99MicrosMedian(), s.requestsPerCpuSecondMedian(), s.ratioToHttpCeiling(),
                s.ratioToDbCeiling(), s.serverCpuMicrosPerRequestMedian(), s.postgresCpuMicrosPerRequestMedian(), s.machineIdleShareMedian(),
                null, s.generatorBound(), s.dbCeiling(), s.ceilingExceededBy(), s.intervals());
    }

    private static Stats stats(List<Results.Measurement> group, Function<Results.Measurement, Double> figure) {
        List<Double> values = group.stream().map(figure).filter(v -> v != null && v > 0).toList();
        return values.isEmpty() ? null : Stats.of(values);
    }

    /** A share may be 0 (a machine with no idle CPU): only null is "not measured". */
    private static Double medianOfShares(List<Results.Measurement> group, Function<Results.Measurement, Double> share) {
        List<Double> values = group.stream().map(share).filter(v -> v != null).toList();
        return values.isEmpty() ? null : Stats.of(values).median();
    }

    /** The median of a figure over the repetitions that measured it (a zero CPU reading is a failed one); null if none did. */
    private static Double median(List<Results.Measurement> group, Function<Results.Measurement, Double> figure) {
        List<Double> values = group.stream().map(figure).filter(v -> v != null && v > 0).toList();
        return values.isEmpty() ? null : Stats.of(values).median();
    }
}
