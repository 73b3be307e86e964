package io.maskwatch.video;

import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.annotate.FaceBlur;
import io.maskwatch.cli.MinFaceOption;
import io.maskwatch.cli.ModelOptions;
import io.maskwatch.cli.PipelineOptions;
import io.maskwatch.model.ModelException;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.PipelineConfig;
import io.maskwatch.pipeline.Pipelines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maskwatch watch SOURCE...}: video files, cameras and streams, tracked, with one alert per unmasked person. */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Watches video files, cameras (/dev/video0) and streams (rtsp://, http(s)://",
            "MJPEG or HLS): tracks every face, decides masked / unmasked once per person",
            "from all the frames it was seen in, and raises one alert per person judged",
            "not masked. Events (track_start, alert, track_end) go as JSON Lines to",
            "--events (stdout when no other output is given), --webhook and --mqtt.",
            "Live sources drop frames rather than fall behind and are reopened when they",
            "fail; files are read as fast as the analysis goes (--realtime: at their own",
            "rate). Nothing is stored unless asked (--output, --snapshots)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every source was read to its end (or until stopped)",
            "1:some sources failed (the others were still watched)",
            "2:usage error"})
public final class WatchCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Video files, cameras or stream URLs.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--events", paramLabel = "FILE|-", description = "Write events as JSON Lines to FILE, or to stdout for '-'.")
    String events;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST each event's JSON to URL (retried with backoff; never blocks the video).")
    String webhook;

    @Option(names = "--mqtt", paramLabel = "URL", description = "Publish events to the MQTT broker at URL (tcp://HOST:PORT), QoS 1, topic PREFIX/SOURCE/TYPE.")
    String mqtt;

    @Option(names = "--mqtt-topic", paramLabel = "PREFIX", defaultValue = "maskwatch", description = "MQTT topic prefix (default: ${DEFAULT-VALUE}).")
    String mqttTopic;

    @Option(names = "--snapshots", paramLabel = "DIR", description = "Write the best crop of each alerted person to DIR as JPEG.")
    Path snapshots;

    @Option(names = {"-o", "--output"}, paramLabel = "VIDEO",
            description = "Write the annotated video (MPEG-4 Part 2 in .mp4/.mkv/.avi/.mov, Motion JPEG for .mjpeg); several sources get -1, -2... before the extension.")
    Path output;

    @Option(names = "--blur", paramLabel = "WHO", defaultValue = "masked",
            description = "Faces blurred in every written image and video: masked, all or none (default: ${DEFAULT-VALUE}).")
    String blur;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "0",
            description = "Analyse at most N frames per second of video (default: every frame of a file; as many as keep up for a live source).")
    double fps;

    @Option(names = "--realtime", description = "Read files at their own frame rate, dropping frames when analysis is slower, as for a camera.")
    boolean realtime;

    @Option(names = "--serve", paramLabel = "PORT", description = "Live view on http://HOST:PORT/ (MJPEG of annotated frames, alerts as server-sent events, /metrics).")
    Integer serve;

    @Option(names = "--linger", paramLabel = "S", defaultValue = "0",
            description = "With --serve: keep the live page up S seconds after every source has ended (default: ${DEFAULT-VALUE}).")
    double linger;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address for --serve (default: ${DEFAULT-VALUE}).")
    String bind;

    @Mixin
    PipelineOptions pipelineOptions;

    @Option(names = "--passes", paramLabel = "PX[,PX]", defaultValue = "640",
            description = "Detector passes: long sides in pixels, or 'photo' for detect's 640 + full-resolution passes (small faces, slower) (default: ${DEFAULT-VALUE}).")
    String passes;

    @Mixin
    MinFaceOption minFaceOption;

    @Option(names = "--alert-frames", paramLabel = "N", defaultValue = "3", description = "Frames a person must be seen in before being judged (default: ${DEFAULT-VALUE}).")
    int alertFrames;

    @Option(names = "--alert-seconds", paramLabel = "S", defaultValue = "0", description = "Seconds a person must be seen over before being judged (default: ${DEFAULT-VALUE}).")
    double alertSeconds;

    @Option(names = "--alert-score", paramLabel = "S", defaultValue = "0.75", description = "Mean detection score a person needs before being judged (default: ${DEFAULT-VALUE}).")
    double alertScore;

    @Option(names = "--alert-on", paramLabel = "LABELS", defaultValue = "incorrect,unmasked", description = "What a person is alerted for: incorrect (mask under the nose or on the chin), unmasked, or both (default: ${DEFAULT-VALUE}).")
    String alertOn;

    @Option(names = "--max-lost", paramLabel = "S", defaultValue = "1.0", description = "A person not seen for S seconds leaves (track_end) (default: ${DEFAULT-VALUE}).")
    double maxLost;

    @Option(names = "--scene-cut", paramLabel = "D", defaultValue = "40", description = "Mean grey-level change (0-255) between frames taken as a cut, which ends all tracks; 0 = off (default: ${DEFAULT-VALUE}).")
    double sceneCut;

    @Option(names = "--read-timeout", paramLabel = "S", defaultValue = "5", description = "A stream read or connect taking longer fails and the stream is reopened (default: ${DEFAULT-VALUE}).")
    double readTimeout;

    @Option(names = "--open-attempts", paramLabel = "N", defaultValue = "3", description = "Attempts to open a live source before giving up on it (once open, it is always reopened) (default: ${DEFAULT-VALUE}).")
    int openAttempts;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    CommandSpec spec;

    /** Set by tests and by SIGTERM: stops every source, which then ends its tracks and flushes. */
    final AtomicBoolean stop = new AtomicBoolean();
    private volatile LiveServer liveServer;
    private final CountDownLatch started = new CountDownLatch(1);

    public static void main(String[] args) {
        System.exit(new CommandLine(new WatchCommand()).execute(args));
    }

    /** Asks a running watch to stop as SIGTERM does. */
    public void stop() {
        stop.set(true);
    }

    /** The live server once started (for tests), waiting up to {@code seconds}. */
    public LiveServer liveServer(double seconds) throws InterruptedException {
        started.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        return liveServer;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PipelineConfig pipelineConfig = pipelineOptions.config(minFaceOption.minFace());
        FaceBlur.Mode blurMode;
        io.maskwatch.detect.DetectorConfig detectorConfig;
        TrackerConfig tracking;
        ReadConfig reading;
        try {
            blurMode = FaceBlur.Mode.parse(blur);
            detectorConfig = DetectorPasses.parse(passes);
            tracking = TrackerConfig.DEFAULT.withDecision(alertFrames, alertSeconds).withSceneCut(sceneCut);
            tracking = tracking.withMaxLost(maxLost).withMinScore(alertScore).withAlertOn(TrackerConfig.parseAlertOn(alertOn));
            reading = new ReadConfig(fps, realtime, (int) Math.round(readTimeout * 1000), openAttempts, 8000);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (!(linger >= 0)) {
            throw usage("--linger must be >= 0, got " + linger);
        }
        if (serve != null && (serve < 0 || serve > 65535)) {
            throw usage("--serve must be a port 0-65535, got " + serve);
        }
        List<SourceSpec> specs = sources.stream().map(SourceSpec::parse).toList();

        Pipeline pipeline;
        // One ONNX Runtime thread per frame: each source's decoding runs beside its analysis, sources run in parallel,
        // and a multi-threaded run cost 2-3x the CPU a frame on a busy 2-core machine (docs/watch.md, speed).
        int intraOp = 1;
        try {
            pipeline = Pipelines.open(modelOptions.store(err), pipelineOptions.detector(), detectorConfig,
                    pipelineOptions.faceCheck(), pipelineConfig, intraOp);
        } catch (ModelException e) {
            err.println("maskwatch watch: " + e.getMessage());
            err.flush();
            return 1;
        }
        List<EventSink> sinks = new ArrayList<>();
        List<SourceMetrics> metrics = specs.stream().map(s -> new SourceMetrics(s.name())).toList();
        try {
            boolean anyOther = webhook != null || mqtt != null || serve != null || output != null || snapshots != null;
            if (events != null || !anyOther) {
                sinks.add(jsonSink());
            }
            if (webhook != null) {
                sinks.add(new WebhookSink(parseUri(webhook), QueuedSink.Retry.DEFAULT, 1000, err));
            }
            if (mqtt != null) {
                sinks.add(new MqttSink(mqtt, mqttTopic, QueuedSink.Retry.DEFAULT, 1000, err));
            }
            if (serve != null) {
                liveServer = LiveServer.start(bind, serve, metrics);
                sinks.add(liveServer);
                err.println("maskwatch watch: live view on " + liveServer.uri());
                err.flush();
            }
        } catch (IllegalArgumentException e) {
            sinks.forEach(EventSink::close);
            pipeline.close();
            throw usage(e.getMessage());
        } catch (IOException e) {
            sinks.forEach(EventSink::close);
            pipeline.close();
            err.println("maskwatch watch: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            started.countDown();
        }
        try (pipeline; EventBus bus = new EventBus(sinks, err)) {
            SourceWorker.Shared shared = new SourceWorker.Shared(pipeline, tracking, reading, bus,
                    snapshots == null ? null : new Snapshots(snapshots, blurMode), blurMode, liveServer, stop, err);
            List<SourceWorker> workers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                SourceWorker w = new SourceWorker(specs.get(i), i, outputFor(i, specs.size()), shared, metrics.get(i));
                Thread t = new Thread(w, "maskwatch-source-" + i);
                workers.add(w);
                threads.add(t);
            }
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stop.set(true);
                try {
                    done.await(30, TimeUnit.SECONDS); // let every source end its tracks and flush its outputs
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "maskwatch-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                threads.forEach(Thread::start);
                for (Thread t : threads) {
                    t.join();
                }
                lingerUnlessStopped();
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
            } finally {
                if (liveServer != null) {
                    liveServer.close();
                }
                bus.close();
                summary(err, workers);
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook is what let us get here
                }
            }
            return workers.stream().anyMatch(SourceWorker::failed) ? 1 : 0;
        }
    }

    private void lingerUnlessStopped() throws InterruptedException {
        long end = System.nanoTime() + (long) (linger * 1e9);
        while (liveServer != null && !stop.get() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    private void summary(PrintWriter err, List<SourceWorker> workers) {
        synchronized (err) {
            for (SourceWorker w : workers) {
                SourceMetrics m = w.metrics();
                double seconds = m.analysisNanos.get() / 1e9;
                err.println(String.format(Locale.ROOT,
                        "maskwatch watch: %s: %d frames read, %d analysed (%.1f/s of analysis time), %d dropped, %d skipped by --fps, "
                                + "%d unreadable, %d people, %d alerts, %d reconnects%s",
                        m.source, m.framesRead.get(), m.framesAnalysed.get(),
                        seconds > 0 ? m.framesAnalysed.get() / seconds : 0.0,
                        m.framesDropped.get(), m.framesSkipped.get(), m.corruptFrames.get(), m.tracks.get(),
                        m.alerts.get(), m.reconnects.get(), w.failed() ? " (failed)" : ""));
            }
            err.flush();
        }
    }

    private Path outputFor(int i, int n) {
        if (output == null || n == 1) {
            return output;
        }
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".mp4";
        return output.resolveSibling(stem + "-" + (i + 1) + ext);
    }

    private EventSink jsonSink() {
        if (events == null || events.equals("-")) {
            PrintWriter out = spec.commandLine().getOut();
            return new JsonLinesSink(out, false);
        }
        try {
            Path file = Path.of(events);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            return new JsonLinesSink(w, true);
        } catch (IOException e) {
            throw new IllegalArgumentException("--events " + events + ": cannot write: " + e.getMessage());
        }
    }

    private static URI parseUri(String s) {
        try {
            return URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--webhook is not a URL: " + s);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
