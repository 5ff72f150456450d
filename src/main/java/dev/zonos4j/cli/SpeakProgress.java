package dev.zonos4j.cli;

import dev.zonos4j.engine.SpeechListener;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** The speak progress bar on stderr: segments done, audio seconds so far, real-time factor so far. */
final class SpeakProgress implements SpeechListener, AutoCloseable {
    private final PrintStream out;
    private final double frameRate;
    private ProgressBar bar;
    private long frames;
    private long start;

    SpeakProgress(PrintStream out, double frameRate) {
        this.out = out;
        this.frameRate = frameRate;
    }

    @Override
    public void planned(int segments, int characters) {
        start = System.nanoTime();
        bar = new ProgressBarBuilder().setTaskName("speaking").setInitialMax(segments).setUnit(" segments", 1)
                .setUpdateIntervalMillis(500).startsFrom(0, Duration.ZERO)
                .setConsumer(new ConsoleProgressBarConsumer(out)).build();
    }

    @Override
    public void segmentGenerated(int index, int segmentFrames) {
        frames += segmentFrames;
        double audio = frames / frameRate;
        double wall = (System.nanoTime() - start) / 1e9;
        bar.step();
        bar.setExtraMessage(String.format(java.util.Locale.ROOT, " %.1f s audio, RTF %.2f", audio, wall / Math.max(audio, 1e-9)));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
