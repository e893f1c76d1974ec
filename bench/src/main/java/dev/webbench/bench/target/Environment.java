package dev.webbench.bench.target;

import dev.webbench.bench.model.Results;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a reader needs to trust or reproduce a run: machine, OS, JDK, commit, tools. */
public final class Environment {
    public static final String SHARED_MACHINE_NOTE = "Load generator, servers and PostgreSQL share this machine's CPUs: "
            + "absolute numbers include that contention; read them as ratios to the ceilings measured in the same run.";

    private Environment() {
    }

    public static Results.EnvironmentInfo capture(Path repoRoot, String postgresVersion, String postgresProvider, String wrkVersion) {
        String commit = command(repoRoot, "git", "rev-parse", "HEAD");
        String status = command(repoRoot, "git", "status", "--porcelain", "--untracked-files=no");
        return new Results.EnvironmentInfo(
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                memoryMib(),
                read("/proc/sys/kernel/osrelease", System.getProperty("os.version")),
                osName(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                commit.isEmpty() ? "unknown" : commit,
                !status.isEmpty(),
                postgresVersion,
                postgresProvider,
                wrkVersion,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                SHARED_MACHINE_NOTE, null);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static long memoryMib() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static String osName() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst()
                    .orElse(System.getProperty("os.name"));
        } catch (IOException e) {
            return System.getProperty("os.name") + " " + System.getProperty("os.version");
        }
    }

    private static String read(String file, String fallback) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return fallback;
        }
    }

    static String command(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
