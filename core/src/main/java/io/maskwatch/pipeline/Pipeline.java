package io.maskwatch.pipeline;

import io.maskwatch.classify.MaskClassifier;
import io.maskwatch.classify.MaskState;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Face;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.image.Exposure;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * detect → crop → classify → the whole face's box ({@link ChinExtension}), nothing more. Every front end (detect,
 * evaluate, serve, watch, Spark) calls this.
 * Thread-safe when its detector and classifier are.
 */
public final class Pipeline implements AutoCloseable {

    private final FaceDetector detector;
    private final MaskClassifier classifier;
    private final PipelineConfig config;

    public Pipeline(FaceDetector detector, MaskClassifier classifier, PipelineConfig config) {
        this.detector = detector;
        this.classifier = classifier;
        this.config = config;
    }

    public FaceDetector detector() { return detector; }

    public MaskClassifier classifier() { return classifier; }

    public PipelineConfig config() { return config; }

    /**
     * The faces of one image, in its pixels. The models see it stretched when it is dim or washed out
     * ({@link Exposure}).
     */
    public List<FaceResult> run(BufferedImage image) {
        return runPrepared(Exposure.forModels(image));
    }

    /**
     * {@link #run} on a photo already made ready for the models by {@link Exposure#forModels}: for a caller that
     * also shows the classifier that same photo (the evaluation's annotated boxes), without stretching it twice.
     */
    public List<FaceResult> runPrepared(BufferedImage seen) {
        List<Face> faces = detector.detect(seen);
        if (faces.isEmpty()) {
            return List.of();
        }
        List<Box> boxes = faces.stream().map(Face::box).toList();
        List<MaskState> p = classifier.classify(seen, boxes);
        double threshold = config.threshold().orElse(classifier.defaultThreshold());
        List<FaceResult> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            Face f = faces.get(i);
            MaskState s = p.get(i);
            Box box = config.chin().extend(wholeFace(f, s), s, seen.getHeight());
            // the minimum size applies to the box the user gets, as everywhere a face's size is read
            if (box.size() >= config.minFace()) {
                out.add(new FaceResult(box, f.score(), s.masked(), Label.of(s, threshold), f.landmarks(), s));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The face's box moved toward its masked-face box by {@link PipelineConfig#maskedBoxWeight} times P(mask, worn
     * correctly or not): a masked face gets the mean of both detectors' boxes, an uncovered face keeps the original
     * detector's, which was trained on faces like it.
     */
    private Box wholeFace(Face f, MaskState s) {
        Box m = f.maskedBox();
        double w = config.maskedBoxWeight() * (1 - s.unmasked());
        if (m == null || w == 0) {
            return f.box();
        }
        Box b = f.box();
        return new Box(b.x1() + w * (m.x1() - b.x1()), b.y1() + w * (m.y1() - b.y1()),
                b.x2() + w * (m.x2() - b.x2()), b.y2() + w * (m.y2() - b.y2()));
    }

    /** Runs the pipeline and wraps the result with the image's name and size. */
    public Detection detect(String name, BufferedImage image) {
        return new Detection(name, image.getWidth(), image.getHeight(), run(image), null);
    }

    @Override
    public void close() {
        detector.close();
        classifier.close();
    }
}
