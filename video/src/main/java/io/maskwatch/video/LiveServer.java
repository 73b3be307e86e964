package io.maskwatch.video;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.maskwatch.image.ImageEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live view of {@code watch --serve PORT}, on the JDK's own HTTP server (no extra dependency for a handful of
 * viewers): {@code /} the page, {@code /video/N.mjpg} source N's annotated frames as MJPEG
 * (multipart/x-mixed-replace, at most 10 frames a second), {@code /events} the events as server-sent events (the
 * last 20 alerts first), {@code /metrics} per-source counters in Prometheus text format, {@code /api/sources} the
 * same as JSON. Frames are drawn and encoded for viewers only (one a second is kept when nobody watches).
 */
public final class LiveServer implements LiveView, EventSink, AutoCloseable {

    private static final String BOUNDARY = "maskwatchframe";
    private static final long MIN_FRAME_NANOS = 100_000_000L;
    private static final int RECENT_ALERTS = 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<SourceMetrics> sources;
    private final Slot[] slots;
    private final List<LinkedBlockingQueue<String>> listeners = new CopyOnWriteArrayList<>();
    private final Deque<String> recentAlerts = new ArrayDeque<>();
    private volatile boolean closed;

    private static final class Slot {
        final AtomicInteger viewers = new AtomicInteger();
        BufferedImage frame;
        long version;
        long publishedNanos;
    }

