package dev.webbench.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Something the bench loads: an implementation's jar (one per thread model where it has them), the
 * HTTP ceiling, or an external server given with {@code --target name=url}.
 *
 * @param jar        the runnable jar to start in a child JVM; null for an external target
 * @param env        extra environment for the child (e.g. THREAD_MODEL)
 * @param url        where an external target listens; null for ones we start
 * @param sources    main-source folder for the lines-of-code count; null when unknown
 * @param scenarios  what this target can serve (the ceiling answers only /time)
 */
public record Target(String name, Kind kind, Path jar, String mainClass, Map<String, String> env, URI url, Path sources,
                     Set<Scenario> scenarios) {

    public enum Kind {
        IMPLEMENTATION, HTTP_CEILING, EXTERNAL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public boolean started() {
        return kind != Kind.EXTERNAL;
    }
}
