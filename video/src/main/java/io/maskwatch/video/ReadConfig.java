package io.maskwatch.video;

/**
 * How a source is read.
 *
 * @param fps            frames analysed per second of video at most (0 = every frame of a file, as many as the
 *                       analysis keeps up with for a live source)
 * @param realtime       read a file at its own rate, dropping frames like a live source
 * @param timeoutMillis  a read or connect that takes longer fails (so a dead connection never hangs)
 * @param openAttempts   attempts to open a live source that was never open before giving up on it
 * @param maxBackoffMillis the longest wait between reconnect attempts (waits double from 500 ms)
 */
public record ReadConfig(double fps, boolean realtime, int timeoutMillis, int openAttempts, long maxBackoffMillis) {

    public static final ReadConfig DEFAULT = new ReadConfig(0, false, 5000, 3, 8000);

    public ReadConfig {
        if (!(fps >= 0)) {
            throw new IllegalArgumentException("--fps must be >= 0, got " + fps);
        }
        if (timeoutMillis < 100) {
            throw new IllegalArgumentException("--read-timeout must be at least 0.1 s, got " + timeoutMillis + " ms");
        }
        if (openAttempts < 1) {
            throw new IllegalArgumentException("--open-attempts must be >= 1, got " + openAttempts);
        }
        if (maxBackoffMillis < 500) {
            throw new IllegalArgumentException("max backoff must be >= 500 ms, got " + maxBackoffMillis);
        }
    }
}
