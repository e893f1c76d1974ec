package dev.webbench.bench.ceiling;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.bench.target.Target;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

/**
 * The generator ceiling as a target: {@link GeneratorCeilingServer} run from the bench's own jar on the server CPUs,
 * loaded by wrk on /time like the others (its answer is not the contract's: nothing checks it).
 */
public final class GeneratorCeiling {
    private GeneratorCeiling() {
    }

    public static Target target(Path benchJar, Path root) {
        return new Target(Results.GENERATOR_CEILING, Target.Kind.GENERATOR_CEILING, benchJar, GeneratorCeilingServer.class.getName(),
                Map.of(), null, root.resolve("bench/src/main/java/dev/webbench/bench/ceiling/GeneratorCeilingServer.java"),
                EnumSet.of(Scenario.TIME));
    }
}
