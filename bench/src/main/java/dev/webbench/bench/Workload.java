package dev.webbench.bench;

/** A scenario at a concurrency: {@code product-by-id} at the run's default, {@code product-by-id@c64} in the sweep. */
record Workload(Scenario scenario, int connections, boolean sweep) {
    String id() {
        return sweep ? scenario.id() + "@c" + connections : scenario.id();
    }
}
