package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Polygon;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The PNG charts beside summary.md, drawn with JFreeChart so that the summary shows its charts on a code host,
 * where the interactive index.html does not run.
 */
final class PngCharts {
    static final String THROUGHPUT = "throughput.png";
    static final String LATENCY = "latency.png";
    static final String EFFICIENCY = "efficiency.png";
    static final String MEMORY = "memory.png";
    static final String LADDER = "ladder.png";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 450;
    /** Series colours, the same as index.html's; red stays free for failures and grey for the ceilings. */
    private static final List<Color> PALETTE = List.of(new Color(0x3566a8), new Color(0xe08a1e), new Color(0x2a9d8f), new Color(0x7b4fa0),
            new Color(0x8c564b), new Color(0x17becf), new Color(0xbcbd22), new Color(0xe377c2));
    private static final Color CEILING = new Color(0x8c8c8c);

    /** A chart file written beside summary.md, with the alternative text the Markdown gives it. */
    record Png(String file, String altText) {
    }

    private PngCharts() {
    }

    /** Writes every chart this run has data for and returns them in the order the summary shows them. */
    static List<Png> write(RunView run, Path runDir) {
        // No display on a server or in CI: AWT must not look for one. Set before the first AWT class loads.
        System.setProperty("java.awt.headless", "true");
        List<Png> written = new ArrayList<>();
        save(throughput(run), runDir, new Png(THROUGHPUT, "Median req/s per workload and target, whiskers the median's interval"), written);
        run.primaryWorkload().filter(w -> run.latencyWorkloads().contains(w)).ifPresent(workload ->
                save(latency(run, workload), runDir, new Png(LATENCY, "Latency percentiles on " + workload + ", closed-model wrk"), written));
        run.primaryLadderEndpoint().ifPresent(endpoint -> save(ladder(run, endpoint), runDir,
                new Png(LADDER, "p99 against arrival rate on " + endpoint + ", Gatling open model, with the SLO dashed"), written));
        save(efficiency(run), runDir, new Png(EFFICIENCY, "Requests per server CPU-second per workload and target"), written);
        save(memory(run), runDir, new Png(MEMORY, "RSS idle and peak per target"), written);
        return written;
    }

