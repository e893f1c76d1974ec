package dev.webbench.bench.wrk;

import dev.webbench.bench.model.Scenario;

/** A scenario at a concurrency: {@code product-by-id} at the run's default, {@code product-by-id@c64} in the sweep. */
public record Workload(Scenario scenario, int connections, boolean sweep) {
    public String id() {
        return sweep ? scenario.id() + "@c" + connections : scenario.id();
    }
}
