package dev.webbench.bench.latency;

import dev.webbench.bench.model.Results;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatling's numbers, read from what it writes. Gatling 3.16 keeps no statistics in {@code js/stats.js} any more
 * (and never wrote a {@code stats.json}); its {@code simulation.log} is a private binary format. The one complete
 * machine-readable summary left is the statistics table of the report's {@code index.html}: one row per request
 * name, with the columns named in its header (Total, OK, KO, Min, 50th/90th/99th/99.9th pct, Max, Mean; the
 * percentiles are the ones the bench configures). Columns are found by their header text, not their position,
 * and a missing one fails loudly rather than yielding zeros.
 *
 * <p>Assertion outcomes come from Gatling's console, one line each: {@code <name>: <text> : true|false (actual : x)}.
 */
public final class GatlingReport {
    /** One row of the statistics table; times in milliseconds. */
    public record Row(String name, long total, long ok, long ko, double min, double p50, double p90, double p99, double p999,
                      double max, double mean) {
        public Results.Percentiles percentiles() {
            return new Results.Percentiles(total, p50, p90, p99, p999, max, mean);
        }
    }

    public record Assertion(String text, boolean passed) {
    }

    private static final Pattern HEADER = Pattern.compile("<th id=\"col-(\\d+)\"[^>]*><span>(?:<abbr[^>]*>)?([^<]+)");
    private static final Pattern ROW = Pattern.compile("<tr id=\"[^\"]*\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z ]*col-(\\d+)\">([^<]*)</td>");
    private static final Pattern ASSERTION = Pattern.compile("^(.+) : (true|false) \\(actual : .*\\)$");

    private GatlingReport() {
    }

    /** The rows of a report folder's index.html, by request name (plus "All Requests"). */
    public static Map<String, Row> read(Path reportDir) {
        Path index = reportDir.resolve("index.html");
        try {
            return parse(Files.readString(index, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Gatling's report " + index, e);
        }
    }

    static Map<String, Row> parse(String html) {
        Map<String, Integer> columns = new HashMap<>();
        Matcher header = HEADER.matcher(html);
        while (header.find()) {
            columns.put(header.group(2).trim(), Integer.parseInt(header.group(1)));
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            if (!name.find()) {
                continue;
            }
            Map<Integer, String> cells = new HashMap<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim());
            }
            String requestName = unescape(name.group(1));
            rows.put(requestName, new Row(requestName, (long) value(columns, cells, "Total"), (long) value(columns, cells, "OK"),
                    (long) value(columns, cells, "KO"), value(columns, cells, "Min"), value(columns, cells, "50th pct"),
                    value(columns, cells, "90th pct"), value(columns, cells, "99th pct"), value(columns, cells, "99.9th pct"),
                    value(columns, cells, "Max"), value(columns, cells, "Mean")));
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("Gatling's index.html holds no statistics table: has its report format changed?");
        }
        return rows;
    }

    private static double value(Map<String, Integer> columns, Map<Integer, String> cells, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            throw new IllegalStateException("Gatling's statistics table has no '" + column + "' column (found " + columns.keySet()
                    + "); the bench sets percentiles 50, 90, 99 and 99.9");
        }
        String text = cells.get(index);
        if (text == null) {
            throw new IllegalStateException("Gatling's statistics row lacks column '" + column + "'");
        }
        // KO-only rows show "-" where no OK response gave a time.
        return text.equals("-") || text.isEmpty() ? 0 : Double.parseDouble(text.replace(",", ""));
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
                .replace("&amp;", "&");
    }

    /** The assertion lines of a Gatling console log. */
    public static List<Assertion> assertions(List<String> consoleLines) {
        List<Assertion> assertions = new ArrayList<>();
        for (String line : consoleLines) {
            Matcher m = ASSERTION.matcher(line.strip());
            if (m.matches()) {
                assertions.add(new Assertion(m.group(1), Boolean.parseBoolean(m.group(2))));
            }
        }
        return assertions;
    }
}
