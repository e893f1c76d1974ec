package dev.webbench.bench.ceiling;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.bench.target.Target;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

/** The HTTP ceiling as a target: {@link HttpCeilingServer} run from the bench's own jar, measured on /time only. */
public final class HttpCeiling {
    private HttpCeiling() {
    }

    public static Target target(Path benchJar, Path root) {
        return new Target(Results.HTTP_CEILING, Target.Kind.HTTP_CEILING, benchJar, HttpCeilingServer.class.getName(), Map.of(), null,
                root.resolve("bench/src/main/java/dev/webbench/bench/ceiling/HttpCeilingServer.java"), EnumSet.of(Scenario.TIME));
    }
}
