package dev.webbench.bench.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            summaries.add(new Results.Summary(first.target(), first.workload(), first.scenario(), first.connections(), rps, rps.noisy(),
                    failed, errors,
                    median(group.stream().filter(m -> m.latencyMicros() != null).map(m -> (double) m.latencyMicros().p50()).toList()),
                    median(group.stream().filter(m -> m.latencyMicros() != null).map(m -> (double) m.latencyMicros().p99()).toList()),
                    median(group.stream().filter(m -> m.requestsPerCpuSecond() != null && m.requestsPerCpuSecond() > 0).map(Results.Measurement::requestsPerCpuSecond).toList()),
                    null, null));
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

    private static Double median(List<Double> values) {
        return values.isEmpty() ? null : Stats.of(values).median();
    }
}
