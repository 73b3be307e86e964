package io.maskwatch.server;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded front of the pipeline: {@code workers} threads run images, at most {@code queue} more
 * requests wait, and anything beyond is refused at once. A request takes its {@link Ticket} before its body
 * is read, so the memory held by accepted requests is bounded by (workers + queue) × the body limit,
 * whatever the number of connections.
 */
final class WorkerPool implements AutoCloseable {

    private final int workers;
    private final int queue;
    private final Semaphore admitted;
    private final ExecutorService executor;
    private final AtomicInteger running = new AtomicInteger();

    WorkerPool(int workers, int queue) {
        this.workers = workers;
        this.queue = queue;
        this.admitted = new Semaphore(workers + queue);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "maskwatch-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(workers, factory);
    }

    /** A place in the pool, or null when all workers are busy and the queue is full. */
    Ticket tryEnter() {
        return admitted.tryAcquire() ? new Ticket() : null;
    }

    int workers() {
        return workers;
    }

    int capacity() {
        return workers + queue;
    }

    /** Requests holding a ticket (running or waiting). */
    int inFlight() {
        return workers + queue - admitted.availablePermits();
    }

    int running() {
        return running.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Held from admission until the response is built; {@link #close()} frees the place. */
    final class Ticket implements AutoCloseable {
        private boolean closed;

        /** Runs the job on a worker and waits for it; the job's own exception is rethrown as is. */
        <T> T run(Callable<T> job) throws Exception {
            Future<T> f = executor.submit(() -> {
                running.incrementAndGet();
                try {
                    return job.call();
                } finally {
                    running.decrementAndGet();
                }
            });
            try {
                return f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof Exception ex) throw ex;
                if (c instanceof Error err) throw err;
                throw e;
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw e;
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                admitted.release();
            }
        }
    }
}
