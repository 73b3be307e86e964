package io.maskwatch.video;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one source, read by /metrics and the summary; written by its reader and analysis threads. */
public final class SourceMetrics {

    public final String source;
    public final AtomicLong framesRead = new AtomicLong();
    public final AtomicLong framesAnalysed = new AtomicLong();
    public final AtomicLong framesDropped = new AtomicLong();
    public final AtomicLong framesSkipped = new AtomicLong();
    public final AtomicLong corruptFrames = new AtomicLong();
    public final AtomicLong alerts = new AtomicLong();
    public final AtomicLong tracks = new AtomicLong();
    public final AtomicLong reconnects = new AtomicLong();
    public final AtomicLong analysisNanos = new AtomicLong();
    public volatile int openTracks;
    public volatile boolean connected;
    private final long startNanos = System.nanoTime();

    public SourceMetrics(String source) {
        this.source = source;
    }

    /** Frames analysed per second of wall time since the source started. */
    public double analysisFps() {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return s <= 0 ? 0 : framesAnalysed.get() / s;
    }
}
