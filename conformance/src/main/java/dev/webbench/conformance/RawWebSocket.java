package dev.webbench.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@code /counter} client at the socket level, for misbehaviour a WebSocket library will not do:
 * never reading after the handshake, or vanishing with a TCP reset and no close frame.
 */
public final class RawWebSocket implements AutoCloseable {
    private final Socket socket;

    private RawWebSocket(Socket socket) {
        this.socket = socket;
    }

    /** Completes the upgrade handshake, then reads nothing more unless asked. */
    public static RawWebSocket connect(URI base, int receiveBufferBytes) {
        try {
            Socket socket = new Socket();
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET /counter HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String head = readHead(socket.getInputStream());
            if (!head.startsWith("HTTP/1.1 101")) {
                socket.close();
                throw new AssertionError("WebSocket upgrade refused: " + head.lines().findFirst().orElse(head));
            }
            return new RawWebSocket(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("raw WebSocket connect failed", e);
        }
    }

    // Reads byte by byte so that no frame after the handshake is consumed.
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Opcodes of RFC 6455 §5.2. */
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** A frame the server sent (servers never mask, RFC 6455 §5.1). */
    public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        /** The status code of a close frame, or 1005 ("no status received", RFC 6455 §7.1.5) when it carries none. */
        public int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : 1005;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A counter update: a text frame holding a decimal count. */
        public boolean isCount() {
            return opcode == TEXT && fin && text().matches("[0-9]{1,9}");
        }

        @Override
        public String toString() {
            return "opcode " + opcode + (fin ? "" : " (FIN=0)") + ", " + payload.length + " bytes"
                    + (opcode == CLOSE ? ", code " + closeCode() : opcode == TEXT ? " '" + text() + "'" : "");
        }
    }

    /**
     * The bytes of one client frame (RFC 6455 §5.2), masked with a random key unless {@code masked} is false;
     * {@code rsv} holds the RSV1-3 bits in its low three bits (RSV1 = 4).
     */
    public static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | opcode & 0xF);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            out.write(maskBit | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] key = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(key);
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }

    /** A final, masked frame: what a well-behaved client sends. */
    public static byte[] frame(int opcode, byte[] payload) {
        return frame(true, 0, opcode, true, payload);
    }

    /** The payload of a close frame: a status code (RFC 6455 §5.5.1). */
    public static byte[] closePayload(int code) {
        return new byte[] {(byte) (code >>> 8), (byte) code};
    }

    /** Writes raw bytes (frames built by {@link #frame}); an IOException means the server has closed or reset. */
    public void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /**
     * The next frame from the server, waiting at most {@code timeoutMillis}.
     *
     * @throws java.net.SocketTimeoutException when none arrives in time
     * @throws java.io.EOFException            when the server closed the connection instead
     */
    public Frame readFrame(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        int first = readByte(in);
        int second = readByte(in);
        long length = second & 0x7F;
        if (length == 126) {
            length = (long) readByte(in) << 8 | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | readByte(in);
            }
        }
        if (length > 1 << 20) {
            throw new IOException("a server frame of " + length + " bytes: not a /counter frame");
        }
        byte[] key = (second & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new java.io.EOFException("connection closed mid-frame");
        }
        if (key != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        return new Frame((first & 0x80) != 0, first >>> 4 & 7, first & 0xF, payload);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b == -1) {
            throw new java.io.EOFException("connection closed by the server");
        }
        return b;
    }

    public Socket socket() {
        return socket;
    }

    /** Drops the connection with a TCP reset: no close frame, no FIN. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the server has closed this connection (EOF or reset), reading and discarding frames meanwhile. */
    public boolean serverClosedWithin(int timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                if (in.read(buffer) == -1) {
                    return true;
                }
            }
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
