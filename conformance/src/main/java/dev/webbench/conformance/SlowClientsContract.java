package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.webbench.contract.Limits;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contract point 10 and "Limits": a thousand slow clients at once, none of which may cost the server anything
 * scarce, while {@code /brands} keeps its usual latency for everyone else; then the header and body deadlines
 * disconnect the tricklers.
 */
@DisplayName("Hostile: slow clients at scale")
public interface SlowClientsContract extends KitTarget {
    int IDLE = 100;
    int HEADER_TRICKLERS = 400;
    int BODY_TRICKLERS = 300;
    int SLOW_READERS = 300;
    /** Keep-alive connections that make one request, then fall silent: the header deadline runs from the response. */
    int IDLE_AFTER_RESPONSE = 20;
    /** Sequential {@code /brands} requests per latency sample. */
    int SAMPLES = 50;
    /**
     * The latency bounds while the slow clients are connected. A server that parks them (selectors, virtual threads,
     * no database before the body is read) serves {@code /brands} here in 2-20 ms whatever they do; on a busy 2-core
     * machine, where the kit itself runs the slow clients' selector and other work competes, its median can double or
     * triple. A server that gives each trickler a thread or a database slot has none left: its {@code /brands} waits
     * for a trickler's deadline (seconds), or answers 503. So the median may grow tenfold, or by 50 ms on a server
     * whose median was tiny, and no single request may take 2 s: each bound is an order of magnitude away from
     * both behaviours.
     */
    int MEDIAN_FACTOR = 10;
    Duration MEDIAN_ALLOWANCE = Duration.ofMillis(50);
    Duration WORST = Duration.ofSeconds(2);
    /** How long after connecting the slow clients the latency is sampled (well before their 10 s deadlines). */
    Duration SETTLE = Duration.ofSeconds(3);
    /** How late past a deadline the server may close a trickler: idle-connection timers are often checked in coarse steps. */
    Duration DEADLINE_SLACK = Duration.ofSeconds(5);
    /** The share of tricklers that must be closed by their deadline plus slack ("most"; a few may race a scheduling hiccup). */
    double CLOSED_SHARE = 0.9;

    @Test
    @DisplayName("10. 1,120 slow clients (idle, idle after a response, headers, bodies, readers) leave /brands at its usual latency; "
            + "the deadlines then close the tricklers")
    default void req10_thousandSlowClients() {
        int total = IDLE + HEADER_TRICKLERS + BODY_TRICKLERS + SLOW_READERS;
        assertFileDescriptorsFor(total);
        ServerWatch watch = new ServerWatch(server(), "1,100 slow clients").warmedUp();
        long before = median(sample("before"));
        String prefix = "slow-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        // Each deadline is judged and reported, and the rows too, so that one run names everything a server misses.
        SoftAssertions deadlines = new SoftAssertions();
        List<RawHttp> keptAlive = new ArrayList<>();
        long lastAnswered = 0;
        try (Tricklers slow = Tricklers.start(base(), IDLE, HEADER_TRICKLERS, BODY_TRICKLERS, SLOW_READERS, prefix)) {
            for (int i = 0; i < IDLE_AFTER_RESPONSE; i++) {
                RawHttp connection = RawHttp.open(base());
                keptAlive.add(connection);
                assertThat(connection.send(ProtocolCorpus.request("GET /time HTTP/1.1", "Host: localhost")).read().status())
                        .as("a keep-alive connection's one request").isEqualTo(200);
                lastAnswered = System.nanoTime();
            }
            // The readers' 3,000 pipelined requests are a burst of ordinary load, not slowness: let it pass first.
            JarProcess.sleep(SETTLE.toMillis());
            List<Long> samples = sample("during");
            long during = median(samples);
            long bound = Math.max(MEDIAN_FACTOR * before, before + MEDIAN_ALLOWANCE.toMillis());
            watch.checkMemory();
            System.out.printf("1,100 slow clients: /brands median %d ms before, %d ms during (bound %d ms), worst %d ms; %s%n",
                    before, during, bound, samples.stream().mapToLong(Long::longValue).max().orElse(0), watch.summary());
            assertThat(during).as("median /brands (ms) with 1,100 slow clients connected; before them: %d ms", before).isLessThan(bound);

            Duration headerDeadline = Duration.ofSeconds(Limits.REQUEST_HEADER_TIMEOUT_SECONDS).plus(DEADLINE_SLACK);
            Duration bodyDeadline = Duration.ofSeconds(Limits.REQUEST_BODY_TIMEOUT_SECONDS).plus(DEADLINE_SLACK);
            awaitClosed(slow, headerDeadline.compareTo(bodyDeadline) > 0 ? headerDeadline : bodyDeadline);
            assertMostClosedWithin(deadlines, slow.clients(Tricklers.Kind.IDLE), headerDeadline, "idle connections (10 s from accept)");
            assertMostClosedWithin(deadlines, slow.clients(Tricklers.Kind.HEADERS), headerDeadline, "header tricklers (10 s from accept)");
            assertMostClosedWithin(deadlines, slow.clients(Tricklers.Kind.BODY), bodyDeadline, "body tricklers (10 s from the end of their headers)");
            long idleDue = lastAnswered + headerDeadline.toNanos();
            long idleClosed = keptAlive.stream().filter(connection -> connection.closedByPeer(
                    (int) Math.max(1, (idleDue - System.nanoTime()) / 1_000_000))).count();
            deadlines.assertThat(idleClosed).as("idle keep-alive connections closed 10 s after their response: %d of %d", idleClosed,
                    IDLE_AFTER_RESPONSE).isEqualTo(IDLE_AFTER_RESPONSE);
        } finally {
            keptAlive.forEach(RawHttp::close);
        }
        server().database().ifPresent(db -> deadlines.assertThat(Checks.count(db, "SELECT count(*) FROM product WHERE product_name LIKE ?",
                prefix + "%")).as("rows written by the body tricklers' POSTs, which never completed").isZero());
        deadlines.assertAll();
        watch.checkBrands();
    }

