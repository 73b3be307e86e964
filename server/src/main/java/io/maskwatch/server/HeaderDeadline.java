package io.maskwatch.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose first request has not arrived (request line and headers) within the deadline. Jetty's
 * idle timeout is between bytes only, so a client sending a header byte every 20 s kept a connection for ever;
 * Jetty parses headers without holding a thread, so this bounds connections (file descriptors), not threads.
 */
final class HeaderDeadline implements Connection.Listener {

    private final Scheduler scheduler;
    private final long millis;

    private HeaderDeadline(Scheduler scheduler, long millis) {
        this.scheduler = scheduler;
        this.millis = millis;
    }

    static void install(Server server, Duration deadline) {
        if (server == null) return;
        for (Connector c : server.getConnectors()) {
            c.addEventListener(new HeaderDeadline(c.getScheduler(), deadline.toMillis()));
        }
    }

    @Override
    public void onOpened(Connection connection) {
        scheduler.schedule(() -> {
            if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
                connection.getEndPoint().close();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClosed(Connection connection) {
    }
}
