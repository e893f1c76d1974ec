package dev.webbench.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.Map;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.data.category.CategoryDataset;

/**
 * Bars at the median with the repetitions' min and max as whiskers. JFreeChart's statistical renderer draws mean
 * ± standard deviation, which is symmetric and not what the bench reports, hence this small subclass.
 */
final class WhiskerBarRenderer extends BarRenderer {
    private static final long serialVersionUID = 1L;

    private record Key(Comparable<?> row, Comparable<?> column) {
    }

    private final Map<Key, double[]> ranges = new HashMap<>();

    WhiskerBarRenderer() {
        setShadowVisible(false);
        setDrawBarOutline(false);
        setItemMargin(0.0);
    }

    void range(Comparable<?> row, Comparable<?> column, double min, double max) {
        ranges.put(new Key(row, column), new double[] {min, max});
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot, CategoryAxis domainAxis,
                         ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        double[] range = ranges.get(new Key(dataset.getRowKey(row), dataset.getColumnKey(column)));
        if (range == null || dataset.getValue(row, column) == null) {
            return;
        }
        double x = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, row, column) + state.getBarWidth() / 2;
        double low = rangeAxis.valueToJava2D(range[0], dataArea, plot.getRangeAxisEdge());
        double high = rangeAxis.valueToJava2D(range[1], dataArea, plot.getRangeAxisEdge());
        double cap = Math.min(state.getBarWidth() * 0.4, 14) / 2;
        g2.setPaint(Color.DARK_GRAY);
        g2.setStroke(new BasicStroke(1.5f));
        g2.draw(new Line2D.Double(x, low, x, high));
        g2.draw(new Line2D.Double(x - cap, low, x + cap, low));
        g2.draw(new Line2D.Double(x - cap, high, x + cap, high));
    }
}
