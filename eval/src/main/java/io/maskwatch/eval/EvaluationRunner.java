package io.maskwatch.eval;

import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.Box;
import io.maskwatch.image.Exposure;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.classify.MaskState;
import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Label;
import io.maskwatch.pipeline.Pipeline;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs the production {@link Pipeline} over the photos of an annotated set, one photo per task on a
 * thread pool (the pipeline is thread-safe; give it one intra-op thread per session so the pool
 * owns the cores). For each photo it records the pipeline's faces, and the classifier's P(masked)
 * on every ground-truth box through the same {@code MaskClassifier} (so the same crop rule).
 * A photo that fails to load or run becomes an {@link ImageRun} with an error; the others go on.
 */
public final class EvaluationRunner {

    private EvaluationRunner() {
    }

    /** One photo. */
    public static ImageRun runOne(Pipeline pipeline, AnnotatedImage img) {
        BufferedImage image;
        try {
            image = ImageLoader.read(img.image());
        } catch (Exception e) {
            return ImageRun.failed(img, message(e));
        }
        if (image.getWidth() != img.width() || image.getHeight() != img.height()) {
            // The set was annotated on other pixels (e.g. the photo without its EXIF rotation): the boxes would not line up.
            return ImageRun.failed(img, "the photo is " + image.getWidth() + "x" + image.getHeight()
                    + " as displayed (EXIF orientation applied) but annotated as " + img.width() + "x" + img.height());
        }
        try {
            // the classifier alone on the annotated boxes sees what it sees in the pipeline: a dim or washed-out
            // photo stretched
            BufferedImage seen = Exposure.forModels(image);
            List<Prediction> dets = new ArrayList<>();
            for (FaceResult f : pipeline.runPrepared(seen)) {
                dets.add(new Prediction(f.box(), f.score(), f.maskProbability(), f.label()));
            }
            List<Double> gt = new ArrayList<>();
            List<Label> gtLabels = new ArrayList<>();
            if (!img.faces().isEmpty()) {
                List<Box> boxes = img.faces().stream().map(GroundTruthFace::box).toList();
                double threshold = pipeline.config().threshold().orElse(pipeline.classifier().defaultThreshold());
                for (MaskState s : pipeline.classifier().classify(seen, boxes)) {
                    gt.add((double) s.masked());
                    gtLabels.add(Label.of(s, threshold));
                }
            }
            return new ImageRun(img, dets, gt, gtLabels, null);
        } catch (RuntimeException e) {
            return ImageRun.failed(img, message(e));
        }
    }

    /**
     * All photos, results in the photos' order. {@code onDone} is called (from worker threads, one at a
     * time) after each photo, for progress.
     */
    public static List<ImageRun> run(Pipeline pipeline, List<AnnotatedImage> images, int threads,
                                     Consumer<ImageRun> onDone) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "evaluate");
            t.setDaemon(true);
            return t;
        });
        Object lock = new Object();
        try {
            List<Future<ImageRun>> futures = new ArrayList<>();
            for (AnnotatedImage img : images) {
                futures.add(pool.submit(() -> {
                    ImageRun r = runOne(pipeline, img);
                    synchronized (lock) {
                        onDone.accept(r);
                    }
                    return r;
                }));
            }
            List<ImageRun> out = new ArrayList<>(images.size());
            for (Future<ImageRun> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
