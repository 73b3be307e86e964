package io.maskwatch.video;

import java.io.PrintWriter;
import java.util.List;

/** Every configured sink, fed from all sources' analysis threads; a failing sink is reported and does not stop the video. */
final class EventBus implements AutoCloseable {

    private final List<EventSink> sinks;
    private final PrintWriter err;

    EventBus(List<EventSink> sinks, PrintWriter err) {
        this.sinks = List.copyOf(sinks);
        this.err = err;
    }

    synchronized void emit(WatchEvent e) {
        for (EventSink s : sinks) {
            try {
                s.accept(e);
            } catch (RuntimeException ex) {
                synchronized (err) {
                    err.println("maskwatch watch: cannot write event: " + ex.getMessage());
                    err.flush();
                }
            }
        }
    }

    @Override
    public void close() {
        for (EventSink s : sinks) {
            try {
                s.close();
            } catch (RuntimeException ex) {
                synchronized (err) {
                    err.println("maskwatch watch: closing events: " + ex.getMessage());
                    err.flush();
                }
            }
        }
    }
}
