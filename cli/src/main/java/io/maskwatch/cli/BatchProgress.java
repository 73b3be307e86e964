package io.maskwatch.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr for batches of more than a few images; silent otherwise. On a terminal a bar redrawn in
 * place; when stderr is a file or a pipe (a log), a plain line every {@link #LOG_INTERVAL_NANOS} instead of
 * carriage-return updates that would pile up into one long line. Thread-safe.
 */
final class BatchProgress implements AutoCloseable {

    /** Batches up to this many images show no progress. */
    static final int MIN_ITEMS = 4;
    /** Lines in a log: one every 10 seconds. */
    static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final ProgressBar bar;
    private final PrintStream log;
    private final String task;
    private final int items;
    private final long t0 = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private long nextLine = t0 + LOG_INTERVAL_NANOS;

    private BatchProgress(ProgressBar bar, PrintStream log, String task, int items) {
        this.bar = bar;
        this.log = log;
        this.task = task;
        this.items = items;
    }

    static BatchProgress none() {
        return new BatchProgress(null, null, null, 0);
    }

    static BatchProgress of(String task, int items, boolean enabled, PrintStream err) {
        if (!enabled || items < MIN_ITEMS) {
            return none();
        }
        if (!stderrIsTerminal()) {
            return new BatchProgress(null, err, task, items);
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
        return new BatchProgress(bar, null, task, items);
    }

    /**
     * Whether this process's stderr is a terminal. Java has no isatty for stderr; on Linux its file descriptor
     * names the device. Elsewhere a console on stdin/stdout is the best guess.
     */
    static boolean stderrIsTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall through
        }
        return System.console() != null;
    }

    /** True when a bar is drawn in place (messages printed meanwhile would be overwritten). */
    boolean shown() {
        return bar != null;
    }

    void step() {
        if (bar != null) {
            bar.step();
        }
        int n = done.incrementAndGet();
        if (log != null) {
            long now = System.nanoTime();
            synchronized (this) {
                if (now >= nextLine && n < items) {
                    nextLine = now + LOG_INTERVAL_NANOS;
                    double s = (now - t0) / 1e9;
                    log.printf(Locale.ROOT, "%s: %d/%d images, %.0f s, %.1f images/s%n", task, n, items, s, n / s);
                    log.flush();
                }
            }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
