package dev.webbench.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many slow clients on one selector thread: each second every trickler sends one more byte, and every slow reader
 * reads a few bytes; whatever a trickler receives is read at once, so that the moment the server closes it is seen.
 */
final class Tricklers implements AutoCloseable {
    /** How many bytes a slow reader takes per second. */
    static final int READ_PER_SECOND = 64;
    /** {@code GET /brands} requests each slow reader pipelines: some 44 KB of answers it takes minutes to read. */
    static final int PIPELINED = 10;
    private static final Duration TICK = Duration.ofSeconds(1);

    enum Kind {
        /** Connects and sends nothing at all. */
        IDLE,
        /** Sends a request line and {@code Host} at once, then one more header byte a second, never the blank line. */
        HEADERS,
        /** Sends complete {@code POST /product} headers at once, then its body one byte a second. */
        BODY,
        /** Sends pipelined {@code GET /brands} requests at once, then reads their answers {@link #READ_PER_SECOND} bytes a second. */
        READER
    }

    /** One slow client: what it does, when it sent its last header byte (or connected), and when the server closed it. */
    static final class Client {
        final Kind kind;
        final SocketChannel channel;
        final long connectedNanos;
        final byte[] trickle;
        int trickled;
        volatile long closedNanos;

        private Client(Kind kind, SocketChannel channel, byte[] trickle) {
            this.kind = kind;
            this.channel = channel;
            this.connectedNanos = System.nanoTime();
            this.trickle = trickle;
        }

        boolean closed() {
            return closedNanos != 0;
        }

        /** From connect (whose headers a BODY client sent at once) until the server closed it; null while open. */
        Duration lifetime() {
            return closed() ? Duration.ofNanos(closedNanos - connectedNanos) : null;
        }
    }

    private final List<Client> clients = new ArrayList<>();
    private final Selector selector;
    private final Thread loop;
    private volatile boolean stop;

    private Tricklers(Selector selector) {
        this.selector = selector;
        this.loop = Thread.ofPlatform().daemon().name("kit-tricklers").unstarted(this::run);
    }

    /**
     * Connects {@code idle + headers + bodies + readers} clients to {@code base}, sends what each sends at once, and starts
     * the selector thread. Body tricklers post products named {@code productPrefix + i}.
     */
    static Tricklers start(URI base, int idle, int headers, int bodies, int readers, String productPrefix) {
        try {
            Tricklers tricklers = new Tricklers(Selector.open());
            InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
            String host = "Host: " + base.getHost() + ":" + base.getPort() + "\r\n";
            try {
                for (int i = 0; i < idle; i++) {
                    tricklers.add(Kind.IDLE, address, "", "");
                }
                for (int i = 0; i < headers; i++) {
                    tricklers.add(Kind.HEADERS, address, "GET /time HTTP/1.1\r\n" + host,
                            "X-Trickle: a slow client sends its headers one byte a second\r\n".repeat(4));
                }
                for (int i = 0; i < bodies; i++) {
                    String body = "{\"product_name\":\"" + productPrefix + i + "\",\"brand_id\":1}";
                    tricklers.add(Kind.BODY, address, "POST /product HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n", body);
                }
                String brands = "GET /brands HTTP/1.1\r\n" + host + "\r\n";
                for (int i = 0; i < readers; i++) {
                    tricklers.add(Kind.READER, address, brands.repeat(PIPELINED), "");
                }
            } catch (IOException | RuntimeException e) {
                tricklers.close();
                throw e;
            }
            tricklers.loop.start();
            return tricklers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the slow clients", e);
        }
    }

    private void add(Kind kind, InetSocketAddress address, String atOnce, String trickle) throws IOException {
        SocketChannel channel = SocketChannel.open();
        if (kind == Kind.READER) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        }
        channel.connect(address);
        if (!atOnce.isEmpty()) {
            channel.write(ByteBuffer.wrap(atOnce.getBytes(StandardCharsets.ISO_8859_1)));
        }
        channel.configureBlocking(false);
        Client client = new Client(kind, channel, trickle.getBytes(StandardCharsets.ISO_8859_1));
        synchronized (clients) {
            clients.add(client);
        }
        if (kind != Kind.READER) {
            selector.wakeup();
            channel.register(selector, SelectionKey.OP_READ, client);
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        long nextTick = System.nanoTime() + TICK.toNanos();
        try {
            while (!stop) {
                selector.select(Math.max(1, (nextTick - System.nanoTime()) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    drain((Client) key.attachment(), key, buffer);
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() >= nextTick) {
                    tick(buffer);
                    nextTick += TICK.toNanos();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!stop) {
                throw new IllegalStateException("the slow clients' selector failed", e);
            }
        }
    }

    /** A trickler reads whatever the server sends (an error answer, say), and notes the close. */
    private static void drain(Client client, SelectionKey key, ByteBuffer buffer) {
        try {
            buffer.clear();
            if (client.channel.read(buffer) == -1) {
                closed(client, key);
            }
        } catch (IOException reset) {
            closed(client, key);
        }
    }

    private void tick(ByteBuffer buffer) {
        List<Client> snapshot;
        synchronized (clients) {
            snapshot = List.copyOf(clients);
        }
        for (Client client : snapshot) {
            if (client.closed()) {
                continue;
            }
            try {
                if (client.kind == Kind.READER) {
                    buffer.clear().limit(READ_PER_SECOND);
                    if (client.channel.read(buffer) == -1) {
                        closed(client, client.channel.keyFor(selector));
                    }
                } else if (client.trickled < client.trickle.length) {
                    client.channel.write(ByteBuffer.wrap(client.trickle, client.trickled, 1));
                    client.trickled++;
                }
            } catch (IOException reset) {
                closed(client, client.channel.keyFor(selector));
            }
        }
    }

    private static void closed(Client client, SelectionKey key) {
        if (client.closedNanos == 0) {
            client.closedNanos = System.nanoTime();
        }
        if (key != null) {
            key.cancel();
        }
    }

    List<Client> clients(Kind kind) {
        synchronized (clients) {
            return clients.stream().filter(client -> client.kind == kind).toList();
        }
    }

    @Override
    public void close() {
        stop = true;
        selector.wakeup();
        try {
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (clients) {
            for (Client client : clients) {
                try {
                    client.channel.close();
                } catch (IOException e) {
                    // already gone
                }
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
