package io.maskwatch.video;

import io.maskwatch.annotate.FaceBlur;
import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Pipeline;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One source end to end: its {@link SourceReader} thread decodes, this thread analyses the frames it is handed
 * (pipeline, scene-cut check, tracker), turns track changes into events, and writes the annotated frame to --output
 * and the live view. When the source ends or the process is stopped, every open track ends with a track_end event
 * and the output is closed.
 */
final class SourceWorker implements Runnable {

    /** What a worker needs besides its source; shared by all sources. */
    record Shared(Pipeline pipeline, TrackerConfig tracking, ReadConfig reading, EventBus events, Snapshots snapshots,
                  FaceBlur.Mode blur, LiveView live, AtomicBoolean stop, PrintWriter err) {
    }

    private final SourceSpec spec;
    private final int number;
    private final Path output;
    private final Shared shared;
    private final SourceMetrics metrics;
    private final String key;
    private volatile boolean failed;

    SourceWorker(SourceSpec spec, int number, Path output, Shared shared, SourceMetrics metrics) {
        this.spec = spec;
        this.number = number;
        this.output = output;
        this.shared = shared;
        this.metrics = metrics;
        this.key = MqttSink.sourceKey(spec.name());
    }

    boolean failed() {
        return failed;
    }

    SourceMetrics metrics() {
        return metrics;
    }

    @Override
    public void run() {
        FrameHandoff handoff = new FrameHandoff(spec.live() || shared.reading().realtime(), metrics);
        SourceReader reader = new SourceReader(spec, shared.reading(), handoff, metrics, shared.stop(), shared.err());
        Thread readerThread = new Thread(reader, "maskwatch-read-" + number);
        readerThread.setDaemon(true);
        readerThread.start();
        Pipeline pipeline = shared.pipeline();
        double threshold = pipeline.config().threshold().orElse(pipeline.classifier().defaultThreshold());
        Tracker tracker = new Tracker(shared.tracking(), threshold);
        SceneCut cuts = new SceneCut(shared.tracking().sceneCut());
        Map<Long, Snapshots.Best> best = new HashMap<>();
        Map<Long, String> snapshotPath = new HashMap<>();
        VideoOutput video = null;
        VideoFrame last = null;
        try {
            while (true) {
                VideoFrame f = handoff.take(200);
                if (f == null) {
                    if (handoff.ended() || shared.stop().get()) {
                        break;
                    }
                    continue;
                }
                long t0 = System.nanoTime();
                if (cuts.isCut(f.image())) {
                    emit(tracker.endAll(), f, best, snapshotPath);
                }
                List<FaceResult> faces = pipeline.run(f.image());
                Tracker.Step step = tracker.update(faces, f.clock());
                if (shared.snapshots() != null) {
                    for (Tracker.Tracked t : step.faces()) {
                        if (t.track() > 0) {
                            best.put(t.track(), Snapshots.better(best.get(t.track()), f.image(), t.face().box(), t.face().score()));
                        }
                    }
                }
                emit(step.changes(), f, best, snapshotPath);
                metrics.framesAnalysed.incrementAndGet();
                metrics.openTracks = tracker.openTracks();
                if (output != null || (shared.live() != null && shared.live().wants(number))) {
                    BufferedImage annotated = TrackAnnotator.draw(f.image(), step.faces(), shared.blur());
                    if (output != null) {
                        if (video == null) {
                            double rate = shared.reading().fps() > 0 ? shared.reading().fps() : reader.frameRate();
                            video = new VideoOutput(output, VideoOutput.codecFor(output), rate);
                        }
                        try {
                            video.write(annotated, f.time());
                        } catch (Exception e) {
                            warn("cannot write " + output + ": " + e.getMessage() + "; no more video is written");
                            video.close();
                            video = null;
                            failed = true;
                        }
                    }
                    if (shared.live() != null) {
                        shared.live().publish(number, annotated);
                    }
                }
                metrics.analysisNanos.addAndGet(System.nanoTime() - t0);
                last = f;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | UnsatisfiedLinkError e) {
            warn("stopped: " + e);
            failed = true;
        } finally {
            handoff.end();
            if (last != null) {
                emit(tracker.endAll(), last, best, snapshotPath);
            }
            metrics.openTracks = 0;
            if (video != null) {
                try {
                    video.close();
                } catch (Exception e) {
                    warn("cannot finish " + output + ": " + e.getMessage());
                    failed = true;
                }
            }
            try {
                readerThread.join(shared.reading().timeoutMillis() + 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reader.failure() != null) {
                failed = true;
            }
        }
    }

    private void emit(List<Tracker.Change> changes, VideoFrame f, Map<Long, Snapshots.Best> best,
                      Map<Long, String> snapshotPath) {
        for (Tracker.Change c : changes) {
            String snapshot = snapshotPath.get(c.track());
            switch (c.type()) {
                case START -> metrics.tracks.incrementAndGet();
                case ALERT -> {
                    metrics.alerts.incrementAndGet();
                    Snapshots.Best b = best.get(c.track());
                    if (shared.snapshots() != null && b != null) {
                        try {
                            snapshot = shared.snapshots().write(key, c.track(), b).toString();
                            snapshotPath.put(c.track(), snapshot);
                        } catch (java.io.IOException e) {
                            warn("cannot write snapshot: " + e.getMessage());
                        }
                    }
                }
                case END -> {
                    best.remove(c.track());
                    snapshotPath.remove(c.track());
                }
            }
            shared.events().emit(new WatchEvent(c.type().json, spec.name(), c.track(), f.time(), f.index(),
                    c.label().json(), c.maskProbability(), c.box(), snapshot));
        }
    }

    private void warn(String line) {
        synchronized (shared.err()) {
            shared.err().println("maskwatch watch: " + spec.name() + ": " + line);
            shared.err().flush();
        }
    }
}
