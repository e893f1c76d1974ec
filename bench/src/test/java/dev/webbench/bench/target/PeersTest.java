package dev.webbench.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webbench.conformance.JarProcess;
import dev.webbench.sql.Query;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/** --peers parsing, the peers' command lines, the import check and its apt-get line, and their SQL against shared-sql's. */
class PeersTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void peersWithoutAListMeansAllThreeAndAListIsTakenInOrderOnce() {
        assertThat(Peers.parse(Peers.ALL)).containsExactly(Peers.Peer.AIOHTTP, Peers.Peer.STARLETTE, Peers.Peer.FLASK);
        assertThat(Peers.parse("starlette, aiohttp,starlette")).containsExactly(Peers.Peer.STARLETTE, Peers.Peer.AIOHTTP);
        assertThatThrownBy(() -> Peers.parse("django")).hasMessageContaining("no peer 'django'").hasMessageContaining("aiohttp, starlette, flask");
    }

    @Test
    void eachPeerRunsTheWayTheDocumentRunsIt() {
        Path dir = Path.of("/x/peers/flask");
        assertThat(Peers.Peer.AIOHTTP.command(Path.of("/x/peers/aiohttp"))).containsExactly("/usr/bin/python3", "/x/peers/aiohttp/app.py");
        assertThat(Peers.Peer.STARLETTE.command(Path.of("/x/peers/starlette"))).containsExactly("/usr/bin/python3", "/x/peers/starlette/app.py");
        assertThat(Peers.Peer.FLASK.command(dir)).containsExactly("/usr/bin/python3", "-m", "gunicorn", "--config",
                "/x/peers/flask/gunicorn.conf.py", "--chdir", "/x/peers/flask", "app:app");
    }

    @Test
    void theTargetsArePeersFromTheCheckoutAndOnlyFlaskLacksTheCounter() {
        List<Target> targets = Peers.targets(ROOT, Peers.ALL);
        assertThat(targets).extracting(Target::name).containsExactly("aiohttp", "starlette", "flask");
        assertThat(targets).allSatisfy(t -> {
            assertThat(t.kind()).isEqualTo(Target.Kind.PEER);
            assertThat(t.kind().id()).isEqualTo("peer");
            assertThat(t.started()).isTrue();
            assertThat(Files.isRegularFile(t.sources().resolve("app.py"))).isTrue();
        });
        assertThat(targets).filteredOn(Target::servesCounter).extracting(Target::name).containsExactly("aiohttp", "starlette");
        JarProcess.Launch launch = targets.get(1).launch("0", Path.of("/tmp/starlette.log"));
        assertThat(launch.program()).containsExactly("/usr/bin/python3", ROOT.resolve("peers/starlette/app.py").toString());
        assertThat(launch.jar()).isNull();
        assertThat(launch.jvmFlags()).isEmpty();
        assertThat(launch.cpus()).isEqualTo("0");
        assertThat(Targets.sourceLines(targets.get(1).sources())).isPositive();
    }

    @Test
    void aMissingModuleFailsWithTheOneAptGetLine() {
        assertThat(Peers.importProblem(List.of("json"))).isNull();
        assertThat(Peers.importProblem(List.of("json", "no_such_module_webbench"))).contains("No module named 'no_such_module_webbench'");
        assertThat(Peers.installLine(List.of(Peers.Peer.AIOHTTP, Peers.Peer.STARLETTE))).isEqualTo("sudo apt-get install -y python3 "
                + "python3-aiohttp python3-asyncpg python3-starlette uvicorn python3-uvloop python3-httptools python3-wsproto");
        assertThat(Peers.missingPackages("No module named 'flask'", List.of(Peers.Peer.FLASK))).hasMessage("--peers needs Debian's "
                + "Python packages (No module named 'flask'): install them with 'sudo apt-get install -y python3 python3-flask gunicorn python3-psycopg2'");
    }

    /** CI installs the packages (.ci/run): there, every peer's imports must succeed; elsewhere WEBBENCH_SKIP_PEERS=1 leaves this out. */
    @Test
    @DisabledIfEnvironmentVariable(named = "WEBBENCH_SKIP_PEERS", matches = "1")
    void debiansPythonImportsWhatEveryPeerNeeds() {
        Peers.requireImports(List.of(Peers.Peer.values()));
    }

    /** CI's apt line (.ci/run) installs what --peers would ask for, and checks the same imports. */
    @Test
    void ciInstallsEveryPeersPackages() throws Exception {
        String ci = Files.readString(ROOT.resolve(".ci/run"));
        for (Peers.Peer peer : Peers.Peer.values()) {
            assertThat(ci).as(peer.id()).contains(peer.debianPackages.stream().map(p -> " " + p).toList());
            peer.modules.forEach(module -> assertThat(ci).as(peer.id()).containsPattern("import [a-z0-9, ]*\\b" + module + "\\b"));
        }
    }

    /** The peers hold a copy of shared-sql's statements (Python cannot read the enum); it must stay the same text. */
    @Test
    void thePeersSqlIsSharedSqlsWordForWord() throws Exception {
        String python = Files.readString(ROOT.resolve("peers/contract.py"));
        Matcher constant = Pattern.compile("(?m)^([A-Z_]+) = \"((?:SELECT|INSERT)[^\"]*)\"$").matcher(python);
        Map<String, String> found = new java.util.LinkedHashMap<>();
        while (constant.find()) {
            found.put(constant.group(1), constant.group(2));
        }
        assertThat(found).containsOnlyKeys("LIST_BRANDS", "PRODUCT_BY_ID", "INSERT_PRODUCT");
        found.forEach((name, sql) -> assertThat(sql).as(name).isEqualTo(Query.valueOf(name).postgres()));
    }
}
