package dev.webbench.conformance;

import dev.webbench.provision.Postgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every {@code POST /product} of a run, with its answer; afterwards, each request's {@link Verdict} from the rows
 * the table holds. Each POST carries a name no other request carries (the run's prefix and a sequence number), so
 * the table says exactly what each request did, rather than a count that one lost row and one unacknowledged row
 * would balance.
 */
public final class WriteLedger {
    /** What a request did, from its answer and the rows with its name. */
    public enum Verdict {
        /** 201 and exactly one row, with the id the Location header named, the name and the brand sent. */
        CONFIRMED,
        /** An error (or no answer) and no row. */
        REFUSED,
        /** 503, a reset or a timeout, and one row: the commit happened, its acknowledgement was lost. */
        AMBIGUOUS,
        /** 201 and no row. */
        LOST,
        /** Two rows or more for one request. */
        DUPLICATED,
        /** 201 and one row, but not with the id, name or brand of the answer. */
        MISMATCHED,
        /** A definite error (400, 413, 500, anything but 201 and 503) and yet a row. */
        WRITTEN_ON_ERROR;

        /** The verdicts that break the contract whatever the fault. */
        public boolean isViolation() {
            return this == LOST || this == DUPLICATED || this == MISMATCHED || this == WRITTEN_ON_ERROR;
        }
    }

    /** One POST: its name and brand, its answer (status -1: reset or timeout), and the id its Location header named (-1: none). */
    public record Entry(String name, int brandId, int status, long id, long startedNanos, long endedNanos, String body) {
        public boolean overlaps(long fromNanos, long toNanos) {
            return startedNanos <= toNanos && endedNanos >= fromNanos;
        }
    }

    /** A row of {@code product} with one of the run's names. */
    public record Row(long id, String name, int brandId) {
    }

    /** A request with its verdict and the rows with its name. */
    public record Judged(Entry entry, Verdict verdict, List<Row> rows) {
        /** One line for a failure message, times relative to {@code originNanos}. */
        public String describe(long originNanos) {
            Entry e = entry;
            return String.format("POST %s (brand %d): %s at +%d ms after %d ms, rows %s -> %s", e.name(), e.brandId(),
                    e.status() < 0 ? "no answer (" + Http.abbreviate(e.body()) + ")" : String.valueOf(e.status()),
                    (e.endedNanos() - originNanos) / 1_000_000, (e.endedNanos() - e.startedNanos()) / 1_000_000, rows, verdict);
        }
    }

    /** The verdict on every request of the run. */
    public record Report(String prefix, List<Judged> judged) {
        public long count(Verdict verdict) {
            return judged.stream().filter(j -> j.verdict() == verdict).count();
        }

        public Map<Verdict, Long> counts() {
            Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
            for (Verdict verdict : Verdict.values()) {
                counts.put(verdict, count(verdict));
            }
            return counts;
        }

        public List<Judged> violations() {
            return judged.stream().filter(j -> j.verdict().isViolation()).toList();
        }

        public List<Judged> ambiguous() {
            return judged.stream().filter(j -> j.verdict() == Verdict.AMBIGUOUS).toList();
        }

        public String summary() {
            return String.format("%d POSTs: %d confirmed, %d refused, %d ambiguous, %d lost, %d duplicated, %d mismatched, %d written on error",
                    judged.size(), count(Verdict.CONFIRMED), count(Verdict.REFUSED), count(Verdict.AMBIGUOUS), count(Verdict.LOST),
                    count(Verdict.DUPLICATED), count(Verdict.MISMATCHED), count(Verdict.WRITTEN_ON_ERROR));
        }
    }

    private final String prefix;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();

    /** {@code label} names the run in the rows it leaves (e.g. {@code restart-fast}). */
    public WriteLedger(String label) {
        this.prefix = "ledger-" + label + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    public String prefix() {
        return prefix;
    }

    /** A name no other request of any run carries. */
    public String nextName() {
        return prefix + sequence.incrementAndGet();
    }

    /** A unique name that starts with {@code prefix() + marker}, for a fault that rejects some names. */
    public String nextName(String marker) {
        return prefix + marker + sequence.incrementAndGet();
    }

    public void record(Entry entry) {
        entries.add(entry);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Reads the run's rows and judges each request. Call it once the requests have all been answered. */
    public Report classify(Postgres db) {
        Map<String, List<Row>> rowsByName = new HashMap<>();
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT product_id, product_name, brand_id FROM product WHERE starts_with(product_name, ?)")) {
            select.setString(1, prefix);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Row row = new Row(rows.getLong(1), rows.getString(2), rows.getInt(3));
                    rowsByName.computeIfAbsent(row.name(), name -> new ArrayList<>()).add(row);
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read the ledger's rows (" + prefix + "*): " + e.getMessage(), e);
        }
        List<Judged> judged = new ArrayList<>();
        for (Entry entry : entries) {
            List<Row> rows = rowsByName.getOrDefault(entry.name(), List.of());
            judged.add(new Judged(entry, verdict(entry, rows), rows));
        }
        return new Report(prefix, List.copyOf(judged));
    }

    private static Verdict verdict(Entry entry, List<Row> rows) {
        if (rows.size() > 1) {
            return Verdict.DUPLICATED;
        }
        boolean written = rows.size() == 1;
        return switch (entry.status()) {
            case 201 -> {
                if (!written) {
                    yield Verdict.LOST;
                }
                Row row = rows.getFirst();
                yield row.id() == entry.id() && row.brandId() == entry.brandId() ? Verdict.CONFIRMED : Verdict.MISMATCHED;
            }
            case 503, -1 -> written ? Verdict.AMBIGUOUS : Verdict.REFUSED;
            default -> written ? Verdict.WRITTEN_ON_ERROR : Verdict.REFUSED;
        };
    }
}
