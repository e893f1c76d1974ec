package dev.webbench.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JitCompilationsTest {
    @Test
    void readsHotSpotsCompileCounter() {
        assertThat(JitCompilations.parse("java.ci.totalTime=1035467009\nsun.ci.osrCompiles=4\nsun.ci.totalCompiles=800\n"))
                .isEqualTo(OptionalLong.of(800));
        assertThat(JitCompilations.parse("1234: Could not find any processes")).isEmpty();
    }

    @Test
    void countsThisJvmsCompilations() {
        // The bench's own JVM has compiled plenty by the time a test runs.
        assertThat(JitCompilations.of(ProcessHandle.current().pid()).orElseThrow()).isPositive();
    }
}
