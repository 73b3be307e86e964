package io.maskwatch.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Events as JSON Lines, one object a line, flushed per event so that nothing is lost when the process stops. */
public final class JsonLinesSink implements EventSink {

    private final Writer out;
    private final boolean closeWriter;
    private boolean closed;

    public JsonLinesSink(Writer out, boolean closeWriter) {
        this.out = out;
        this.closeWriter = closeWriter;
    }

    @Override
    public synchronized void accept(WatchEvent event) {
        if (closed) {
            throw new IllegalStateException("events already closed");
        }
        try {
            out.write(event.toJson());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.flush();
            if (closeWriter) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
