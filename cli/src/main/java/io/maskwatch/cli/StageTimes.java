package io.maskwatch.cli;

import io.maskwatch.classify.MaskClassifier;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Face;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.detect.MaskedFaceBoxes;
import io.maskwatch.pipeline.Pipeline;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Time spent per stage of a batch, summed over all worker threads. The pipeline's own stages are
 * measured by wrapping its detector and classifier ({@link #timed(Pipeline)}), so a benchmark runs
 * exactly the code {@code maskwatch detect} runs.
 */
final class StageTimes {

    enum Stage { DECODE, DETECT, CLASSIFY, ANNOTATE, ENCODE, WRITE }

    private final Map<Stage, LongAdder> nanos = new EnumMap<>(Stage.class);
    private final Map<Stage, LongAdder> calls = new EnumMap<>(Stage.class);

    StageTimes() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new LongAdder());
            calls.put(s, new LongAdder());
        }
    }

    <T> T time(Stage stage, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(stage, System.nanoTime() - t0);
        }
    }

    void add(Stage stage, long elapsedNanos) {
        nanos.get(stage).add(elapsedNanos);
        calls.get(stage).increment();
    }

    /** Total milliseconds spent in a stage, over all threads. */
    double totalMs(Stage stage) {
        return nanos.get(stage).sum() / 1e6;
    }

    long calls(Stage stage) {
        return calls.get(stage).sum();
    }

    /** Mean milliseconds per image for a stage ({@code images} = images that reached it). */
    double msPerImage(Stage stage, long images) {
        return images == 0 ? 0 : totalMs(stage) / images;
    }

    void reset() {
        nanos.values().forEach(LongAdder::reset);
        calls.values().forEach(LongAdder::reset);
    }

    String perImageLine(long images, List<Stage> stages) {
        StringBuilder sb = new StringBuilder();
        for (Stage s : stages) {
            sb.append(sb.length() > 0 ? ", " : "").append(s.name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f", msPerImage(s, images)));
        }
        return sb.toString();
    }

    /** The same pipeline with its detector (and its masked-face boxes) and classifier timed into this object. */
    Pipeline timed(Pipeline p) {
        FaceDetector d = p.detector();
        MaskClassifier c = p.classifier();
        FaceDetector td = new FaceDetector() {
            @Override
            public String name() {
                return d.name();
            }

            @Override
            public List<Face> detect(BufferedImage image) {
                return time(Stage.DETECT, () -> d.detect(image));
            }

            @Override
            public void close() {
                d.close();
            }
        };
        MaskClassifier tc = new MaskClassifier() {
            @Override
            public List<io.maskwatch.classify.MaskState> classify(BufferedImage image, List<Box> faces) {
                return time(Stage.CLASSIFY, () -> c.classify(image, faces));
            }

            @Override
            public double defaultThreshold() {
                return c.defaultThreshold();
            }

            @Override
            public void close() {
                c.close();
            }
        };
        MaskedFaceBoxes m = p.maskedBoxes();
        // the masked-face detector's look at each face is detection's second look: timed with it
        MaskedFaceBoxes tm = m == null ? null : new MaskedFaceBoxes() {
            @Override
            public List<Box> boxes(BufferedImage image, List<Box> faces) {
                return time(Stage.DETECT, () -> m.boxes(image, faces));
            }

            @Override
            public void close() {
                m.close();
            }
        };
        return new Pipeline(td, tc, tm, p.config());
    }
}
