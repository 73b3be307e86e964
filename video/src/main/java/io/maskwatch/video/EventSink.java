package io.maskwatch.video;

/** Where events go (JSON Lines, webhook, MQTT, the live page). {@link #accept} never blocks the video for long. */
public interface EventSink extends AutoCloseable {

    void accept(WatchEvent event);

    /** Flushes and releases; waits a bounded time for queued deliveries. */
    @Override
    void close();
}
