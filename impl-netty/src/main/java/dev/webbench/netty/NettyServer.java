package dev.webbench.netty;

import com.zaxxer.hikari.HikariDataSource;
import dev.webbench.config.AppConfig;
import dev.webbench.contract.Limits;
import dev.webbench.jdbc.JdbcPool;
import dev.webbench.jdbc.JdbcProducts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract on raw Netty: {@link Main} and the conformance kit both use {@link #start}.
 *
 * <p>Transport: epoll when {@link Epoll#isAvailable()}, else NIO. Blocking JDBC runs off the event loops
 * ({@link Offload}): one virtual thread per request ({@code THREAD_MODEL=virtual}, the default) or a bounded
 * pool of platform threads ({@code THREAD_MODEL=platform}). Default {@code DB_POOL_SIZE}:
 * {@link JdbcPool#DEFAULT_SIZE} (cores x 2 + 1); the platform threads are as many as the pool's connections
 * ({@link JdbcPool#budget}). JDBC cannot pipeline: {@code DB_PIPELINING} above 1 is refused.
 *
 * <p>{@link #close()} stops gracefully: no new connections, in-flight requests finish (up to
 * {@link Limits#SHUTDOWN_GRACE_MILLIS}), WebSockets close with 1001, then the pool and the event loops stop.
 */
public final class NettyServer implements AutoCloseable {
    public static final String NAME = "impl-netty";
    private static final Logger LOG = LoggerFactory.getLogger(NettyServer.class);
    private static final int ACCEPT_BACKLOG = 1024;
    private static final long WEBSOCKET_CLOSE_MILLIS = 2_000;
    private static final long EVENT_LOOP_STOP_SECONDS = 2;

    private final Channel serverChannel;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final HikariDataSource pool;
    private final Offload offload;
    private final ConnectedClients clients;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private NettyServer(Channel serverChannel, EventLoopGroup acceptor, EventLoopGroup workers, HikariDataSource pool,
            Offload offload, ConnectedClients clients) {
        this.serverChannel = serverChannel;
        this.acceptor = acceptor;
        this.workers = workers;
        this.pool = pool;
        this.offload = offload;
        this.clients = clients;
    }

    /** Binds {@code config.port()} (0 picks a free one) and serves until {@link #close()}. */
    public static NettyServer start(AppConfig config) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(NAME + "-accept"), io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory(NAME + "-io"), io);
        HikariDataSource pool = JdbcPool.start(config, NAME);
        // One platform thread per pooled connection: the same budget the pool logged.
        Offload offload = Offload.forModel(config.threadModel(), JdbcPool.budget(config).connections(), config.dbTimeout());
        ConnectedClients clients = new ConnectedClients();
        HttpRouter router = new HttpRouter(new ProductRoutes(new JdbcProducts(pool)), offload);
        try {
            Channel channel = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new HttpServerInitializer(router, new CounterHandler(clients)))
                    .bind(config.port()).sync().channel();
            NettyServer server = new NettyServer(channel, acceptor, workers, pool, offload, clients);
            LOG.info("Transport: {}, {} blocking work", epoll ? "epoll" : "nio", config.threadModel().label());
            LOG.info("{} listening on {} ({})", NAME, server.uri(), config.describe());
            return server;
        } catch (Throwable e) {
            // A failed bind must not leave non-daemon event loop threads keeping the JVM alive. Throwable: sync()
            // rethrows the bind's checked IOException (NativeIoException: address in use) without declaring it.
            offload.close();
            pool.close();
            acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public URI uri() {
        int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port + "/");
    }

    /** Blocks until {@link #close()} has finished. */
    public void join() throws InterruptedException {
        stopped.await();
    }

    /** Graceful stop; a second call waits for the first to finish. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        long started = System.nanoTime();
        try {
            serverChannel.close().syncUninterruptibly();
            if (!offload.awaitIdle(Limits.SHUTDOWN_GRACE_MILLIS)) {
                LOG.warn("{} requests still in flight after {} ms; stopping anyway", offload.inFlight(), Limits.SHUTDOWN_GRACE_MILLIS);
            }
            clients.closeAll(WEBSOCKET_CLOSE_MILLIS);
            offload.close();
            pool.close();
            Future<?> acceptorStopped = acceptor.shutdownGracefully(0, EVENT_LOOP_STOP_SECONDS, TimeUnit.SECONDS);
            Future<?> workersStopped = workers.shutdownGracefully(0, EVENT_LOOP_STOP_SECONDS, TimeUnit.SECONDS);
            acceptorStopped.awaitUninterruptibly();
            workersStopped.awaitUninterruptibly();
            LOG.info("{} stopped in {} ms; database pool closed", NAME, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } finally {
            stopped.countDown();
        }
    }

    private void awaitStopped() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
