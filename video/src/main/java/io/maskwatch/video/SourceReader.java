package io.maskwatch.video;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Reads one source with FFmpeg (JavaCV) on its own thread and hands frames to the analysis. A live source that ends,
 * stalls past the read timeout or fails is reopened with exponential backoff; a file is read once, and a frame that
 * fails to decode is skipped (10 failures in a row end it).
 */
final class SourceReader implements Runnable {

    private static final int MAX_CORRUPT_IN_A_ROW = 10;

    static {
        Ffmpeg.quiet();
    }

    private final SourceSpec spec;
    private final ReadConfig config;
    private final FrameHandoff handoff;
    private final SourceMetrics metrics;
    private final AtomicBoolean stop;
    private final PrintWriter err;
    private volatile double frameRate = 25;
    private volatile String failure;
    private long index;
    private long firstOpenNanos = -1;
    private Double firstTimestamp;
    private double outageSeconds;

    SourceReader(SourceSpec spec, ReadConfig config, FrameHandoff handoff, SourceMetrics metrics, AtomicBoolean stop,
                 PrintWriter err) {
        this.spec = spec;
        this.config = config;
        this.handoff = handoff;
        this.metrics = metrics;
        this.stop = stop;
        this.err = err;
    }

    /** The source's frame rate once open (25 until then or when unknown). */
    double frameRate() {
        return frameRate;
    }

    /** The opened source's frame rate, when it gives a plausible one (the --output video is written at it). */
    private void useFrameRateOf(FFmpegFrameGrabber g) {
        if (g.getFrameRate() > 0 && g.getFrameRate() < 1000) {
            frameRate = g.getFrameRate();
        }
    }

