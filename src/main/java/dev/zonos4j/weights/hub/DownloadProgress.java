package dev.zonos4j.weights.hub;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Reports download progress; {@link #NONE} is silent, {@link #console} draws a bar on stderr. */
@FunctionalInterface
public interface DownloadProgress {

    /** One file's transfer. */
    interface Bar extends AutoCloseable {
        /** {@code bytes} more arrived. */
        void advance(long bytes);

        /** The transfer starts over at {@code bytes} (the server ignored a resume request). */
        void reset(long bytes);

        @Override
        void close();
    }

    /** Starts a bar for {@code name} of {@code total} bytes, {@code initial} of which are already on disk. */
    Bar start(String name, long total, long initial);

    DownloadProgress NONE = (name, total, initial) -> new Bar() {
        @Override
        public void advance(long bytes) {
        }

        @Override
        public void reset(long bytes) {
        }

        @Override
        public void close() {
        }
    };

    /** A bar on stderr when stderr is a terminal and {@code enabled}; else silent. */
    static DownloadProgress console(boolean enabled) {
        java.io.Console c = System.console();
        return enabled && c != null && c.isTerminal() ? bars(System.err) : NONE;
    }

    /** Always draws on {@code out} (tests and explicit opt-in). */
    static DownloadProgress bars(PrintStream out) {
        return (name, total, initial) -> {
            ProgressBar pb = new ProgressBarBuilder()
                    .setTaskName(name.length() > 40 ? "…" + name.substring(name.length() - 39) : name)
                    .setInitialMax(total)
                    .startsFrom(initial, Duration.ZERO)
                    .setUnit("MiB", 1L << 20)
                    .showSpeed()
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .build();
            return new Bar() {
                @Override
                public void advance(long bytes) {
                    pb.stepBy(bytes);
                }

                @Override
                public void reset(long bytes) {
                    pb.stepTo(bytes);
                }

                @Override
                public void close() {
                    pb.close();
                }
            };
        };
    }
}
