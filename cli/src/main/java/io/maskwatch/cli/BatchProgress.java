package io.maskwatch.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for batches of more than a few images; silent otherwise. Thread-safe. */
final class BatchProgress implements AutoCloseable {

    /** Batches up to this many images show no bar. */
    static final int MIN_ITEMS = 4;

    private final ProgressBar bar;

    private BatchProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static BatchProgress none() {
        return new BatchProgress(null);
    }

    static BatchProgress of(String task, int items, boolean enabled, PrintStream err) {
        if (!enabled || items < MIN_ITEMS) {
            return none();
        }
        // A fixed width keeps the bar from probing the terminal (which warns when there is none).
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(items)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(err, 100))
                .setUnit(" img", 1)
                .showSpeed()
                .build();
        return new BatchProgress(bar);
    }

    boolean shown() {
        return bar != null;
    }

    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
