package dev.webbench.bench.ceiling;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.function.Supplier;

/**
 * How both HTTP-side ceilings listen: Netty on epoll where it loads (NIO otherwise), one event loop per CPU the
 * process may use, on {@code PORT}. The same transport as impl-netty, so a ceiling differs from a target only in what
 * it does per request, not in how it waits for sockets.
 */
final class CeilingServers {
    private CeilingServers() {
    }

    /** A listening server; closing it stops its event loops. */
    record Listening(Channel channel, EventLoopGroup group) implements AutoCloseable {
        int port() {
            return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
        }

        /** Until the JVM exits: the shutdown hook stops the event loops. */
        void serveForever() throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(this::close));
            channel.closeFuture().sync();
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Listens on {@code port} (0: any free one); each accepted connection gets the handlers {@code perConnection} makes. */
    static Listening listen(int port, Supplier<ChannelHandler[]> perConnection) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(io);
        return new Listening(new ServerBootstrap().group(group).channel(channel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(perConnection.get());
                    }
                })
                .bind(port).sync().channel(), group);
    }

    static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    }
}
