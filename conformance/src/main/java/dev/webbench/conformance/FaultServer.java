package dev.webbench.conformance;

import dev.webbench.config.ThreadModel;
import dev.webbench.provision.ControllablePostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server a {@link DatabaseFaultContract} class inflicts faults on: the module's runnable jar ({@code kit.jar}) in
 * a child JVM with the bench's flags, a small pool ({@value #POOL_SIZE}) and a short {@code DB_TIMEOUT_MS}
 * ({@link #DB_TIMEOUT}), over a PostgreSQL the kit controls ({@link Postgreses#controllable}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FaultServer SERVER = FaultServer.childJvm(NettyServer.NAME, ThreadModel.PLATFORM);
 * }</pre>
 */
public final class FaultServer implements BeforeAllCallback, AfterAllCallback {
    /** Small, so that "every pooled connection at work" takes few requests, and a leak of one is a quarter of the pool. */
    public static final int POOL_SIZE = 4;
    /** Short, so that the faults' windows are short; the bounds asserted are stated in terms of it. */
    public static final Duration DB_TIMEOUT = Duration.ofMillis(1000);

    private final String name;
    private final ThreadModel threadModel;
    private final FaultTarget.PoolShape pool;
    private ControllablePostgres db;
    private Path jar;
    private JarProcess process;

    private FaultServer(String name, ThreadModel threadModel, FaultTarget.PoolShape pool) {
        this.name = name;
        this.threadModel = threadModel;
        this.pool = pool;
    }

    /** A server with one pool of {@value #POOL_SIZE} per process. {@code threadModel} null: no {@code THREAD_MODEL} choice. */
    public static FaultServer childJvm(String name, ThreadModel threadModel) {
        return new FaultServer(name, threadModel, FaultTarget.PoolShape.perProcess(POOL_SIZE));
    }

    /** A server whose pool has another shape for {@code DB_POOL_SIZE} = {@value #POOL_SIZE} (see {@link FaultTarget.PoolShape}). */
    public static FaultServer childJvm(String name, ThreadModel threadModel, FaultTarget.PoolShape pool) {
        return new FaultServer(name, threadModel, pool);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String declared = System.getProperty("kit.jar");
        jar = declared == null ? null : Path.of(declared);
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("no runnable jar (system property kit.jar = " + declared + "): the fault group starts the "
                    + "server itself, so run it after 'package' (failsafe does)");
        }
        db = Postgreses.controllable(context);
        process = JarProcess.start(jar, db.settings(), environment(), JarProcess.SERVER_JVM_FLAGS);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (process == null) {
            return;
        }
        JarProcess stopping = process;
        process = null;
        stopping.closeExpectingAlive(name, "the database faults");
    }

    /** The environment the server gets besides the database settings. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("DB_POOL_SIZE", String.valueOf(POOL_SIZE));
        env.put("DB_TIMEOUT_MS", String.valueOf(DB_TIMEOUT.toMillis()));
        if (threadModel != null) {
            env.put("THREAD_MODEL", threadModel.label());
        }
        return env;
    }

    public FaultTarget target() {
        if (process == null) {
            throw new IllegalStateException("the server is not started: register FaultServer with @RegisterExtension on a static field");
        }
        // Every implementation names its sessions after itself (application_name).
        return new FaultTarget(name, process.uri(), db, name, DB_TIMEOUT, pool);
    }

    public Path jar() {
        return jar;
    }

    /** The child JVM, for its liveness and output. */
    public JarProcess process() {
        return process;
    }
}
