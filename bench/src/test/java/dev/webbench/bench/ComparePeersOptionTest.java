package dev.webbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --peers alone means all three and leaves the next option alone; a wrong name stops the run at once with one line. */
class ComparePeersOptionTest {

    @Test
    void peersWithoutAListIsAllAndDoesNotSwallowTheNextOption() {
        CommandLine command = Compare.commandLine();
        command.parseArgs("--peers", "--quick");
        Compare compare = command.getCommand();
        assertThat(compare.peers).isEqualTo("all");
        assertThat(compare.quick).isTrue();

        CommandLine some = Compare.commandLine();
        some.parseArgs("--peers", "aiohttp,starlette");
        assertThat(((Compare) some.getCommand()).peers).isEqualTo("aiohttp,starlette");

        CommandLine none = Compare.commandLine();
        none.parseArgs("--quick");
        assertThat(((Compare) none.getCommand()).peers).isNull();
    }

    @Test
    void anUnknownPeerExitsWithOneLineBeforeAnythingStarts() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Compare.commandLine().execute("--peers", "django", "--skip-latency");
        } finally {
            System.setErr(stderr);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("compare: no peer 'django'; known: aiohttp, starlette, flask");
    }
}
