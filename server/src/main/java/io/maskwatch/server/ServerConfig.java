package io.maskwatch.server;

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
 */
public record ServerConfig(String host, int port, int workers, int queue, Optional<String> apiKey,
                           long maxBodyBytes, long maxPixels, List<String> corsOrigins) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

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
    }

    /** Defaults: loopback:8080, one worker per core, a queue of 2 per worker, no key, 20 MB, 50 MP. */
    public static ServerConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, cores, 2 * cores, Optional.empty(),
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PIXELS, List.of());
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, workers, queue, apiKey, maxBodyBytes, maxPixels, corsOrigins);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, workers, queue, apiKey, maxBodyBytes, maxPixels, corsOrigins);
    }

    public ServerConfig withWorkers(int w, int q) {
        return new ServerConfig(host, port, w, q, apiKey, maxBodyBytes, maxPixels, corsOrigins);
    }

    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, workers, queue, Optional.ofNullable(key), maxBodyBytes, maxPixels, corsOrigins);
    }

    public ServerConfig withCorsOrigins(List<String> origins) {
        return new ServerConfig(host, port, workers, queue, apiKey, maxBodyBytes, maxPixels, origins);
    }

    public ServerConfig withLimits(long bodyBytes, long pixels) {
        return new ServerConfig(host, port, workers, queue, apiKey, bodyBytes, pixels, corsOrigins);
    }
}
