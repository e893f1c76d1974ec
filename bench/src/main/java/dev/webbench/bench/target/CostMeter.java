package dev.webbench.bench.target;

import dev.webbench.bench.model.Results;
import java.util.Optional;

/**
 * What a measurement cost: the server process's CPU, the PostgreSQL process tree's CPU and the machine's idle
 * share over the same window. Read before and after a window ({@link #start}, {@link Reading#finish}); each figure
 * is null where its source is not visible (an external target, a remote PostgreSQL, no /proc).
 */
public final class CostMeter {
    private final PostgresProcesses postgres;

    /** @param postgres the local PostgreSQL's processes; null when it is remote */
    public CostMeter(PostgresProcesses postgres) {
        this.postgres = postgres;
    }

    /** A window starting now; {@code serverPid} null for a server the bench did not start. */
    public Reading start(Long serverPid) {
        return new Reading(serverPid, serverPid == null ? -1 : ProcFs.serverCpuSeconds(serverPid),
                postgres == null ? -1 : postgres.cpuSeconds(), MachineCpu.sample());
    }

    /** The counters at the start of one window. */
    public final class Reading {
        private final Long serverPid;
        private final double serverCpu;
        private final double postgresCpu;
        private final Optional<MachineCpu.Sample> machine;

        private Reading(Long serverPid, double serverCpu, double postgresCpu, Optional<MachineCpu.Sample> machine) {
            this.serverPid = serverPid;
            this.serverCpu = serverCpu;
            this.postgresCpu = postgresCpu;
            this.machine = machine;
        }

        /** Fills the measurement's server CPU (and req per CPU-second), PostgreSQL CPU and idle share for the window now ending. */
        public Results.Measurement.Builder finish(Results.Measurement.Builder measurement, long requests) {
            Double server = delta(serverPid == null ? -1 : ProcFs.serverCpuSeconds(serverPid), serverCpu);
            Double database = delta(postgres == null ? -1 : postgres.cpuSeconds(), postgresCpu);
            Double idle = machine.flatMap(start -> MachineCpu.sample().map(end -> idleShare(start, end))).orElse(null);
            return measurement.serverCpuSeconds(server).requestsPerCpuSecond(server != null && server > 0 ? requests / server : null)
                    .postgresCpuSeconds(database).machineIdleShare(idle);
        }

        private static Double delta(double after, double before) {
            return after < 0 || before < 0 ? null : Math.max(0, after - before);
        }

        private static Double idleShare(MachineCpu.Sample start, MachineCpu.Sample end) {
            long total = end.total() - start.total();
            return total <= 0 ? null : Math.round(1000.0 * (total - (end.busy() - start.busy())) / total) / 1000.0;
        }
    }
}
