package dev.webbench.bench.target;

import dev.webbench.bench.model.Scenario;
import dev.webbench.conformance.JarProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The document's own Python frameworks as reference targets ({@code ./compare --peers}): its aiohttp, Starlette and
 * Flask apps, ported in {@code peers/}, started against the same database and measured like the implementations. They
 * run on Debian's Python and packages, not a virtualenv: the Python package index is not reachable from the machines
 * the suite runs on, and Debian carries every package the document uses.
 */
public final class Peers {
    /** Debian's interpreter: a pyenv or venv {@code python3} earlier on PATH lacks the Debian packages. */
    static final String PYTHON = "/usr/bin/python3";
    /** What {@code --peers} without a list means. */
    public static final String ALL = "all";

    /** Each peer: the modules it imports, the Debian packages that hold them, and whether it has the WebSocket counter. */
    enum Peer {
        AIOHTTP(List.of("aiohttp", "asyncpg"), List.of("python3-aiohttp", "python3-asyncpg"), true),
        STARLETTE(List.of("starlette", "uvicorn", "uvloop", "httptools", "wsproto", "asyncpg"),
                List.of("python3-starlette", "uvicorn", "python3-uvloop", "python3-httptools", "python3-wsproto", "python3-asyncpg"), true),
        /** Flask has no WebSocket: no /counter, so no WebSocket runs. */
        FLASK(List.of("flask", "gunicorn", "psycopg2"), List.of("python3-flask", "gunicorn", "python3-psycopg2"), false);

        final List<String> modules;
        final List<String> debianPackages;
        final boolean servesCounter;

        Peer(List<String> modules, List<String> debianPackages, boolean servesCounter) {
            this.modules = modules;
            this.debianPackages = debianPackages;
            this.servesCounter = servesCounter;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** How the document runs it: aiohttp's web.run_app and uvicorn.run from the app itself, Flask under gunicorn. */
        List<String> command(Path appDir) {
            return switch (this) {
                case AIOHTTP, STARLETTE -> List.of(PYTHON, appDir.resolve("app.py").toString());
                case FLASK -> List.of(PYTHON, "-m", "gunicorn", "--config", appDir.resolve("gunicorn.conf.py").toString(),
                        "--chdir", appDir.toString(), "app:app");
            };
        }
    }

    private Peers() {
    }

    /** {@code --peers} ({@value #ALL}) or {@code --peers aiohttp,starlette}: the peers named, in the order given, each once. */
    static List<Peer> parse(String spec) {
        if (spec == null || spec.isBlank() || spec.strip().equals(ALL)) {
            return List.of(Peer.values());
        }
        Set<Peer> chosen = new LinkedHashSet<>();
        for (String name : spec.split(",")) {
            String wanted = name.strip();
            chosen.add(Arrays.stream(Peer.values()).filter(p -> p.id().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no peer '" + wanted + "'; known: " + known())));
        }
        return List.copyOf(chosen);
    }

    /** The targets for {@code --peers spec} in the checkout at {@code root}, once their Python packages import. */
    public static List<Target> targets(Path root, String spec) {
        List<Peer> peers = parse(spec);
        requireImports(peers);
        List<Target> targets = new ArrayList<>();
        for (Peer peer : peers) {
            Path appDir = root.resolve("peers").resolve(peer.id());
            if (!Files.isRegularFile(appDir.resolve("app.py"))) {
                throw new IllegalStateException(appDir.resolve("app.py") + " is missing");
            }
            targets.add(new Target(peer.id(), Target.Kind.PEER, null, null, Map.of(), null, appDir, EnumSet.allOf(Scenario.class)));
        }
        return targets;
    }

    /** How the bench starts a peer: its command, pinned and logged like a jar; JVM flags do not apply. */
    static JarProcess.Launch launch(Target target) {
        return JarProcess.Launch.command(peer(target).command(target.sources().toAbsolutePath()));
    }

    /** Whether a target has the contract's WebSocket counter (every target but Flask and the HTTP ceiling). */
    static boolean servesCounter(Target target) {
        return switch (target.kind()) {
            case HTTP_CEILING -> false;
            case PEER -> peer(target).servesCounter;
            default -> true;
        };
    }

    /** Fails with the one {@code apt-get install} line when Debian's Python cannot import what these peers need. */
    static void requireImports(List<Peer> peers) {
        List<String> modules = peers.stream().flatMap(p -> p.modules.stream()).distinct().toList();
        String problem = importProblem(modules);
        if (problem != null) {
            throw missingPackages(problem, peers);
        }
    }

    static IllegalStateException missingPackages(String problem, List<Peer> peers) {
        return new IllegalStateException("--peers needs Debian's Python packages (" + problem + "): install them with '" + installLine(peers) + "'");
    }

    /** {@code sudo apt-get install -y ...}, every package these peers need, each once. */
    static String installLine(List<Peer> peers) {
        return "sudo apt-get install -y python3 " + peers.stream().flatMap(p -> p.debianPackages.stream()).distinct()
                .collect(Collectors.joining(" "));
    }

    /** Null when {@code python3 -c "import a, b"} succeeds, else what went wrong, in Python's own words. */
    static String importProblem(List<String> modules) {
        try {
            Process process = new ProcessBuilder(PYTHON, "-c", "import " + String.join(", ", modules)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return PYTHON + " did not finish importing within 30 s";
            }
            return process.exitValue() == 0 ? null
                    : output.lines().filter(l -> !l.isBlank()).reduce((first, second) -> second).orElse("exit " + process.exitValue());
        } catch (IOException e) {
            return PYTHON + " cannot run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Peer peer(Target target) {
        return Peer.valueOf(target.name().toUpperCase(Locale.ROOT));
    }

    private static String known() {
        return Arrays.stream(Peer.values()).map(Peer::id).collect(Collectors.joining(", "));
    }
}
