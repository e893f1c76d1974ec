package dev.webbench.bench.wrk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkReportTest {
    static final String OUTPUT = """
            Running 1s test @ http://127.0.0.1:8080/time
              2 threads and 64 connections
            WEBBENCH_JSON {"duration_us":1002345,"requests":40123,"bytes":6500000,"errors":{"connect":0,"read":1,"write":0,"status":3,"timeout":2},"latency_us":{"min":50,"mean":1500.5,"stdev":300.2,"max":25000,"p50":1200,"p75":1600,"p90":2100,"p99":9000,"p999":20000}}
            0m0.010s 0m0.020s
            0m0.350s 0m0.610s
            """;

    @Test
    void parsesTheDoneLineAndTheLoadGeneratorsCpu() {
        WrkReport report = WrkReport.parse(OUTPUT);
        assertThat(report.requests()).isEqualTo(40123);
        assertThat(report.requestsPerSecond()).isCloseTo(40123 / 1.002345, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(report.errors().total()).isEqualTo(6);
        assertThat(report.errors().status()).isEqualTo(3);
        assertThat(report.latencyMicros().p99()).isEqualTo(9000);
        assertThat(report.latencyMicros().mean()).isEqualTo(1500.5);
        assertThat(report.loadCpuSeconds()).isCloseTo(0.96, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void missingDoneLineFailsWithTheOutputQuoted() {
        assertThatThrownBy(() -> WrkReport.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .hasMessageContaining("WEBBENCH_JSON").hasMessageContaining("Connection refused");
    }

    @Test
    void malformedDoneLineIsReported() {
        assertThatThrownBy(() -> WrkReport.parse("WEBBENCH_JSON {\"requests\":"))
                .hasMessageContaining("malformed");
    }

    @Test
    void cpuIsNotMeasuredWithoutTimes() {
        assertThat(WrkReport.parse(OUTPUT.lines().limit(3).reduce("", (a, b) -> a + b + "\n")).loadCpuSeconds()).isNull();
        assertThat(WrkReport.childCpuSeconds("1m2.500s 0m0.500s\n2m0.000s 0m1.000s")).contains(121.0);
    }
}
