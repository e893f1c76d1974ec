package dev.webbench.servlet;

import dev.webbench.contract.Limits;
import dev.webbench.contract.Messages;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's whole body (at most {@link Limits#MAX_BODY_BYTES}) before the rest of the chain sees the
 * request, so that a client trickling its body holds nothing scarce meanwhile: no {@link DatabaseAdmission} turn, no
 * database connection, and no thread. The body is read with Jetty's asynchronous content API
 * ({@code Request.read()} / {@code demand()}, "Reading Request Content" in the Jetty 12 programming guide): each
 * arrival of bytes runs a short task, copies them, and releases Jetty's buffer, so a thousand tricklers cost a
 * thousand small byte arrays, not a thousand blocked threads or retained network buffers.
 *
 * <p>Then the next handler gets the request with the body already in memory, and the servlet's blocking
 * {@code getInputStream()} never waits. A body over the limit is 413: up to {@link Limits#MAX_DRAINED_BODY_BYTES} of
 * it is read and discarded so that the client sees the answer and the connection stays usable; a longer one (or a
 * declared length past that) closes the connection. A body not complete {@link Limits#REQUEST_BODY_TIMEOUT_SECONDS}
 * after its headers gets 408 and the connection is closed.
 */
final class BodyFirstHandler extends Handler.Wrapper {

    BodyFirstHandler(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        if (declared > Limits.MAX_DRAINED_BODY_BYTES) {
            // Too much to drain: answer at once and close, before a byte of it is read.
            refuse(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, Messages.BODY_TOO_LARGE, true);
            return true;
        }
        new BodyReader(request, response, callback, declared > Limits.MAX_BODY_BYTES).start();
        return true;
    }

    private static void refuse(Response response, Callback callback, int status, String message, boolean close) {
        if (close) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        JsonErrorHandler.write(response, callback, status, message);
    }

    /** One request's body, read chunk by chunk as it arrives; finishes exactly once (body, 413, 408 or failure). */
    private final class BodyReader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final AtomicBoolean finished = new AtomicBoolean();
        /** The 413 is already written (declared too large): what arrives is drained, then the exchange completes. */
        private final boolean discarding;
        private long received;
        private volatile Scheduler.Task deadline;

        BodyReader(Request request, Response response, Callback callback, boolean refusedByLength) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.discarding = refusedByLength;
        }

        void start() {
            long elapsed = System.nanoTime() - request.getHeadersNanoTime();
            long remaining = TimeUnit.SECONDS.toNanos(Limits.REQUEST_BODY_TIMEOUT_SECONDS) - elapsed;
            deadline = request.getComponents().getScheduler().schedule(this::expire, Math.max(0, remaining), TimeUnit.NANOSECONDS);
            if (discarding) {
                // Answer before reading a byte (the client may wait for it before sending), then drain.
                JsonErrorHandler.write(response, Callback.from(this, this::abort), HttpStatus.PAYLOAD_TOO_LARGE_413, Messages.BODY_TOO_LARGE);
            } else {
                run();
            }
        }

        /** Reads what has arrived; asks Jetty to call again when more does. Runs on a pooled thread, briefly. */
        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // A broken chunk or a closed connection: Jetty's error path answers (JSON 400, see ProtocolErrorHandler).
                    abort(chunk.getFailure());
                    return;
                }
                int length = chunk.remaining();
                received += length;
                if (!discarding && received <= Limits.MAX_BODY_BYTES) {
                    byte[] bytes = new byte[length];
                    chunk.getByteBuffer().get(bytes);
                    body.writeBytes(bytes);
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (received > Limits.MAX_DRAINED_BODY_BYTES) {
                    if (discarding) {
                        abort(new IllegalStateException("request body longer than declared"));
                    } else if (finish()) {
                        refuse(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, Messages.BODY_TOO_LARGE, true);
                    }
                    return;
                }
                if (last) {
                    complete();
                    return;
                }
            }
        }

        private void complete() {
            if (!finish()) {
                return;
            }
            if (discarding) {
                callback.succeeded(); // the 413 is written and the body drained: the connection is reusable
                return;
            }
            if (received > Limits.MAX_BODY_BYTES) {
                refuse(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, Messages.BODY_TOO_LARGE, false);
                return;
            }
            Request buffered = new BufferedBodyRequest(request, body.toByteArray());
            try {
                if (!BodyFirstHandler.super.handle(buffered, response, callback)) {
                    JsonErrorHandler.write(response, callback, HttpStatus.NOT_FOUND_404, Messages.NOT_FOUND);
                }
            } catch (Throwable failure) {
                callback.failed(failure);
            }
        }

        /** Fails the exchange; once its answer is written, that makes Jetty close the connection. */
        private void abort(Throwable failure) {
            if (finish()) {
                callback.failed(failure);
            }
        }

        private void expire() {
            if (discarding) {
                abort(new TimeoutException("request body not complete within " + Limits.REQUEST_BODY_TIMEOUT_SECONDS + " s"));
            } else if (finish()) {
                refuse(response, callback, HttpStatus.REQUEST_TIMEOUT_408, "request body not complete within "
                        + Limits.REQUEST_BODY_TIMEOUT_SECONDS + " s", true);
            }
        }

        private boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            if (deadline != null) {
                deadline.cancel();
            }
            return true;
        }
    }

    /** The request as the next handler sees it: its body is the bytes already read. */
    private static final class BufferedBodyRequest extends Request.Wrapper {
        private final Content.Source body;

        BufferedBodyRequest(Request request, byte[] body) {
            super(request);
            this.body = Content.Source.from(ByteBuffer.wrap(body));
        }

        @Override
        public long getLength() {
            return body.getLength();
        }

        @Override
        public Content.Chunk read() {
            return body.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            body.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            body.fail(failure);
        }
    }
}