    private LiveServer(HttpServer server, ExecutorService executor, List<SourceMetrics> sources) {
        this.server = server;
        this.executor = executor;
        this.sources = List.copyOf(sources);
        this.slots = new Slot[sources.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
    }

    /** Starts on {@code host:port} (port 0 = any free port). */
    public static LiveServer start(String host, int port, List<SourceMetrics> sources) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService ex = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "maskwatch-live");
            t.setDaemon(true);
            return t;
        });
        LiveServer s = new LiveServer(http, ex, sources);
        http.createContext("/", s::page);
        http.createContext("/video/", s::video);
        http.createContext("/events", s::events);
        http.createContext("/metrics", s::metrics);
        http.createContext("/api/sources", s::sourcesJson);
        http.setExecutor(ex);
        http.start();
        return s;
    }

    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/");
    }

    @Override
    public boolean wants(int number) {
        Slot s = slots[number];
        synchronized (s) {
            return s.viewers.get() > 0 || s.frame == null || System.nanoTime() - s.publishedNanos > 1_000_000_000L;
        }
    }

    @Override
    public void publish(int number, BufferedImage frame) {
        Slot s = slots[number];
        synchronized (s) {
            s.frame = frame;
            s.version++;
            s.publishedNanos = System.nanoTime();
            s.notifyAll();
        }
    }

    @Override
    public void accept(WatchEvent event) {
        String json = event.toJson();
        if (event.type().equals("alert")) {
            synchronized (recentAlerts) {
                recentAlerts.addLast(json);
                if (recentAlerts.size() > RECENT_ALERTS) {
                    recentAlerts.removeFirst();
                }
            }
        }
        for (LinkedBlockingQueue<String> q : listeners) {
            if (q.size() < 1000) { // a stuck browser must not grow memory without bound
                q.offer(json);
            }
        }
    }

    private void page(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals("/")) {
                send(ex, 404, "text/plain", "not found\n");
                return;
            }
            String html;
            try (InputStream in = LiveServer.class.getResourceAsStream("live.html")) {
                html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            StringBuilder cards = new StringBuilder();
            for (int i = 0; i < sources.size(); i++) {
                cards.append("<figure class=\"source\"><img id=\"video").append(i).append("\" src=\"/video/").append(i)
                        .append(".mjpg\" alt=\"source ").append(i).append("\"><figcaption>")
                        .append(escape(sources.get(i).source)).append(" <span class=\"stats\" id=\"stats").append(i)
                        .append("\"></span></figcaption></figure>\n");
            }
            send(ex, 200, "text/html; charset=utf-8", html.replace("<!--SOURCES-->", cards));
        }
    }

    private void video(HttpExchange ex) throws IOException {
        try (ex) {
            String name = ex.getRequestURI().getPath().substring("/video/".length());
            int n;
            try {
                n = Integer.parseInt(name.replace(".mjpg", ""));
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0 || n >= slots.length) {
                send(ex, 404, "text/plain", "no such source\n");
                return;
            }
            Slot s = slots[n];
            ex.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace; boundary=" + BOUNDARY);
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            s.viewers.incrementAndGet();
            try (OutputStream out = ex.getResponseBody()) {
                long seen = -1;
                while (!closed) {
                    BufferedImage frame;
                    synchronized (s) {
                        if (s.version == seen) {
                            s.wait(1000);
                        }
                        if (s.version == seen || s.frame == null) {
                            continue;
                        }
                        seen = s.version;
                        frame = s.frame;
                    }
                    long t0 = System.nanoTime();
                    byte[] jpeg = jpeg(frame);
                    out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(jpeg);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    long wait = MIN_FRAME_NANOS - (System.nanoTime() - t0);
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the viewer went away, or we are closing
            } finally {
                s.viewers.decrementAndGet();
            }
        }
    }

    private void events(HttpExchange ex) throws IOException {
        try (ex) {
            LinkedBlockingQueue<String> q = new LinkedBlockingQueue<>();
            synchronized (recentAlerts) {
                q.addAll(recentAlerts);
            }
            listeners.add(q);
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(": maskwatch events\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (!closed) {
                    String json = q.poll(15, TimeUnit.SECONDS);
                    String msg = json == null ? ": keep-alive\n\n" : "data: " + json + "\n\n";
                    out.write(msg.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the viewer went away, or we are closing
            } finally {
                listeners.remove(q);
            }
        }
    }

    private void metrics(HttpExchange ex) throws IOException {
        try (ex) {
            StringBuilder b = new StringBuilder();
            metric(b, "maskwatch_watch_frames_read_total", "counter", "Frames decoded", m -> m.framesRead.get());
            metric(b, "maskwatch_watch_frames_analysed_total", "counter", "Frames run through the pipeline", m -> m.framesAnalysed.get());
            metric(b, "maskwatch_watch_frames_dropped_total", "counter", "Frames of a live source skipped because analysis was busy", m -> m.framesDropped.get());
            metric(b, "maskwatch_watch_frames_skipped_total", "counter", "Frames skipped by --fps", m -> m.framesSkipped.get());
            metric(b, "maskwatch_watch_corrupt_frames_total", "counter", "Frames that failed to decode", m -> m.corruptFrames.get());
            metric(b, "maskwatch_watch_analysis_fps", "gauge", "Frames analysed per second since the start", SourceMetrics::analysisFps);
            metric(b, "maskwatch_watch_open_tracks", "gauge", "Tracks open now", m -> m.openTracks);
            metric(b, "maskwatch_watch_tracks_total", "counter", "Tracks started", m -> m.tracks.get());
            metric(b, "maskwatch_watch_alerts_total", "counter", "Alerts (people judged not masked)", m -> m.alerts.get());
            metric(b, "maskwatch_watch_reconnects_total", "counter", "Times a live source was reopened", m -> m.reconnects.get());
            metric(b, "maskwatch_watch_connected", "gauge", "1 while the source is open", m -> m.connected ? 1 : 0);
            send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", b.toString());
        }
    }

    private void metric(StringBuilder b, String name, String type, String help,
                        java.util.function.ToDoubleFunction<SourceMetrics> value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (SourceMetrics m : sources) {
            double v = value.applyAsDouble(m);
            b.append(name).append("{source=\"").append(m.source.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\"} ").append(v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v))
                    .append('\n');
        }
    }

    private void sourcesJson(HttpExchange ex) throws IOException {
        try (ex) {
            List<String> items = new ArrayList<>();
            for (SourceMetrics m : sources) {
                items.add(String.format(Locale.ROOT,
                        "{\"source\":\"%s\",\"connected\":%b,\"frames_read\":%d,\"frames_analysed\":%d,\"frames_dropped\":%d,"
                                + "\"analysis_fps\":%.2f,\"open_tracks\":%d,\"alerts\":%d,\"reconnects\":%d}",
                        m.source.replace("\\", "\\\\").replace("\"", "\\\""), m.connected, m.framesRead.get(),
                        m.framesAnalysed.get(), m.framesDropped.get(), m.analysisFps(), m.openTracks, m.alerts.get(),
                        m.reconnects.get()));
            }
            send(ex, 200, "application/json", "[" + String.join(",", items) + "]");
        }
    }

    private static byte[] jpeg(BufferedImage img) {
        return ImageEncoder.encode(img, "jpeg", 0.8f);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        closed = true;
        for (Slot s : slots) {
            synchronized (s) {
                s.notifyAll();
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
