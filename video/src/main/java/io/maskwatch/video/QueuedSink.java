package io.maskwatch.video;

import java.io.PrintWriter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sink that delivers on its own thread from a bounded queue, so a slow or dead receiver never blocks the video:
 * when the queue is full the oldest event is dropped (and counted). Each delivery is retried with exponential
 * backoff. Subclasses only say how to deliver one event.
 */
public abstract class QueuedSink implements EventSink {

    /** Retry settings: attempts per event and the first and largest wait between them. */
    public record Retry(int attempts, long firstMillis, long maxMillis) {
        public static final Retry DEFAULT = new Retry(5, 500, 8000);

        public Retry {
            if (attempts < 1 || firstMillis < 0 || maxMillis < firstMillis) {
                throw new IllegalArgumentException("bad retry settings: " + attempts + ", " + firstMillis + ", " + maxMillis);
            }
        }
    }

    private static final WatchEvent STOP = new WatchEvent("", "", 0, 0, 0, "", 0, new io.maskwatch.detect.Box(0, 0, 0, 0), null);

    private final String name;
    private final BlockingQueue<WatchEvent> queue;
    private final Retry retry;
    private final PrintWriter err;
    private final Thread worker;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closing;

    protected QueuedSink(String name, int capacity, Retry retry, PrintWriter err) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.retry = retry;
        this.err = err;
        this.worker = new Thread(this::loop, "maskwatch-" + name);
        this.worker.setDaemon(true);
    }

    /** Starts the delivery thread; call once, after construction. */
    protected final void start() {
        worker.start();
    }

    /** Delivers one event or throws; called on the sink's own thread. */
    protected abstract void deliver(WatchEvent event) throws Exception;

    /** Releases the connection after the queue is drained. */
    protected void release() {
    }

    @Override
    public void accept(WatchEvent event) {
        while (!queue.offer(event)) {
            if (queue.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    public long delivered() { return delivered.get(); }

    public long dropped() { return dropped.get(); }

    public long failed() { return failed.get(); }

    private void loop() {
        while (true) {
            WatchEvent e;
            try {
                e = queue.take();
            } catch (InterruptedException ex) {
                return;
            }
            if (e == STOP) {
                return;
            }
            long wait = retry.firstMillis();
            for (int attempt = 1; ; attempt++) {
                try {
                    deliver(e);
                    delivered.incrementAndGet();
                    break;
                } catch (Exception ex) {
                    if (attempt >= retry.attempts() || closing && attempt >= 2) {
                        failed.incrementAndGet();
                        warn("gave up on a " + e.type() + " event after " + attempt + " attempts: " + ex.getMessage());
                        break;
                    }
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException ie) {
                        return;
                    }
                    wait = Math.min(retry.maxMillis(), wait * 2);
                }
            }
        }
    }

    /** Waits up to 10 s for the queue to drain, then stops. */
    @Override
    public void close() {
        closing = true;
        accept(STOP);
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
        release();
        if (dropped.get() > 0 || failed.get() > 0) {
            warn(delivered.get() + " events delivered, " + dropped.get() + " dropped (queue full), " + failed.get() + " failed");
        }
    }

    protected void warn(String line) {
        synchronized (err) {
            err.println("maskwatch watch: " + name + ": " + line);
            err.flush();
        }
    }
}
