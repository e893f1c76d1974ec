package dev.webbench.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.bench.wrk.Wrk;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans for machines this one is not: the sets and the command lines are what a 4- or 16-core run would use. */
class CpuTopologyTest {
    private static List<Integer> cpus(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void fourCoresGiveOneToPostgresOneToTheServerAndTwoToTheLoad() {
        Results.Topology topology = CpuTopology.plan(cpus(4), CpuTopology.Mode.AUTO, true, CpuTopology.Overrides.NONE);
        assertThat(topology.mode()).isEqualTo(Results.Topology.PINNED);
        assertThat(topology.postgresCpus()).isEqualTo("0");
        assertThat(topology.serverCpus()).isEqualTo("1");
        assertThat(topology.loadCpus()).isEqualTo("2-3");
        assertThat(topology.postgresPlacement()).isEqualTo(Results.Topology.PINNED);
        assertThat(topology.note()).contains("disjoint", "1 CPU");
    }

    @Test
    void sixteenCoresSplitIntoQuartersAndAHalf() {
        Results.Topology topology = CpuTopology.plan(cpus(16), CpuTopology.Mode.AUTO, true, CpuTopology.Overrides.NONE);
        assertThat(List.of(topology.postgresCpus(), topology.serverCpus(), topology.loadCpus())).containsExactly("0-3", "4-7", "8-15");
        assertThat(topology.describe()).isEqualTo("pinned: PostgreSQL CPU 0-3, servers CPU 4-7, load CPU 8-15");
    }

    @Test
    void theSetsFollowTheCpusThisProcessMayUseNotTheirNumbers() {
        Results.Topology topology = CpuTopology.plan(List.of(2, 3, 6, 7, 10, 11, 14, 15), CpuTopology.Mode.AUTO, true,
                CpuTopology.Overrides.NONE);
        assertThat(List.of(topology.postgresCpus(), topology.serverCpus(), topology.loadCpus()))
                .containsExactly("2-3", "6-7", "10-11,14-15");
    }

    @Test
    void belowFourCoresEverythingSharesAndTheNoteSaysSo() {
        Results.Topology topology = CpuTopology.plan(cpus(2), CpuTopology.Mode.AUTO, true, CpuTopology.Overrides.NONE);
        assertThat(topology.mode()).isEqualTo(Results.Topology.SHARED);
        assertThat(topology.serverCpus()).isNull();
        assertThat(topology.loadCpus()).isNull();
        assertThat(topology.postgresCpus()).isNull();
        assertThat(topology.note()).startsWith("Fewer than 4 CPUs").contains("share every CPU");
        assertThat(topology.describe()).isEqualTo("shared: every party on all 2 CPUs");
    }

    @Test
    void sharedOnRequestEvenWithManyCores() {
        Results.Topology topology = CpuTopology.plan(cpus(16), CpuTopology.Mode.SHARED, true, CpuTopology.Overrides.NONE);
        assertThat(topology.mode()).isEqualTo(Results.Topology.SHARED);
        assertThat(topology.note()).startsWith("--topology shared");
    }

    @Test
    void pinnedIsRefusedWhereThreeSetsCannotBeDisjoint() {
        assertThatThrownBy(() -> CpuTopology.plan(cpus(2), CpuTopology.Mode.PINNED, true, CpuTopology.Overrides.NONE))
                .hasMessageContaining("at least 3 CPUs");
        assertThat(CpuTopology.plan(cpus(3), CpuTopology.Mode.PINNED, true, CpuTopology.Overrides.NONE).mode())
                .isEqualTo(Results.Topology.PINNED);
    }

    @Test
    void aRemotePostgresIsRecordedAsSuchAndItsQuarterGoesToTheLoad() {
        Results.Topology topology = CpuTopology.plan(cpus(8), CpuTopology.Mode.AUTO, false, CpuTopology.Overrides.NONE);
        assertThat(topology.postgresPlacement()).isEqualTo(Results.Topology.REMOTE);
        assertThat(topology.postgresCpus()).isNull();
        assertThat(topology.serverCpus()).isEqualTo("2-3");
        assertThat(topology.loadCpus()).isEqualTo("0-1,4-7");
        assertThat(topology.describe()).contains("PostgreSQL remote");
        assertThat(CpuTopology.plan(cpus(2), CpuTopology.Mode.AUTO, false, CpuTopology.Overrides.NONE).postgresPlacement())
                .isEqualTo(Results.Topology.REMOTE);
    }

    @Test
    void listsGivenByHandReplaceThePlansAndOverlapsAreNotCalledPinned() {
        Results.Topology own = CpuTopology.plan(cpus(2), CpuTopology.Mode.AUTO, true, new CpuTopology.Overrides(null, "0", "1"));
        assertThat(own.serverCpus()).isEqualTo("0");
        assertThat(own.loadCpus()).isEqualTo("1");
        assertThat(own.mode()).as("PostgreSQL still shares the CPUs").isEqualTo(Results.Topology.SHARED);
        assertThat(own.note()).startsWith("Partly pinned");
        Results.Topology overlapping = CpuTopology.plan(cpus(4), CpuTopology.Mode.AUTO, true, new CpuTopology.Overrides(null, "1-2", null));
        assertThat(overlapping.mode()).isEqualTo(Results.Topology.SHARED);
    }

    @Test
    void cpuListsRoundTrip() {
        assertThat(CpuTopology.parse("0-3,8,10-11")).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(CpuTopology.list(List.of(11, 0, 1, 2, 3, 8, 10))).isEqualTo("0-3,8,10-11");
        assertThatThrownBy(() -> CpuTopology.parse("3-1")).hasMessageContaining("bad CPU range");
        assertThatThrownBy(() -> CpuTopology.parse("a")).hasMessageContaining("bad CPU list");
    }

    @Test
    void everyPartyIsStartedUnderTasksetOnItsOwnSet(@TempDir Path dir) {
        Results.Topology topology = CpuTopology.plan(cpus(4), CpuTopology.Mode.AUTO, true, CpuTopology.Overrides.NONE);
        Target server = new Target("servlet-virtual", Target.Kind.IMPLEMENTATION, Path.of("impl-servlet.jar"), null, Map.of(), null, null,
                EnumSet.allOf(Scenario.class));
        assertThat(server.launch(topology.serverCpus(), dir.resolve("log")).commandLine()).startsWith("taskset", "-c", "1");
        assertThat(new Wrk(dir, topology.loadCpus()).commandLine(URI.create("http://127.0.0.1:8080/"), Scenario.PRODUCT_BY_ID, 2, 64,
                Duration.ofSeconds(5))).startsWith("taskset", "-c", "2-3", "wrk", "-t2", "-c64", "-d5s");
        assertThat(CpuTopology.tasksetRunning(topology.postgresCpus(), 4242)).containsExactly("taskset", "-a", "-p", "-c", "0", "4242");

        Results.Topology shared = CpuTopology.plan(cpus(2), CpuTopology.Mode.AUTO, true, CpuTopology.Overrides.NONE);
        assertThat(server.launch(shared.serverCpus(), dir.resolve("log")).commandLine().getFirst()).endsWith("java");
        assertThat(new Wrk(dir, shared.loadCpus()).commandLine(URI.create("http://127.0.0.1:8080/"), Scenario.TIME, 2, 64,
                Duration.ofSeconds(5)).getFirst()).isEqualTo("wrk");
    }
}
