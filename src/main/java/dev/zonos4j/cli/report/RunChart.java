package dev.zonos4j.cli.report;

import dev.zonos4j.cli.report.RunReportFile.Join;
import dev.zonos4j.cli.report.RunReportFile.Segment;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The picture of a run: the waveform overview with segment boundaries and paragraph breaks, loudness per segment,
 * voice similarity per segment, on one time axis; flagged segments are a red band across every panel.
 */
public final class RunChart {
    static final Color WAVE = new Color(40, 70, 120);
    static final Color BOUNDARY = new Color(150, 150, 150);
    static final Color PARAGRAPH = new Color(30, 90, 210);
    static final Color FLAGGED = new Color(220, 20, 20, 80);
    static final Color BAD_JOIN = new Color(235, 140, 0);
    static final Color NOT_MEASURED = new Color(242, 242, 242);
    static final Color LOUDNESS = new Color(0, 120, 60);
    static final Color SIMILARITY = new Color(110, 50, 170);
    static final Color SIMILARITY_PREVIOUS = new Color(0, 150, 170);

    private RunChart() {
    }

    /** The chart of {@code r}; headless AWT is enough to draw it. */
    public static JFreeChart of(RunReportFile r) {
        NumberAxis time = new NumberAxis("seconds of output");
        double end = r.segments().stream().mapToDouble(Segment::endSeconds).max().orElse(0);
        time.setRange(0, Math.max(Math.max(r.audioSeconds(), end), 0.1));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(12);
        plot.add(waveform(r), 3);
        plot.add(perSegment(r, "loudness (LUFS)", "loudness not measured",
                List.of(new Line("integrated loudness", Segment::loudnessLufs, LOUDNESS))), 2);
        plot.add(perSegment(r, "voice similarity (cosine)",
                "voice similarity not measured (no reference voice or no speaker model)",
                List.of(new Line("to the reference voice", Segment::voiceSimilarity, SIMILARITY),
                        new Line("to the previous segment", Segment::similarityToPrevious, SIMILARITY_PREVIOUS))), 2);
        List<XYPlot> panels = plot.getSubplots();
        for (XYPlot panel : panels) {
            markFlagged(panel, r.segments(), panel == panels.get(0));
        }
        JFreeChart chart = new JFreeChart(title(r), new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle(r), new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        return chart;
    }

    /** PNG bytes of {@code chart} at {@code width} × {@code height} pixels. */
    public static byte[] png(JFreeChart chart, int width, int height) {
        BufferedImage image = chart.createBufferedImage(width, height);
        try {
            return ChartUtils.encodeAsPNG(image);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the chart as PNG", e);
        }
    }

    static String title(RunReportFile r) {
        String rtf = r.rtf() == null ? "RTF not measured" : String.format(Locale.ROOT, "RTF %.2f", r.rtf());
        return String.format(Locale.ROOT, "%s mode · %.1f s of audio · %s · %d of %d segments flagged", r.mode(),
                r.audioSeconds(), rtf, r.flaggedCount(), r.segments().size());
    }

    private static String subtitle(RunReportFile r) {
        long badJoins = r.joins().stream().filter(j -> !j.ok()).count();
        long paragraphs = r.segments().stream().filter(Segment::paragraphStart).count();
        String wall = Double.isNaN(r.wallSeconds()) ? "" : String.format(Locale.ROOT, " in %.1f s", r.wallSeconds());
        return String.format(Locale.ROOT, "%s · seed %d · %s%s · %d paragraphs · %d retries · %d of %d joins over the bound",
                r.file().getFileName(), r.seed(), r.language(), wall, paragraphs, r.retries().size(), badJoins,
                r.joins().size());
    }

    private static XYPlot waveform(RunReportFile r) {
        RunReportFile.Envelope e = r.envelope();
        YIntervalSeries wave = new YIntervalSeries("waveform (min/max)");
        for (int i = 0; i < e.min().length; i++) {
            wave.add(i / e.pointsPerSecond(), (e.min()[i] + e.max()[i]) / 2, e.min()[i], e.max()[i]);
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(wave);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setSeriesPaint(0, WAVE);
        renderer.setSeriesFillPaint(0, WAVE);
        renderer.setSeriesStroke(0, new BasicStroke(0.5f));
        renderer.setAlpha(1f);
        NumberAxis amplitude = new NumberAxis("amplitude");
        amplitude.setRange(-1, 1);
        XYPlot plot = new XYPlot(data, null, amplitude, renderer);
        style(plot, "waveform not measured");
        for (Segment s : r.segments()) {
            if (s.paragraphStart()) {
                plot.addDomainMarker(marker(s.startSeconds(), PARAGRAPH, 2f, new float[] {6f, 4f}), Layer.FOREGROUND);
            } else if (s.index() > 0) {
                plot.addDomainMarker(marker(s.startSeconds(), BOUNDARY, 1f, null), Layer.FOREGROUND);
            }
        }
        for (Join j : r.joins()) {
            if (!j.ok()) {
                ValueMarker m = marker(j.atSeconds(), BAD_JOIN, 2.5f, null);
                m.setLabel("join " + j.afterSegment() + "|" + (j.afterSegment() + 1));
                m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
                m.setLabelPaint(BAD_JOIN.darker());
                m.setLabelBackgroundColor(new Color(0, 0, 0, 0));
                plot.addDomainMarker(m, Layer.FOREGROUND);
            }
        }
        return plot;
    }

    /** A value per segment drawn as a step over the segment's time span; nulls leave a gap. */
    private record Line(String name, Function<Segment, Double> value, Paint paint) {
    }

    private static XYPlot perSegment(RunReportFile r, String axis, String notMeasured, List<Line> lines) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.name(), false, true);
            for (Segment s : r.segments()) {
                Double v = line.value().apply(s);
                if (v != null) {
                    series.add(s.startSeconds(), v);
                    series.add(s.endSeconds(), v);
                    series.add(s.endSeconds(), null);
                }
            }
            if (!series.isEmpty()) {
                renderer.setSeriesPaint(data.getSeriesCount(), line.paint());
                renderer.setSeriesStroke(data.getSeriesCount(), new BasicStroke(2.5f));
                data.addSeries(series);
            }
        }
        NumberAxis range = new NumberAxis(axis);
        range.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, null, range, renderer);
        style(plot, notMeasured);
        if (data.getSeriesCount() > 0) {
            for (Segment s : r.segments()) {
                if (lines.stream().allMatch(line -> line.value().apply(s) == null)) {
                    IntervalMarker gap = new IntervalMarker(s.startSeconds(), s.endSeconds(), NOT_MEASURED);
                    gap.setLabel("not measured");
                    gap.setLabelFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
                    gap.setLabelPaint(Color.GRAY);
                    gap.setLabelBackgroundColor(NOT_MEASURED);
                    gap.setLabelAnchor(RectangleAnchor.CENTER);
                    gap.setLabelTextAnchor(TextAnchor.CENTER);
                    plot.addDomainMarker(gap, Layer.BACKGROUND);
                }
            }
        }
        return plot;
    }

    private static void style(XYPlot plot, String noData) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(225, 225, 225));
        plot.setRangeGridlinePaint(new Color(225, 225, 225));
        plot.setNoDataMessage(noData);
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.ITALIC, 14));
    }

    private static void markFlagged(XYPlot plot, List<Segment> segments, boolean labelled) {
        for (Segment s : segments) {
            if (s.flagged()) {
                IntervalMarker band = new IntervalMarker(s.startSeconds(), s.endSeconds(), FLAGGED);
                if (labelled) {
                    band.setLabel("segment " + (s.index() + 1) + (s.reasons().isEmpty() ? "" : ": " + s.reasons().get(0)));
                    band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                    band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                    band.setLabelPaint(new Color(150, 0, 0));
                    band.setLabelBackgroundColor(new Color(0, 0, 0, 0));
                }
                plot.addDomainMarker(band, Layer.BACKGROUND);
            }
        }
    }

    private static ValueMarker marker(double at, Color paint, float width, float[] dash) {
        BasicStroke stroke = dash == null ? new BasicStroke(width)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
        return new ValueMarker(at, paint, stroke);
    }
}
