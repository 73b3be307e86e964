package io.maskwatch.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** ROC plots as PNG (JFreeChart, headless): one curve per face subset, the operating point marked. */
public final class RocCharts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 640;
    public static final int HEIGHT = 560;

    private RocCharts() {
    }

    /** A curve to draw: its name, the ROC, and the threshold whose point is marked. */
    public record Curve(String name, Roc roc) {
    }

    public static byte[] png(String title, double threshold, Curve... curves) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeriesCollection marks = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.name() + " (AUC " + fmt(c.roc().auc()) + ", " + c.roc().positives()
                    + " masked / " + c.roc().negatives() + " unmasked)", false, true);
            for (Roc.Point p : c.roc().points()) {
                s.add(p.fpr(), p.tpr());
            }
            data.addSeries(s);
            Roc.Point at = pointAt(c.roc(), threshold);
            XYSeries m = new XYSeries(c.name() + " at threshold " + String.format(Locale.ROOT, "%.2f", threshold), false, true);
            m.add(at.fpr(), at.tpr());
            marks.addSeries(m);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                title + " (dot: threshold " + String.format(Locale.ROOT, "%.2f", threshold) + ")",
                "false positive rate (unmasked faces called masked)", "true positive rate (masked faces called masked)",
                data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
            axis.setRange(0, 1.0001);
        }
        Color[] colours = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < curves.length; i++) {
            lines.setSeriesPaint(i, colours[i % colours.length]);
            lines.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(0, lines);
        plot.setDataset(1, marks);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < curves.length; i++) {
            dots.setSeriesPaint(i, colours[i % colours.length]);
            dots.setSeriesShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
            dots.setSeriesVisibleInLegend(i, false);
        }
        plot.setRenderer(1, dots);
        plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1,
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f), Color.GRAY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        return out.toByteArray();
    }

    /** The ROC point of "P(masked) ≥ threshold means masked". */
    static Roc.Point pointAt(Roc roc, double threshold) {
        Roc.Point at = roc.points().get(0);
        for (Roc.Point p : roc.points()) {
            if (p.threshold() >= threshold) {
                at = p;
            }
        }
        return at;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
