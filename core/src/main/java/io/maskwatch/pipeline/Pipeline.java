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
        List<Face> faces = new ArrayList<>();
        for (Face f : detector.detect(seen)) {
            if (f.box().size() >= config.minFace()) {
                faces.add(f);
            }
        }
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
            Box box = config.chin().extend(f.box(), s, seen.getHeight());
            out.add(new FaceResult(box, f.score(), s.masked(), Label.of(s, threshold), f.landmarks(), s));
        }
        return List.copyOf(out);
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
