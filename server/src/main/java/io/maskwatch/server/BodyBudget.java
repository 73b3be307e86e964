package io.maskwatch.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies held in memory, all requests together: a body takes its share as its bytes arrive,
 * and gives it back when its request is answered. Bodies are read before a request takes a worker place, so a slow
 * upload holds only the bytes it has sent (not a place); the budget is what bounds the memory of many fast ones.
 */
final class BodyBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** A request's share; closing it gives back everything it took. */
    Lease lease() {
        return new Lease();
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }

    final class Lease implements AutoCloseable {
        private long held;

        /** Takes n more bytes; false (taking nothing) when the budget cannot hold them now. */
        boolean take(long n) {
            for (long u = used.get(); ; u = used.get()) {
                if (u + n > limit) {
                    return false;
                }
                if (used.compareAndSet(u, u + n)) {
                    held += n;
                    return true;
                }
            }
        }

        @Override
        public void close() {
            used.addAndGet(-held);
            held = 0;
        }
    }
}
