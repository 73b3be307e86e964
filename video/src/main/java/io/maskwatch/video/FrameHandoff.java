package io.maskwatch.video;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Between a source's reader and its analysis thread. Live: a one-frame slot that the newest frame overwrites, so a
 * camera never queues up behind slow analysis (the overwritten frames are counted as dropped). File: the reader
 * waits for the analysis, so every frame is analysed.
 */
final class FrameHandoff {

    private final boolean dropOld;
    private final SourceMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private VideoFrame slot;
    private boolean ended;

    FrameHandoff(boolean dropOld, SourceMetrics metrics) {
        this.dropOld = dropOld;
        this.metrics = metrics;
    }

    /** Hands a frame over; returns false when the handoff was ended (stop reading). */
    boolean put(VideoFrame f) throws InterruptedException {
        lock.lock();
        try {
            while (!dropOld && slot != null && !ended) {
                changed.await();
            }
            if (ended) {
                return false;
            }
            if (slot != null) {
                metrics.framesDropped.incrementAndGet();
            }
            slot = f;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next (newest) frame; null once ended and empty, or after {@code timeoutMillis} without one. */
    VideoFrame take(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (slot == null && !ended) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = changed.awaitNanos(nanos);
            }
            VideoFrame f = slot;
            slot = null;
            changed.signalAll();
            return f;
        } finally {
            lock.unlock();
        }
    }

    boolean ended() {
        lock.lock();
        try {
            return ended && slot == null;
        } finally {
            lock.unlock();
        }
    }

    void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