    static JFreeChart throughput(RunView run) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        WhiskerBarRenderer renderer = new WhiskerBarRenderer();
        for (Results.Summary s : run.results().summaries()) {
            dataset.addValue(s.requestsPerSecond().median(), s.target(), s.workload());
            renderer.range(s.target(), s.workload(), s.requestsPerSecond().ciLow(), s.requestsPerSecond().ciHigh());
        }
        return barChart("Throughput: median req/s, whiskers the median's interval", "req/s", dataset, colour(run, dataset, renderer));
    }

    static JFreeChart efficiency(RunView run) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Results.Summary s : run.results().summaries()) {
            if (s.requestsPerCpuSecondMedian() != null) {
                dataset.addValue(s.requestsPerCpuSecondMedian(), s.target(), s.workload());
            }
        }
        return barChart("Requests per server CPU-second (median)", "req/CPU-s", dataset, colour(run, dataset, plainBars()));
    }

    static JFreeChart memory(RunView run) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Results.TargetInfo t : run.results().targets()) {
            if (t.rssIdleKib() != null) {
                dataset.addValue(t.rssIdleKib() / 1024.0, "RSS idle", t.name());
            }
            if (t.rssPeakKib() != null) {
                dataset.addValue(t.rssPeakKib() / 1024.0, "RSS peak", t.name());
            }
        }
        return barChart("Resident memory: idle after startup and peak", "MiB", dataset, colour(run, dataset, plainBars()));
    }

    /** HdrHistogram style: percentiles on a log scale of 1 / (1 - q), latency on a log scale too. */
    static JFreeChart latency(RunView run, String workload) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Results.Summary s : run.summaries(workload)) {
            Map<Percentile, Double> latency = run.latency(s.target(), workload);
            if (latency.isEmpty()) {
                continue;
            }
            XYSeries series = new XYSeries(s.target());
            latency.forEach((p, micros) -> {
                if (micros > 0) {
                    series.add(p.hdrAxisPosition(), micros / 1000);
                }
            });
            dataset.addSeries(series);
        }
        LogAxis percentiles = new LogAxis("percentile");
        percentiles.setNumberFormatOverride(new PercentileFormat());
        // One tick per decade of 1 / (1 - q): 0%, 90%, 99%, 99.9%; a little room right of p99.9.
        percentiles.setTickUnit(new NumberTickUnit(1));
        percentiles.setRange(1, 1500);
        LogAxis millis = new LogAxis("ms (log scale)");
        // log10(2) per tick: starting from a power of ten the labels double, 1 2 4 8 16 32 ms, which reads better than decades.
        millis.setTickUnit(new NumberTickUnit(Math.log10(2)));
        millis.setNumberFormatOverride(new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE.get(i % PALETTE.size()));
        }
        XYPlot plot = new XYPlot(dataset, percentiles, millis, renderer);
        style(plot);
        JFreeChart chart = new JFreeChart("Latency percentiles, " + workload + " (closed-model wrk, median of repetitions)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * One endpoint's ladders: p99 (log scale) against the arrival rate Gatling achieved, a line per target through its
     * steps in the order run, the SLO dashed. Hollow points are generator-limited steps, triangles steps with failed
     * requests; a p99 of 0 ms (under Gatling's resolution) is drawn at 0.5 ms.
     */
    static JFreeChart ladder(RunView run, String endpoint) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<List<Results.LadderStep>> drawn = new ArrayList<>();
        double slo = run.sloMillis();
        double low = slo;
        double high = slo;
        for (Results.Ladder ladder : run.ladders(endpoint)) {
            // Not sorted by x: the line follows the steps as they ran, so a generator-limited step shows where it fell.
            XYSeries series = new XYSeries(ladder.target() + (ladder.failed() ? " (FAILED)" : ""), false, true);
            List<Results.LadderStep> points = new ArrayList<>();
            for (Results.LadderStep step : ladder.steps()) {
                if (step.latencyMillis() != null) {
                    double p99 = Math.max(step.latencyMillis().p99(), LOG_FLOOR_MILLIS);
                    series.add(LadderSection.arrivalRate(step), p99);
                    points.add(step);
                    low = Math.min(low, p99);
                    high = Math.max(high, p99);
                }
            }
            dataset.addSeries(series);
            drawn.add(points);
        }
        NumberAxis rate = new NumberAxis("arrival rate Gatling achieved (req/s)");
        rate.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
        rate.setAutoRangeIncludesZero(true);
        LogAxis millis = new LogAxis("p99 ms (log scale)");
        millis.setNumberFormatOverride(new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        // Whole decades, a tick each, with room below the lowest point or the SLO so that the dashed line is never on the axis.
        millis.setTickUnit(new NumberTickUnit(1));
        millis.setRange(Math.pow(10, Math.floor(Math.log10(low / 2))), Math.pow(10, Math.ceil(Math.log10(high * 1.01))));
        XYLineAndShapeRenderer renderer = new LadderRenderer(drawn);
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(false);
        renderer.setUseFillPaint(true);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE.get(i % PALETTE.size()));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesOutlineStroke(i, new BasicStroke(2f));
            renderer.setLegendShape(i, LadderRenderer.CIRCLE);
        }
        XYPlot plot = new XYPlot(dataset, rate, millis, renderer);
        style(plot);
        ValueMarker sloLine = new ValueMarker(slo, new Color(0xc62828), new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        sloLine.setLabel("SLO: p99 ≤ " + Formats.sloMillis(slo) + " ms");
        sloLine.setLabelPaint(new Color(0xc62828));
        sloLine.setLabelBackgroundColor(Color.WHITE);
        sloLine.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        sloLine.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(sloLine);
        JFreeChart chart = new JFreeChart("p99 against arrival rate, " + endpoint + " (Gatling, open model)", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.addSubtitle(new TextTitle("one line per target through its steps in the order run; hollow: generator-limited step, "
                + "triangle: failed requests; dashed: the SLO", new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Where a p99 of 0 ms (under Gatling's 1 ms resolution) is drawn on the logarithmic axis. */
    static final double LOG_FLOOR_MILLIS = 0.5;

    /** Filled circles for steps that kept the rate, hollow ones for generator-limited steps, triangles where requests failed. */
    private static final class LadderRenderer extends XYLineAndShapeRenderer {
        private static final long serialVersionUID = 1L;
        static final Shape CIRCLE = new Ellipse2D.Double(-4.5, -4.5, 9, 9);
        private static final Shape TRIANGLE = new Polygon(new int[] {0, 6, -6}, new int[] {-6, 5, 5}, 3);

        private final transient List<List<Results.LadderStep>> steps;

        LadderRenderer(List<List<Results.LadderStep>> steps) {
            super(true, true);
            this.steps = steps;
        }

        @Override
        public Shape getItemShape(int series, int item) {
            return steps.get(series).get(item).errors() > 0 ? TRIANGLE : CIRCLE;
        }

        /** White inside a generator-limited step's outline, so that it reads as hollow even where the line crosses it. */
        @Override
        public Paint getItemFillPaint(int series, int item) {
            return steps.get(series).get(item).generatorLimited() ? Color.WHITE : lookupSeriesPaint(series);
        }
    }

    /** Palette colours in series order, grey for a ceiling. */
    private static BarRenderer colour(RunView run, DefaultCategoryDataset dataset, BarRenderer renderer) {
        int next = 0;
        for (int i = 0; i < dataset.getRowCount(); i++) {
            boolean ceiling = run.isCeiling(dataset.getRowKey(i).toString());
            renderer.setSeriesPaint(i, ceiling ? CEILING : PALETTE.get(next++ % PALETTE.size()));
        }
        return renderer;
    }

    private static BarRenderer plainBars() {
        BarRenderer renderer = new BarRenderer();
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.0);
        return renderer;
    }

    private static JFreeChart barChart(String title, String valueLabel, DefaultCategoryDataset dataset, BarRenderer renderer) {
        CategoryAxis categories = new CategoryAxis();
        // Long target names collide when there are many; tilt them then.
        categories.setCategoryLabelPositions(dataset.getColumnCount() > 4 ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
        NumberAxis values = new NumberAxis(valueLabel);
        values.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
        renderer.setBarPainter(new StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(dataset, categories, values, renderer);
        style(plot);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void style(Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (plot instanceof XYPlot xy) {
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
        }
    }

    private static void save(JFreeChart chart, Path runDir, Png png, List<Png> written) {
        try {
            ChartUtils.saveChartAsPNG(runDir.resolve(png.file()).toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(png.file()), e);
        }
        written.add(png);
    }

    /** Tick labels for the HdrHistogram axis: 10 reads 90%, 100 reads 99%, 1000 reads 99.9%. */
    private static final class PercentileFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double x, StringBuffer out, FieldPosition position) {
            double percent = 100 * (1 - 1 / x);
            return out.append(String.format(Locale.ROOT, "%s%%", NumberFormat.getNumberInstance(Locale.ROOT).format(percent)));
        }

        @Override
        public StringBuffer format(long x, StringBuffer out, FieldPosition position) {
            return format((double) x, out, position);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            throw new UnsupportedOperationException("labels only");
        }
    }
}