    /** {@link #SAMPLES} sequential {@code /brands}, each 200 and under {@link #WORST}; their latencies in ms. */
    private List<Long> sample(String when) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            Http.Reply reply = Http.get(base(), "/brands");
            assertThat(reply.status()).as("/brands %s the slow clients (request %d): %s", when, i, Http.abbreviate(reply.body())).isEqualTo(200);
            assertThat(reply.elapsed()).as("/brands %s the slow clients (request %d)", when, i).isLessThan(WORST);
            millis.add(reply.elapsed().toMillis());
        }
        return millis;
    }

    private static long median(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return Math.max(1, sorted.get(sorted.size() / 2));
    }

    /** Waits until every trickler is closed, or until the last one connected has had {@code bound}. */
    private static void awaitClosed(Tricklers slow, Duration bound) {
        List<Tricklers.Client> tricklers = new ArrayList<>(slow.clients(Tricklers.Kind.IDLE));
        tricklers.addAll(slow.clients(Tricklers.Kind.HEADERS));
        tricklers.addAll(slow.clients(Tricklers.Kind.BODY));
        long lastConnect = tricklers.stream().mapToLong(client -> client.connectedNanos).max().orElse(System.nanoTime());
        while (System.nanoTime() < lastConnect + bound.toNanos() && !tricklers.stream().allMatch(Tricklers.Client::closed)) {
            JarProcess.sleep(250);
        }
    }

    private static void assertMostClosedWithin(SoftAssertions softly, List<Tricklers.Client> tricklers, Duration bound, String what) {
        long inTime = tricklers.stream().filter(client -> client.closed() && client.lifetime().compareTo(bound) <= 0).count();
        long open = tricklers.stream().filter(client -> !client.closed()).count();
        List<Long> lifetimes = tricklers.stream().filter(Tricklers.Client::closed).map(client -> client.lifetime().toMillis()).sorted().toList();
        System.out.printf("%s: %d of %d closed by the server within %d s, %d still open; closed after %s ms (min, median, max)%n", what, inTime,
                tricklers.size(), bound.toSeconds(), open, lifetimes.isEmpty() ? "-" : lifetimes.getFirst() + ", "
                        + lifetimes.get(lifetimes.size() / 2) + ", " + lifetimes.getLast());
        softly.assertThat((double) inTime / tricklers.size()).as("%s closed by the server within %d s: %d of %d (%d never closed)", what,
                bound.toSeconds(), inTime, tricklers.size(), open).isGreaterThanOrEqualTo(CLOSED_SHARE);
    }

    /** The kit holds one descriptor per slow client: fail with the remedy rather than with a confusing connect error. */
    private static void assertFileDescriptorsFor(int sockets) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            long free = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount();
            assertThat(free).as("free file descriptors in the kit's JVM for %d slow clients (raise ulimit -n)", sockets)
                    .isGreaterThan(sockets + 256L);
        }
    }
}
