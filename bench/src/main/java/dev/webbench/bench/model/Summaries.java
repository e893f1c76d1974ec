package dev.webbench.bench.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Folds repetitions into one summary per target and workload, with ratios to the same run's ceilings. */
public final class Summaries {
    private Summaries() {
    }

    public static List<Results.Summary> of(List<Results.Measurement> measurements) {
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
        Double httpCeiling = medianOf(summaries, Results.HTTP_CEILING, Scenario.TIME.id());
        Double dbCeiling = medianOf(summaries, Results.DB_CEILING, Scenario.PRODUCT_BY_ID.id());
        List<Results.Summary> withRatios = new ArrayList<>();
        for (Results.Summary s : summaries) {
            boolean isCeiling = s.target().equals(Results.HTTP_CEILING) || s.target().equals(Results.DB_CEILING);
            Double toHttp = isCeiling || httpCeiling == null || httpCeiling == 0 ? null : s.requestsPerSecond().median() / httpCeiling;
            Double toDb = isCeiling || dbCeiling == null || dbCeiling == 0 || !s.scenario().equals(Scenario.PRODUCT_BY_ID.id())
                    ? null : s.requestsPerSecond().median() / dbCeiling;
            withRatios.add(s.withRatios(toHttp, toDb));
        }
        return withRatios;
    }

    private static Double medianOf(List<Results.Summary> summaries, String target, String workload) {
        return summaries.stream().filter(s -> s.target().equals(target) && s.workload().equals(workload) && !s.failed())
                .map(s -> s.requestsPerSecond().median()).findFirst().orElse(null);
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