    /** Why the source could not be read at all, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            if (spec.live()) {
                readLive();
            } else {
                readFile();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            handoff.end();
        }
    }

    private void readFile() throws InterruptedException {
        String problem = spec.fileProblem();
        if (problem != null) {
            fail(problem);
            return;
        }
        FFmpegFrameGrabber g = grabber();
        try {
            g.start();
        } catch (Exception | UnsatisfiedLinkError e) {
            fail("cannot open: " + reason(e));
            release(g);
            return;
        }
        metrics.connected = true;
        firstOpenNanos = System.nanoTime();
        useFrameRateOf(g);
        try {
            GrabEnd end = grabFrames(g, new Java2DFrameConverter());
            if (end.unreadable() != null) {
                warn("stopped after " + MAX_CORRUPT_IN_A_ROW + " unreadable frames in a row: " + end.unreadable());
            }
        } finally {
            metrics.connected = false;
            release(g);
        }
    }

    private void readLive() throws InterruptedException {
        long backoff = 500;
        int failedOpens = 0;
        boolean everOpen = false;
        Java2DFrameConverter converter = new Java2DFrameConverter();
        long outageStart = -1;
        while (!stop.get()) {
            FFmpegFrameGrabber g = grabber();
            try {
                g.start();
            } catch (Exception | UnsatisfiedLinkError e) {
                release(g);
                failedOpens++;
                if (!everOpen && failedOpens >= config.openAttempts()) {
                    fail("cannot open after " + failedOpens + " attempts: " + reason(e));
                    return;
                }
                warn("cannot open (" + reason(e) + "); retrying in " + backoff / 1000.0 + " s");
                if (outageStart < 0) {
                    outageStart = System.nanoTime();
                }
                sleepUnlessStopped(backoff);
                backoff = Math.min(config.maxBackoffMillis(), backoff * 2);
                continue;
            }
            if (everOpen) {
                metrics.reconnects.incrementAndGet();
                warn("reconnected");
            }
            if (firstOpenNanos < 0) {
                firstOpenNanos = System.nanoTime();
            }
            if (outageStart >= 0 && everOpen) {
                outageSeconds += (System.nanoTime() - outageStart) / 1e9;
            }
            outageStart = -1;
            everOpen = true;
            metrics.connected = true;
            useFrameRateOf(g);
            long indexAtOpen = index;
            GrabEnd end;
            try {
                end = grabFrames(g, converter);
            } finally {
                metrics.connected = false;
                release(g);
            }
            if (index > indexAtOpen) {
                // it gave frames, so it works again: the next outage starts over from the shortest wait (the count of
                // failed opens only limits a source that never opened, so it needs no reset)
                backoff = 500;
            }
            if (end.handoffClosed() || stop.get()) {
                return;
            }
            String why = end.unreadable() != null ? end.unreadable() : "ended";
            outageStart = System.nanoTime();
            warn("stream " + why + "; reconnecting in " + backoff / 1000.0 + " s");
            sleepUnlessStopped(backoff);
            backoff = Math.min(config.maxBackoffMillis(), backoff * 2);
        }
    }

    /**
     * Hands over the frames of an open source until it ends, stop is set, the analysis takes no more, or
     * {@link #MAX_CORRUPT_IN_A_ROW} frames in a row fail to decode.
     */
    private GrabEnd grabFrames(FFmpegFrameGrabber g, Java2DFrameConverter converter) throws InterruptedException {
        double nextSlot = 0;
        int corrupt = 0;
        while (!stop.get()) {
            Frame f;
            try {
                f = g.grabImage();
                corrupt = 0;
            } catch (Exception e) {
                metrics.corruptFrames.incrementAndGet();
                if (++corrupt >= MAX_CORRUPT_IN_A_ROW) {
                    return new GrabEnd(false, reason(e));
                }
                continue;
            }
            if (f == null) {
                break;
            }
            if (f.image == null) {
                continue;
            }
            metrics.framesRead.incrementAndGet();
            long i = index++;
            double t = frameTime(g);
            if (config.fps() > 0) {
                if (t + 1e-6 < nextSlot) {
                    metrics.framesSkipped.incrementAndGet();
                    continue;
                }
                nextSlot = Math.max(nextSlot + 1 / config.fps(), t);
            }
            // --realtime paces a file to its own timestamps; a live source comes at its own rate anyway
            if (config.realtime() && !spec.live()) {
                long wait = firstOpenNanos + (long) (t * 1e9) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            BufferedImage img = copy(converter, f);
            // the tracker's clock leaves out the outages (a file has none)
            if (!handoff.put(new VideoFrame(img, i, t, t - outageSeconds))) {
                return new GrabEnd(true, null);
            }
        }
        return new GrabEnd(false, null);
    }

    /**
     * Seconds since the source was first opened: a file's own timestamps from its first frame on; a live source's
     * wall clock, which runs on through reconnects.
     */
    private double frameTime(FFmpegFrameGrabber g) {
        if (spec.live()) {
            return (System.nanoTime() - firstOpenNanos) / 1e9;
        }
        double ts = g.getTimestamp() / 1e6;
        if (firstTimestamp == null) {
            firstTimestamp = ts;
        }
        return Math.max(0, ts - firstTimestamp);
    }

    /**
     * How {@link #grabFrames} ended: the analysis took no more frames, or why frames stopped decoding (null when the
     * source ended or stop was set).
     */
    private record GrabEnd(boolean handoffClosed, String unreadable) {
    }

    private FFmpegFrameGrabber grabber() {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(spec.name());
        // JavaCV's interrupt callback: any blocking FFmpeg call (connect, read) fails after this long.
        g.setTimeout(config.timeoutMillis());
        String micros = Long.toString(config.timeoutMillis() * 1000L);
        switch (spec.kind()) {
            case CAMERA -> g.setFormat("video4linux2");
            case STREAM -> {
                if (spec.name().toLowerCase(java.util.Locale.ROOT).startsWith("rtsp")) {
                    g.setOption("rtsp_transport", "tcp");
                    g.setOption("timeout", micros);
                } else {
                    g.setOption("rw_timeout", micros);
                }
            }
            case FILE -> { }
        }
        return g;
    }

    /** A copy the analysis may keep: the converter reuses its image for the next frame. */
    private static BufferedImage copy(Java2DFrameConverter converter, Frame f) {
        return Java2DFrameConverter.cloneBufferedImage(converter.convert(f));
    }

    private void sleepUnlessStopped(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!stop.get() && System.currentTimeMillis() < end) {
            Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
        }
    }

    private void release(FFmpegFrameGrabber g) {
        try {
            g.release();
        } catch (Exception e) {
            // already failed; nothing more to free
        }
    }

    private void fail(String why) {
        failure = why;
        warn(why);
    }

    private void warn(String line) {
        synchronized (err) {
            err.println("maskwatch watch: " + spec.name() + ": " + line);
            err.flush();
        }
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // JavaCV appends hints meant for developers; the FFmpeg error itself is what a user needs
        m = m.replace("(Has setFormat() been called?)", "")
                .replaceAll("\\(For more details, make sure FFmpegLogCallback.set\\(\\) has been called.\\)", "");
        m = m.replaceAll("error -111:", "connection refused:").replaceAll("error -110:", "timed out:");
        return m.replaceAll("\\s+", " ").trim();
    }
}
