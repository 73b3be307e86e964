package io.maskwatch.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How {@code maskwatch serve} listens and what it accepts, validated up front.
 *
 * @param host          interface to bind (127.0.0.1 by default: not reachable from other machines)
 * @param port          TCP port, 0 for any free port
 * @param workers       images processed at the same time
 * @param queue         requests that may wait for a worker; beyond workers + queue the server answers 503
 * @param apiKey        when present, /api/ requests must carry it ({@code X-API-Key} or {@code Authorization: Bearer})
 * @param maxBodyBytes  largest request body; larger bodies get 413 without being read
 * @param maxPixels     largest width × height, checked from the image header before decoding; larger gets 413
 * @param corsOrigins   origins (e.g. https://app.example.com, or *) whose web pages may call the API; none by default
 * @param timeouts      deadlines for receiving a request, decoding its image and shutting down
 */
public record ServerConfig(String host, int port, int workers, int queue, Optional<String> apiKey,
                           long maxBodyBytes, long maxPixels, List<String> corsOrigins, Timeouts timeouts) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /**
     * Peak heap of one request per pixel of its image: the decoded photo, the detector's and classifier's inputs,
     * the annotated copy, its PNG and base64 (measured on a 48 MP photo with annotated=true; docs/server.md).
     */
    public static final long HEAP_BYTES_PER_PIXEL = 14;
    /** Heap of the models, Jetty and the JVM's own use, before any request. */
    public static final long BASE_HEAP_BYTES = 200L << 20;

    /**
     * Deadlines, each a bound on what one client can hold.
     *
     * @param body             the whole request body must arrive within this time (else 408)
     * @param minBodyRate      and, after its first {@code bodyGrace}, at this many bytes per second on average (else 408)
     * @param bodyGrace        time before the rate is enforced (a slow start, a TLS proxy's buffering)
     * @param headers          the request line and headers must arrive within this time (else the connection closes)
     * @param decode           longest decoding of one image (else 422)
     * @param shutdown         on stop, requests in flight get this long to finish and be answered
     */
    public record Timeouts(Duration body, long minBodyRate, Duration bodyGrace, Duration headers, Duration decode,
                           Duration shutdown) {

        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(60), 10_240, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30));

        public Timeouts {
            for (Duration d : new Duration[] {body, bodyGrace, headers, decode, shutdown}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timeouts must be > 0: " + d);
                }
            }
            if (minBodyRate < 0) throw new IllegalArgumentException("min body rate must be >= 0: " + minBodyRate);
        }

        public Timeouts withBody(Duration d, long rate, Duration grace) {
            return new Timeouts(d, rate, grace, headers, decode, shutdown);
        }

        public Timeouts withHeaders(Duration d) {
            return new Timeouts(body, minBodyRate, bodyGrace, d, decode, shutdown);
        }

        public Timeouts withDecode(Duration d) {
            return new Timeouts(body, minBodyRate, bodyGrace, headers, d, shutdown);
        }

        public Timeouts withShutdown(Duration d) {
            return new Timeouts(body, minBodyRate, bodyGrace, headers, decode, d);
        }
    }

    public ServerConfig {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host must not be empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1: " + workers);
        if (queue < 0) throw new IllegalArgumentException("queue must be >= 0: " + queue);
        apiKey = apiKey == null ? Optional.empty() : apiKey.filter(k -> !k.isEmpty());
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("max body bytes must be in [1, 2 GB): " + maxBodyBytes);
        }
        if (maxPixels < 1) throw new IllegalArgumentException("max pixels must be >= 1: " + maxPixels);
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        for (String o : corsOrigins) {
            if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("CORS origin must be * or scheme://host[:port]: " + o);
            }
        }
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
    }

    /** A configuration with the default timeouts. */
    public ServerConfig(String host, int port, int workers, int queue, Optional<String> apiKey,
                        long maxBodyBytes, long maxPixels, List<String> corsOrigins) {
        this(host, port, workers, queue, apiKey, maxBodyBytes, maxPixels, corsOrigins, Timeouts.DEFAULT);
    }

    /** Defaults: loopback:8080, workers and queue from the heap and cores, no key, 20 MB, 50 MP. */
    public static ServerConfig defaults() {
        int w = defaultWorkers(DEFAULT_MAX_PIXELS, DEFAULT_MAX_BODY_BYTES);
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, w, defaultQueue(w, DEFAULT_MAX_PIXELS, DEFAULT_MAX_BODY_BYTES),
                Optional.empty(), DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PIXELS, List.of());
    }

    /**
     * One worker per core, but no more than the heap holds: each worker needs an image at the pixel limit
     * ({@link #HEAP_BYTES_PER_PIXEL}) and its body, plus room for two queued bodies; at least one.
     */
    public static int defaultWorkers(long maxPixels, long maxBodyBytes) {
        long avail = Runtime.getRuntime().maxMemory() - BASE_HEAP_BYTES;
        long perWorker = Math.max(1, maxPixels * HEAP_BYTES_PER_PIXEL + 3 * maxBodyBytes);
        long fit = Math.max(1, avail / perWorker);
        return (int) Math.min(Runtime.getRuntime().availableProcessors(), fit);
    }

    /** Two queued requests per worker, but only as many bodies as the heap left by the workers holds. */
    public static int defaultQueue(int workers, long maxPixels, long maxBodyBytes) {
        long left = Runtime.getRuntime().maxMemory() - BASE_HEAP_BYTES
                - workers * (maxPixels * HEAP_BYTES_PER_PIXEL + maxBodyBytes);
        // A limit out of range is reported by the constructor; here it must only not divide by zero.
        return (int) Math.max(0, Math.min(2L * workers, left / Math.max(1, maxBodyBytes)));
    }

    /**
     * The heap the worst case needs: every worker on an image at the pixel limit ({@link #HEAP_BYTES_PER_PIXEL}),
     * every admitted body at the body limit, and the models and server ({@link #BASE_HEAP_BYTES}).
     */
    public long worstCaseHeapBytes() {
        return workers * maxPixels * HEAP_BYTES_PER_PIXEL + (long) (workers + queue) * maxBodyBytes + BASE_HEAP_BYTES;
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, workers, queue, apiKey, maxBodyBytes, maxPixels, corsOrigins, timeouts);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, workers, queue, apiKey, maxBodyBytes, maxPixels, corsOrigins, timeouts);
    }

    public ServerConfig withWorkers(int w, int q) {
        return new ServerConfig(host, port, w, q, apiKey, maxBodyBytes, maxPixels, corsOrigins, timeouts);
    }

    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, workers, queue, Optional.ofNullable(key), maxBodyBytes, maxPixels,
                corsOrigins, timeouts);
    }

    public ServerConfig withCorsOrigins(List<String> origins) {
        return new ServerConfig(host, port, workers, queue, apiKey, maxBodyBytes, maxPixels, origins, timeouts);
    }

    public ServerConfig withLimits(long bodyBytes, long pixels) {
        return new ServerConfig(host, port, workers, queue, apiKey, bodyBytes, pixels, corsOrigins, timeouts);
    }

    public ServerConfig withTimeouts(Timeouts t) {
        return new ServerConfig(host, port, workers, queue, apiKey, maxBodyBytes, maxPixels, corsOrigins, t);
    }
}
