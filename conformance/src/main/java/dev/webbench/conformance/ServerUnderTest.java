package dev.webbench.conformance;

import dev.webbench.config.AppConfig;
import dev.webbench.config.ThreadModel;
import dev.webbench.provision.Postgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server a kit class checks. For an implementation module it boots the module's real server
 * factory in-process on a free port, against the provisioned database; for {@link KitMain} it is
 * just a URL.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServerUnderTest SERVER = ServerUnderTest.inProcess("impl-servlet", ThreadModel.VIRTUAL,
 *         config -> ServletApp.start(config));
 * }</pre>
 */
public final class ServerUnderTest implements BeforeAllCallback, AfterAllCallback {
    /** The contract default; the fault checks derive the bound they assert from it. */
    public static final Duration KIT_DB_TIMEOUT = AppConfig.DEFAULT_DB_TIMEOUT;

    /** Starts a server for a config and returns its handle; the config's port is 0 (any free port). */
    @FunctionalInterface
    public interface Factory {
        Running start(AppConfig config) throws Exception;
    }

    /** A started server: where it listens, and how to stop it. */
    public interface Running extends AutoCloseable {
        URI uri();

        @Override
        void close() throws Exception;
    }

    private final String name;
    private final ThreadModel threadModel;
    private final Factory factory;
    private final boolean childJvm;
    private Path jar;
    private URI uri;
    private Postgres postgres;
    private Running running;
    private JarProcess process;

    private ServerUnderTest(String name, ThreadModel threadModel, Factory factory, boolean childJvm, URI uri, Postgres postgres) {
        this.name = name;
        this.threadModel = threadModel;
        this.factory = factory;
        this.childJvm = childJvm;
        this.uri = uri;
        this.postgres = postgres;
        String jarProperty = System.getProperty("kit.jar");
        this.jar = jarProperty == null ? null : Path.of(jarProperty);
    }

    /** Boots {@code factory} before the class's tests and stops it after them. */
    public static ServerUnderTest inProcess(String name, ThreadModel threadModel, Factory factory) {
        return new ServerUnderTest(name, threadModel, factory, false, null, null);
    }

    /**
     * Starts the module's runnable jar ({@code kit.jar}) in a child JVM with the bench's flags
     * ({@link JarProcess#SERVER_JVM_FLAGS}: a 512 MiB heap) before the class's tests, and stops it after
     * them, failing the class if the process died meanwhile. For the hostile groups: an out-of-memory
     * crash or a wedged event loop is then seen the way a user sees it, and cannot take the test JVM down.
     */
    public static ServerUnderTest childJvm(String name, ThreadModel threadModel) {
        return new ServerUnderTest(name, threadModel, null, true, null, null);
    }

    /** {@link #childJvm(String, ThreadModel)} for an implementation without a {@code THREAD_MODEL} choice. */
    public static ServerUnderTest childJvm(String name) {
        return new ServerUnderTest(name, null, null, true, null, null);
    }

    /** A server someone else runs. {@code postgres} is its database when known, for the database-side checks. */
    public static ServerUnderTest remote(URI uri, Postgres postgres) {
        return new ServerUnderTest(null, null, null, false, uri, postgres);
    }

    /** The runnable jar for the child-process checks; defaults to the {@code kit.jar} system property. */
    public ServerUnderTest withJar(Path runnableJar) {
        this.jar = runnableJar;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (childJvm) {
            postgres = Postgreses.shared(context);
            Path runnable = runnableJar().orElseThrow(() -> new IllegalStateException(
                    "no runnable jar (system property kit.jar = " + jar + "): run the kit after 'package' (failsafe does)"));
            java.util.Map<String, String> env = new java.util.HashMap<>();
            env.put("DB_TIMEOUT_MS", String.valueOf(KIT_DB_TIMEOUT.toMillis()));
            if (threadModel != null) {
                env.put("THREAD_MODEL", threadModel.label());
            }
            process = JarProcess.start(runnable, postgres.settings(), env, JarProcess.SERVER_JVM_FLAGS);
            uri = process.uri();
            return;
        }
        if (factory == null) {
            return;
        }
        postgres = Postgreses.shared(context);
        running = factory.start(config());
        uri = running.uri();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (running != null) {
            running.close();
            running = null;
        }
        if (process != null) {
            JarProcess stopping = process;
            process = null;
            stopping.closeExpectingAlive(name, "the hostile groups");
        }
    }

    /** The child JVM this server runs in, for its liveness, memory and output; empty for the other modes. */
    public Optional<JarProcess> process() {
        return Optional.ofNullable(process);
    }

    /** The configuration the in-process server was started with. */
    public AppConfig config() {
        requireInProcess();
        return AppConfig.of(postgres.settings(), threadModel).withDbTimeout(KIT_DB_TIMEOUT);
    }

    public URI baseUri() {
        if (uri == null) {
            throw new IllegalStateException("the server is not started: register ServerUnderTest with @RegisterExtension on a static field");
        }
        return uri;
    }

    /** The expected {@code Server} header, when the implementation is known. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<ThreadModel> threadModel() {
        return Optional.ofNullable(threadModel);
    }

    public Optional<Postgres> database() {
        return Optional.ofNullable(postgres);
    }

    /**
     * How long a request may take to fail while the database is unavailable: the wait for a pooled
     * connection and the statement are each bounded by the DB timeout, plus a margin for a busy machine.
     */
    public Duration unavailableBound() {
        Duration timeout = factory == null && !childJvm ? AppConfig.DEFAULT_DB_TIMEOUT : KIT_DB_TIMEOUT;
        return timeout.multipliedBy(2).plusMillis(1500);
    }

    public Optional<Path> runnableJar() {
        return Optional.ofNullable(jar).filter(Files::isRegularFile);
    }

    Optional<Path> declaredJar() {
        return Optional.ofNullable(jar);
    }

    private void requireInProcess() {
        if (factory == null || postgres == null) {
            throw new IllegalStateException("only an in-process server has a config");
        }
    }
}
