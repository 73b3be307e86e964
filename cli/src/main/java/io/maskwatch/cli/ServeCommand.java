package io.maskwatch.cli;

import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.model.ModelStore;
import io.maskwatch.pipeline.PipelineConfig;
import io.maskwatch.pipeline.Pipelines;
import io.maskwatch.server.LoadTest;
import io.maskwatch.server.MaskwatchServer;
import io.maskwatch.server.ServerConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code maskwatch serve}: the HTTP API and web page over the same pipeline as {@code maskwatch detect}. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serves the detection API and a web page to try it.",
            "POST /api/v1/detect, the web page at /, the API page at /docs, /health, /metrics and /openapi.json. "
                + "Models are loaded once at start and shared; /health answers 200 once they are loaded. Images are "
                + "processed in memory only: never written to disk, never logged. See docs/server.md."},
        subcommands = ServeCommand.LoadTestCommand.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by a signal (Ctrl-C, SIGTERM) after serving",
            "1:could not start (port in use, models missing)",
            "2:usage error"})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--workers", paramLabel = "N",
            description = "Images processed at the same time (default: the number of cores, fewer when the heap "
                    + "cannot hold that many images at --max-pixels).")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N",
            description = "Requests that may wait for a worker; beyond workers + queue the answer is 503 with "
                    + "Retry-After (default: 2 x workers, fewer when the heap cannot hold their bodies).")
    Integer queue;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Require this key on /api/ requests (X-API-Key or Authorization: Bearer). "
                    + "Also MASKWATCH_API_KEY.")
    String apiKey;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "Let web pages from ORIGIN (scheme://host[:port], or *) call the API from a browser "
                    + "(repeatable; default: none).")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "20971520",
            description = "Largest request body; larger gets 413 (default: ${DEFAULT-VALUE} = 20 MB).")
    long maxBodyBytes;

    @Mixin
    MaxPixelsOption maxPixelsOption;

    @Mixin
    DecodeTimeoutOption decodeTimeoutOption;

    @Option(names = "--body-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "A request body must arrive within this time, and after its first 10 s at "
                    + "--min-body-rate or faster; else 408 (default: ${DEFAULT-VALUE}).")
    double bodyTimeout;

    @Option(names = "--min-body-rate", paramLabel = "BYTES_PER_S", defaultValue = "10240",
            description = "Slowest accepted upload, on average after its first 10 s (default: ${DEFAULT-VALUE}; "
                    + "0: no minimum).")
    long minBodyRate;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "On Ctrl-C or SIGTERM, requests in flight get this long to finish and be answered "
                    + "(default: ${DEFAULT-VALUE}).")
    double shutdownTimeout;

    @Mixin
    PipelineOptions pipelineOptions;

    @Mixin
    MinFaceOption minFaceOption;

    @Option(names = "--sample", paramLabel = "FILE",
            description = "A photo the web page offers to try with one click (repeatable; default: three of the "
                    + "shared validation photos when they are there).")
    List<Path> samples;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    CommandSpec spec;

    /** The photos offered by default: a group with masked and unmasked faces, one masked face, one unmasked. */
    static final List<String> DEFAULT_SAMPLES = List.of("38.jpg", "3.jpg", "249.jpg");

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile MaskwatchServer server;

    /** The running server once listening (tests use it to find the port). */
    MaskwatchServer server() {
        return server;
    }

    /** Stops a running {@code call()}: the server closes and call() returns 0. */
    void stop() {
        stopped.countDown();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        quietLibraryLogs();
        ServerConfig config = serverConfig();
        PipelineConfig pipelineConfig = pipelineConfig();
        // Workers run images in parallel; each ONNX run gets the cores left over (at least one).
        int intraOp = Math.max(1, Runtime.getRuntime().availableProcessors() / config.workers());
        ModelStore store = modelOptions.store(err);
        List<Path> sampleFiles = samples();

        MaskwatchServer server;
        try {
            server = MaskwatchServer.startLoading(config,
                    () -> Pipelines.open(store, pipelineOptions.detector, DetectorConfig.DEFAULT,
                            pipelineOptions.faceCheck(), pipelineConfig, intraOp), sampleFiles);
        } catch (RuntimeException e) {
            err.println("maskwatch serve: cannot listen on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e));
            err.flush();
            return 1;
        }
        err.println("maskwatch serve: listening on " + server.uri() + " (" + config.workers() + " workers, queue "
                + config.queue() + (config.apiKey().isPresent() ? ", API key required" : "") + "); loading models...");
        err.flush();
        try {
            server.awaitReady(Duration.ofMinutes(10));
        } catch (Exception e) {
            err.println("maskwatch serve: cannot load models: " + rootMessage(e));
            err.flush();
            server.close();
            return 1;
        }
        this.server = server;
        err.println("maskwatch serve: ready at " + server.uri() + " (Ctrl-C stops)");
        err.flush();

        // Ctrl-C / SIGTERM: stop accepting, answer the requests in flight, close, and return 0. Handling the
        // signals (instead of a shutdown hook, in which the JVM exits with 128 + the signal's number: 143) keeps
        // the exit code this command promises.
        java.util.Map<sun.misc.Signal, sun.misc.SignalHandler> previous = new java.util.HashMap<>();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal sig = new sun.misc.Signal(name);
                previous.put(sig, sun.misc.Signal.handle(sig, s -> stop()));
            } catch (IllegalArgumentException unavailable) {
                // not on this platform: the JVM's default (shutdown hooks) applies
            }
        }
        try {
            stopped.await();
        } finally {
            err.println("maskwatch serve: stopping; answering the requests in flight");
            err.flush();
            server.close();
            previous.forEach(sun.misc.Signal::handle);
        }
        err.println("maskwatch serve: stopped");
        err.flush();
        return 0;
    }

    List<Path> samples() {
        if (samples != null) {
            for (Path p : samples) {
                if (!Files.isRegularFile(p)) {
                    throw new ParameterException(spec.commandLine(), "--sample " + p + ": no such file");
                }
            }
            return samples;
        }
        return BenchCommand.defaultImages().map(dir -> DEFAULT_SAMPLES.stream().map(dir::resolve)
                .filter(Files::isRegularFile).toList()).orElse(List.of());
    }

    ServerConfig serverConfig() {
        String key = apiKey != null ? apiKey : System.getenv("MASKWATCH_API_KEY");
        long maxPixels = maxPixelsOption.maxPixels();
        try {
            int w = workers == null ? ServerConfig.defaultWorkers(maxPixels, maxBodyBytes) : workers;
            int q = queue == null ? ServerConfig.defaultQueue(w, maxPixels, maxBodyBytes) : queue;
            ServerConfig.Timeouts t = ServerConfig.Timeouts.DEFAULT
                    .withBody(seconds(bodyTimeout, "--body-timeout"), minBodyRate, ServerConfig.Timeouts.DEFAULT.bodyGrace())
                    .withDecode(decodeTimeoutOption.decodeTimeout())
                    .withShutdown(seconds(shutdownTimeout, "--shutdown-timeout"));
            return new ServerConfig(host, port, w, q, Optional.ofNullable(key), maxBodyBytes, maxPixels, corsOrigins, t);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static Duration seconds(double s, String option) {
        if (!(s > 0) || s > 86_400) {
            throw new IllegalArgumentException(option + " must be in (0, 86400] seconds: " + s);
        }
        return Duration.ofNanos((long) (s * 1e9));
    }

    private PipelineConfig pipelineConfig() {
        return pipelineOptions.config(minFaceOption.minFace());
    }

    /**
     * The server's own request log is what an operator reads; Jetty's and Javalin's start-up chatter goes to WARN.
     * Set before their loggers exist; a user's own -Dorg.slf4j.simpleLogger... settings win.
     */
    private static void quietLibraryLogs() {
        for (String logger : new String[] {"org.eclipse.jetty", "io.javalin"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
        if (System.getProperty("org.slf4j.simpleLogger.showDateTime") == null) {
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** {@code maskwatch serve loadtest}: N clients against a running server; requests/s, latency, heap. */
    @Command(name = "loadtest", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Drives a running maskwatch server with concurrent clients for a fixed time.",
                "Reports requests/s, p50/p95/p99 latency, responses by status and the server's heap (from /metrics).",
                "Clients that get 503 wait for Retry-After.",
                "Exit code 1 when any 5xx other than 503, or a transport error, was seen."})
    static final class LoadTestCommand implements Callable<Integer> {

        @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080/",
                description = "The server (default: ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--clients", paramLabel = "N", defaultValue = "16",
                description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60",
                description = "How long to send (default: ${DEFAULT-VALUE}).")
        long seconds;

        @Option(names = "--images", paramLabel = "DIR",
                defaultValue = "../shared/datasets/reference-photos-validation/images",
                description = "Photos to send, in turn (default: the shared validation photos).")
        Path images;

        @Option(names = "--annotated", description = "Ask for annotated=true (adds PNG encoding to each request).")
        boolean annotated;

        @Option(names = "--api-key", paramLabel = "KEY", description = "Sent as X-API-Key. Also MASKWATCH_API_KEY.")
        String apiKey;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(images)) {
                throw new ParameterException(spec.commandLine(), "--images " + images + " is not a folder");
            }
            List<Path> files = new ArrayList<>(LoadTest.images(images));
            if (files.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no images in " + images);
            }
            URI base = url.toString().endsWith("/") ? url : URI.create(url + "/");
            String key = apiKey != null ? apiKey : System.getenv("MASKWATCH_API_KEY");
            LoadTest.Options options;
            try {
                options = new LoadTest.Options(base, clients, Duration.ofSeconds(seconds), files,
                        Optional.ofNullable(key), annotated);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            System.err.println("maskwatch serve loadtest: " + clients + " clients, " + seconds + " s, "
                    + files.size() + " photos from " + images + " -> " + base);
            LoadTest.Report report = LoadTest.run(options);
            report.print(System.out);
            return report.unexpectedErrors() == 0 ? 0 : 1;
        }
    }
}
