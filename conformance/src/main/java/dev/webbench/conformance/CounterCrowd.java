package dev.webbench.conformance;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Many well-behaved {@code /counter} clients, and the churn that makes the server tell them something: a passer-by
 * connects and leaves, and every member must hear of each within a bound, whatever a hostile client does meanwhile.
 */
final class CounterCrowd implements AutoCloseable {
    private final URI base;
    private final List<CounterClient> members;
    private Duration slowest = Duration.ZERO;

    private CounterCrowd(URI base, List<CounterClient> members) {
        this.base = base;
        this.members = members;
    }

    static CounterCrowd connect(URI base, int size) {
        List<CounterClient> members = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<CompletableFuture<CounterClient>> connecting = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                connecting.add(CompletableFuture.supplyAsync(() -> CounterClient.connect(base), pool));
            }
            for (CompletableFuture<CounterClient> future : connecting) {
                members.add(future.join());
            }
        } catch (RuntimeException e) {
            members.forEach(CounterClient::close);
            throw e;
        }
        return new CounterCrowd(base, members);
    }

    /** The count once the crowd's own arrivals have been told: read by the first member when no message comes for a while. */
    int settle() {
        for (CounterClient member : members.subList(1, members.size())) {
            member.drain(Duration.ZERO);
        }
        return members.getFirst().drain(Duration.ofMillis(500));
    }

    /**
     * One passer-by connects and leaves; each member must receive a count for its arrival within {@code bound} of
     * the connect, and one for its departure within {@code bound} of the close. Members are checked one after the
     * other against one deadline, so a count that had arrived in time is only found a little later; one that had
     * not is waited for until the deadline. Returns the last count the first member saw.
     */
    int churn(Duration bound) {
        members.forEach(member -> member.drain(Duration.ZERO));
        long arrived = System.nanoTime();
        CounterClient passer = CounterClient.connect(base);
        int last = awaitEveryone(arrived, bound, "a passer-by's arrival");
        long left = System.nanoTime();
        passer.close();
        last = awaitEveryone(left, bound, "a passer-by's departure");
        return last;
    }

    private int awaitEveryone(long since, Duration bound, String event) {
        long deadline = since + bound.toNanos();
        int first = -1;
        for (int i = 0; i < members.size(); i++) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            int count;
            try {
                count = members.get(i).nextCount(left);
            } catch (AssertionError late) {
                throw new AssertionError("member " + i + " of " + members.size() + " was not told of " + event + " within "
                        + bound.toMillis() + " ms: " + late.getMessage(), late);
            }
            if (i == 0) {
                first = count;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - since);
        slowest = took.compareTo(slowest) > 0 ? took : slowest;
        return first;
    }

    /** The latest count the first member has seen after {@code quiet} with no message, or -1 if none came. */
    int latest(Duration quiet) {
        return members.getFirst().drain(quiet);
    }

    /** The slowest churn event, from the passer's connect or close until every member had heard of it. */
    Duration slowest() {
        return slowest;
    }

    int size() {
        return members.size();
    }

    @Override
    public void close() {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            members.forEach(member -> pool.submit(member::close));
        }
    }
}
