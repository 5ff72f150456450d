package dev.zonos4j.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** {@code bench longform --chart}: speedup (efficient over standard) and real-time factor against text length. */
public final class BenchChart {
    static final Color SPEEDUP = new Color(0, 120, 60);
    static final Color STANDARD = new Color(40, 70, 120);
    static final Color EFFICIENT = new Color(230, 120, 0);

    private BenchChart() {
    }

    /** One text length's measures. */
    public record Point(int characters, double speedup, double rtfStandard, double rtfEfficient) {
    }

    /** The chart; {@code subtitle} says what ran (model, frame cap, batch). */
    public static JFreeChart of(List<Point> points, String subtitle) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a benchmark chart needs at least one text length");
        }
        XYSeries speedup = new XYSeries("speedup, efficient over standard (×)");
        XYSeries standard = new XYSeries("RTF, standard mode");
        XYSeries efficient = new XYSeries("RTF, efficient mode");
        for (Point p : points) {
            speedup.add(p.characters(), p.speedup());
            standard.add(p.characters(), p.rtfStandard());
            efficient.add(p.characters(), p.rtfEfficient());
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("text length (characters)"));
        plot.setGap(12);
        XYPlot top = panel(new XYSeriesCollection(speedup), "speedup (×)", SPEEDUP);
        top.addRangeMarker(new ValueMarker(1, Color.GRAY, new BasicStroke(1f)));
        XYSeriesCollection rtf = new XYSeriesCollection(standard);
        rtf.addSeries(efficient);
        XYPlot bottom = panel(rtf, "real-time factor (compute s per audio s)", STANDARD, EFFICIENT);
        bottom.addRangeMarker(new ValueMarker(1, Color.GRAY, new BasicStroke(1f)));
        plot.add(top, 1);
        plot.add(bottom, 1);
        JFreeChart chart = new JFreeChart("Long form: efficient vs standard mode", new Font(Font.SANS_SERIF, Font.BOLD, 18),
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        return chart;
    }

    private static XYPlot panel(XYSeriesCollection data, String axis, Color... paints) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < paints.length; i++) {
            renderer.setSeriesPaint(i, paints[i]);
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        NumberAxis range = new NumberAxis(axis);
        range.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, null, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(225, 225, 225));
        plot.setRangeGridlinePaint(new Color(225, 225, 225));
        return plot;
    }
}
