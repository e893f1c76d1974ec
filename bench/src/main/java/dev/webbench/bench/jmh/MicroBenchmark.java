package dev.webbench.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every {@code *Benchmark} here inherits: the average time of one call on one thread, in ns, over 2
 * forks of 5 × 1 s after 3 × 1 s of warm-up (about 18 s per benchmark, 3.5 min for the suite on 2 cores).
 * {@code ./compare jmh --quick} overrides them in {@code JmhCommand}; the forks get the servers'
 * heap and GC flags.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = MicroBenchmark.WARMUP_ITERATIONS, time = 1)
@Measurement(iterations = MicroBenchmark.MEASUREMENT_ITERATIONS, time = 1)
@Fork(value = MicroBenchmark.FORKS, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public abstract class MicroBenchmark {
    public static final int FORKS = 2;
    public static final int WARMUP_ITERATIONS = 3;
    public static final int MEASUREMENT_ITERATIONS = 5;
}
