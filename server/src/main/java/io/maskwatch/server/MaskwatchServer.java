package io.maskwatch.server;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import io.maskwatch.json.DetectionJson;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.Pipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * maskwatch over HTTP: {@code POST /api/v1/detect}, the web page at {@code /}, {@code /health}, {@code /metrics}
 * and {@code /openapi.json}. The pipeline is given (or loaded in the background: the server listens at once and
 * {@code /health} says when it is ready) and shared by all workers; a {@link WorkerPool} bounds the work and the
 * memory in flight. Uploaded images stay in memory; logs carry request id, size, timing and face counts only.
 */
public final class MaskwatchServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MaskwatchServer.class);
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> ROUTES = Set.of("/", "/health", "/metrics", "/openapi.json", "/api/v1/detect",
            "/docs", "/samples");
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final WorkerPool pool;
    private final BodyBudget bodies;
    private final ServerMetrics metrics;
    private final RequestReader reader;
    private final CompletableFuture<DetectService> service = new CompletableFuture<>();
    private final boolean ownsPipeline;
    private final byte[] indexHtml;
    private final byte[] openApi;
    private final byte[] apiKeyBytes;
    private final Javalin app;
    private volatile int boundPort = -1;
    private volatile Server jetty;

    private MaskwatchServer(ServerConfig config, boolean ownsPipeline, List<Path> samples) {
        this.config = config;
        this.ownsPipeline = ownsPipeline;
        ImageIO.setUseCache(false); // ImageIO streams would otherwise cache image bytes in temporary files
        String fit = heapWarning(config, Runtime.getRuntime().maxMemory());
        if (fit != null) {
            LOG.warn(fit);
        }
        this.pool = new WorkerPool(config.workers(), config.queue());
        this.bodies = new BodyBudget((long) (config.workers() + config.queue()) * config.maxBodyBytes());
        this.metrics = new ServerMetrics(pool, this::ready);
        this.reader = new RequestReader(json, config.maxBodyBytes(), config.timeouts());
        this.indexHtml = resource("index.html");
        this.openApi = resource("openapi.json");
        PageAssets assets = new PageAssets(json, samples);
        this.apiKeyBytes = config.apiKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            // Multipart parts stay in memory up to the body limit: uploads are never spooled to disk.
            int inMemory = (int) Math.min(Integer.MAX_VALUE, config.maxBodyBytes() + 1);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(inMemory, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes(), SizeUnit.BYTES);
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.jetty.modifyServer(server -> {
                jetty = server;
                // On stop: stop accepting, let the requests in flight finish and be answered (Javalin's servlet
                // goes inside this wrapper), then close.
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(config.timeouts().shutdown().toMillis());
                // Jetty's own answers (bad framing 400, 408, 414, 431, ...) in the API's JSON form.
                server.setErrorHandler(new JsonErrorHandler());
            });
            cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
            cfg.requestLogger.http(this::logRequest);
            if (!config.corsOrigins().isEmpty()) {
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (config.corsOrigins().contains("*")) {
                        rule.anyHost();
                    } else {
                        List<String> o = config.corsOrigins();
                        rule.allowHost(o.get(0), o.subList(1, o.size()).toArray(String[]::new));
                    }
                    for (String h : List.of("X-Request-Id", "X-Faces", "X-Unmasked-Faces", "X-Elapsed-Ms", "Retry-After")) {
                        rule.exposeHeader(h);
                    }
                }));
            }

            cfg.routes.before(this::tagRequest);
            cfg.routes.before("/api/*", this::authorize);
            getAndHead(cfg, "/", ctx -> ctx.contentType("text/html; charset=utf-8").result(indexHtml));
            getAndHead(cfg, "/health", this::health);
            getAndHead(cfg, "/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
            getAndHead(cfg, "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            cfg.routes.post("/api/v1/detect", this::detect);
            getAndHead(cfg, "/docs", assets::docsPage);
            getAndHead(cfg, "/docs/{file}", assets::docsFile);
            getAndHead(cfg, "/samples", assets::sampleList);
            getAndHead(cfg, "/samples/{name}", assets::sample);

            cfg.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.status() == 413 || (e.status() == 400 && bodyUnread(ctx))) {
                    lingerForTheRest(ctx);
                }
                closeIfBodyUnread(ctx);
                if (e.retryAfter() != null) ctx.header("Retry-After", e.retryAfter());
                if (e.status() == 401) ctx.header("WWW-Authenticate", "Bearer realm=\"maskwatch\"");
                error(ctx, e.status(), e.getMessage());
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 405) {
                    String allowed = String.join(", ", allowedMethods(ctx.path()));
                    ctx.header("Allow", allowed);
                    error(ctx, 405, "method " + ctx.method().name() + " not allowed on " + ctx.path()
                            + "; allowed: " + allowed);
                    return;
                }
                error(ctx, e.getStatus(), e.getMessage() == null || e.getMessage().isBlank()
                        ? "HTTP " + e.getStatus() : e.getMessage());
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} failed", (Object) ctx.attribute("rid"), e);
                error(ctx, 500, "internal error (request id " + ctx.attribute("rid") + ")");
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, 404, "not found: " + ctx.method() + " " + ctx.path());
                }
            });
        });
    }

    /** Starts a server around a ready pipeline, which the caller keeps owning (and closes after the server). */
    public static MaskwatchServer start(ServerConfig config, Pipeline pipeline) {
        return start(config, pipeline, List.of());
    }

    /** As {@link #start(ServerConfig, Pipeline)}, offering {@code samples} (photos) on the web page. */
    public static MaskwatchServer start(ServerConfig config, Pipeline pipeline, List<Path> samples) {
        MaskwatchServer s = new MaskwatchServer(config, false, samples);
        s.service.complete(new DetectService(pipeline, config));
        s.listen();
        return s;
    }

    /**
     * Starts listening at once and loads the pipeline in the background; until it is loaded /health answers 503
     * and detect requests get 503 with Retry-After. The server closes the pipeline it loaded.
     */
    public static MaskwatchServer startLoading(ServerConfig config, Callable<Pipeline> loader) {
        return startLoading(config, loader, List.of());
    }

    /** As {@link #startLoading(ServerConfig, Callable)}, offering {@code samples} (photos) on the web page. */
    public static MaskwatchServer startLoading(ServerConfig config, Callable<Pipeline> loader, List<Path> samples) {
        MaskwatchServer s = new MaskwatchServer(config, true, samples);
        s.listen();
        Thread t = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                Pipeline p = loader.call();
                s.service.complete(new DetectService(p, config));
                LOG.info("models loaded in {} ms: detector {}", (System.nanoTime() - t0) / 1_000_000,
                        p.detector().name());
            } catch (Throwable e) {
                LOG.error("cannot load models: {}", e.getMessage());
                s.service.completeExceptionally(e);
            }
        }, "maskwatch-model-loader");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** Waits until the models are loaded; rethrows the loader's failure. */
    public void awaitReady(Duration timeout) throws Exception {
        try {
            service.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("models not loaded after " + timeout);
        }
    }

    public boolean ready() {
        return service.isDone() && !service.isCompletedExceptionally();
    }

    private void listen() {
        try {
            app.start();
        } catch (RuntimeException e) {
            pool.close();
            metrics.close();
            throw e;
        }
        boundPort = app.port();
        HeaderDeadline.install(jetty, config.timeouts().headers());
    }

    /** The port listened on (the free port picked when 0 was asked for); stays known after close. */
    public int port() {
        return boundPort;
    }

    public ServerConfig config() {
        return config;
    }

    /** The base URL, e.g. http://127.0.0.1:8080/ (IPv6 hosts bracketed). */
    public URI uri() {
        String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        if (h.equals("0.0.0.0")) h = "127.0.0.1";
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** The warning to give when the worst case of the configuration does not fit the heap; null when it fits. */
    public static String heapWarning(ServerConfig c, long maxHeap) {
        long need = c.worstCaseHeapBytes();
        if (need <= maxHeap) {
            return null;
        }
        return String.format(Locale.ROOT, "the heap (%d MiB) cannot hold the worst case of this configuration, "
                + "%d workers on %d-pixel images and %d request bodies of %d bytes (about %d MiB): give Java more "
                + "(-Xmx, or JAVA_OPTS), or lower --workers, --queue, --max-pixels or --max-body-bytes; requests "
                + "that do not fit get 503", maxHeap >> 20, c.workers(), c.maxPixels(), c.workers() + c.queue(),
                c.maxBodyBytes(), need >> 20);
    }

    private List<String> allowedMethods(String path) {
        List<String> out = new ArrayList<>();
        for (HandlerType t : HandlerType.values()) {
            if (t.isHttpMethod() && app.unsafe.internalRouter.hasHttpHandlerEntry(t, path)) {
                out.add(t.name());
            }
        }
        return out;
    }

    /** "METHOD /path" of every route the server answers; the OpenAPI test checks the document against it. */
    public List<String> routes() {
        List<String> out = new ArrayList<>();
        for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
            HandlerType m = e.endpoint.method;
            if (m.isHttpMethod() && m != HandlerType.HEAD) { // HEAD mirrors every GET route (getAndHead)
                out.add(m.name() + " " + e.endpoint.path);
            }
        }
        return out;
    }

    /**
     * Stops gracefully: no new connections, the requests in flight finish and are answered (for at most the
     * shutdown timeout), then the workers and models are closed.
     */
    @Override
    public void close() {
        app.stop();
        pool.close();
        metrics.close();
        if (ownsPipeline && service.isDone() && !service.isCompletedExceptionally()) {
            service.join().pipeline().close();
        }
    }

    // ---- handlers

    /** A GET route that HEAD answers too: the same status and headers (Content-Type included), without the body. */
    private static void getAndHead(io.javalin.config.JavalinConfig cfg, String path, io.javalin.http.Handler handler) {
        cfg.routes.get(path, handler);
        cfg.routes.head(path, handler);
    }

    private void tagRequest(Context ctx) {
        String given = ctx.header("X-Request-Id");
        String rid = given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : newRequestId();
        ctx.attribute("rid", rid);
        ctx.attribute("t0", System.nanoTime());
        ctx.header("X-Request-Id", rid);
    }

    /** A fresh request id, for requests that bring none (Jetty's own error answers included). */
    /** A new request id: always 16 hex digits. */
    static String newRequestId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private void authorize(Context ctx) {
        if (apiKeyBytes == null || ctx.method() == HandlerType.OPTIONS) return; // CORS preflights carry no key
        String key = ctx.header("X-API-Key");
        String auth = ctx.header("Authorization");
        if (key == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = auth.substring(7).strip();
        }
        if (key == null || key.isEmpty()) {
            throw new ApiException(401, "API key required: send it as X-API-Key or Authorization: Bearer");
        }
        if (!MessageDigest.isEqual(apiKeyBytes, key.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "wrong API key");
        }
    }

    private void health(Context ctx) {
        ObjectNode o = json.createObjectNode();
        if (ready()) {
            Pipeline p = service.join().pipeline();
            o.put("status", "ready");
            o.put("detector", p.detector().name());
            o.put("threshold", p.config().threshold().orElse(p.classifier().defaultThreshold()));
        } else if (service.isCompletedExceptionally()) {
            o.put("status", "failed");
            o.put("error", service.handle((s, e) -> e == null ? "" : rootMessage(e)).join());
            ctx.status(503);
        } else {
            o.put("status", "loading");
            ctx.status(503);
        }
        o.put("workers", config.workers());
        o.put("queue", config.queue());
        o.put("api_key_required", apiKeyBytes != null);
        o.put("max_body_bytes", config.maxBodyBytes());
        o.put("max_pixels", config.maxPixels());
        ctx.json(o);
    }

    private void detect(Context ctx) throws Exception {
        long t0 = System.nanoTime();
        reader.checkDeclaredLength(ctx);
        DetectParams params = DetectParams.parse(ctx.queryParamMap());
        if (!ready()) {
            throw service.isCompletedExceptionally()
                    ? new ApiException(503, "models failed to load; see /health")
                    : ApiException.unavailable("models are still loading", 5);
        }
        DetectService svc = service.join();
        boolean wantsPng = wantsPng(ctx.header("Accept"));
        boolean annotated = wantsPng || params.annotated();
        DetectService.Outcome out;
        // The body is read before a worker place is taken: a slow upload holds a Jetty thread and the bytes it sent,
        // never a place (and the body reader's deadline and minimum rate bound the thread).
        try (BodyBudget.Lease lease = bodies.lease()) {
            ImageUpload upload = reader.read(ctx, lease);
            ctx.attribute("bytes", upload.bytes().length);
            try (WorkerPool.Ticket ticket = pool.tryEnter()) {
                if (ticket == null) {
                    throw ApiException.unavailable("server busy: all " + config.workers() + " workers busy and "
                            + config.queue() + " requests queued; retry later", 1);
                }
                out = ticket.run(() -> svc.run(upload, annotated, params));
            } catch (OutOfMemoryError e) {
                // The limits make this unlikely (see worstCaseHeapBytes); if the heap is too small anyway, this
                // request fails and its memory is released, and the server goes on.
                LOG.error("rid={} out of memory processing {} bytes: {}", ctx.attribute("rid"), upload.bytes().length,
                        e.getMessage());
                throw ApiException.unavailable("not enough memory for this image now; retry later or send a smaller "
                        + "image", 5);
            }
        }
        Detection d = out.detection();
        long unmasked = d.unmaskedCount();
        metrics.image(d.faces().size(), unmasked);
        ctx.attribute("faces", d.faces().size());
        ctx.attribute("unmasked", unmasked);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        if (wantsPng) {
            ctx.header("X-Faces", Integer.toString(d.faces().size()));
            ctx.header("X-Unmasked-Faces", Long.toString(unmasked));
            ctx.header("X-Elapsed-Ms", Long.toString(elapsedMs));
            ctx.contentType("image/png").result(out.annotatedPng());
            return;
        }
        // The base64 of a large annotated PNG is written straight into the body buffer, and the buffer is sent
        // as it is: no String or second copy of a possibly 100+ MB payload.
        Buffer body = new Buffer(annotated ? out.annotatedPng().length * 4 / 3 + 4096 : 4096);
        try (JsonGenerator g = json.getFactory().createGenerator(body)) {
            g.writeStartObject();
            DetectionJson.writeFields(d, g); // the fields of one line of `maskwatch detect --json`
            g.writeNumberField("elapsed_ms", elapsedMs);
            if (annotated) {
                g.writeFieldName("annotated_image");
                g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, out.annotatedPng(), 0, out.annotatedPng().length);
            }
            g.writeEndObject();
        }
        ctx.contentType("application/json").result(body.asInputStream());
    }

    /** A ByteArrayOutputStream whose bytes can be read back without copying them. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        InputStream asInputStream() {
            return new java.io.ByteArrayInputStream(buf, 0, count);
        }
    }

    // ---- helpers

    /**
     * After a 413, or a 400 found before the body was read (a bad query parameter), the client is often still
     * sending: what it sends next is read and dropped for a moment (at most half a second and two body limits), so
     * that it reads the answer instead of a connection reset by the close that follows (seen in CI as "header parser
     * received no bytes" on a 400). Bounded, so a slow client cannot hold the thread; only what has arrived is read
     * (no blocking). Not for a 401: a client without a key gets its answer at once.
     */
    private void lingerForTheRest(Context ctx) {
        long deadline = System.nanoTime() + 500_000_000L;
        long left = 2 * config.maxBodyBytes();
        byte[] buf = new byte[64 * 1024];
        try {
            jakarta.servlet.ServletInputStream in = ctx.req().getInputStream();
            while (left > 0 && !in.isFinished() && System.nanoTime() < deadline) {
                int n = in.available();
                if (n <= 0) {
                    Thread.sleep(5);
                    continue;
                }
                int r = in.read(buf, 0, (int) Math.min(Math.min(n, buf.length), left));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the connection is closed after the answer anyway
        }
    }

    /**
     * A refused request whose body was not read gets its answer at once and the connection is closed after it:
     * draining a body (up to the body limit, at the client's pace) would let anyone hold a Jetty thread per
     * connection without a key. Jetty consumes what has already arrived and closes.
     */
    private static void closeIfBodyUnread(Context ctx) {
        if (bodyUnread(ctx)) {
            ctx.header("Connection", "close");
        }
    }

    private static boolean bodyUnread(Context ctx) {
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        return hasBody && !Boolean.TRUE.equals(ctx.attribute("bodyRead"));
    }

    private void error(Context ctx, int status, String message) {
        ObjectNode o = json.createObjectNode().put("error", message);
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void logRequest(Context ctx, Float ms) {
        Long t0 = ctx.attribute("t0");
        long nanos = t0 == null ? (long) (ms * 1e6) : System.nanoTime() - t0;
        String route = ROUTES.contains(ctx.path()) ? ctx.path() : "other";
        metrics.request(ctx.method().name(), route, ctx.statusCode(), nanos);
        if (route.equals("/metrics") || route.equals("/health")) {
            return; // scraped often; counted in metrics, not logged
        }
        Object faces = ctx.attribute("faces");
        LOG.info("rid={} {} {} status={} bytes={} ms={}{}", (Object) ctx.attribute("rid"), ctx.method().name(),
                route, ctx.statusCode(), ctx.attribute("bytes") == null ? ctx.req().getContentLengthLong()
                        : ctx.attribute("bytes"), String.format(Locale.ROOT, "%.1f", nanos / 1e6),
                faces == null ? "" : " faces=" + faces + " unmasked=" + ctx.attribute("unmasked"));
    }

    /** {@code Accept: image/png} without JSON asks for the annotated image itself. */
    static boolean wantsPng(String accept) {
        if (accept == null) return false;
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("image/png") && !a.contains("application/json");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    private static byte[] resource(String name) {
        try (InputStream in = MaskwatchServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource io/maskwatch/server/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
