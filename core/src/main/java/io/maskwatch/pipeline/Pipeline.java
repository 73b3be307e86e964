package io.maskwatch.pipeline;

import io.maskwatch.classify.MaskClassifier;
import io.maskwatch.classify.MaskState;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Face;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.detect.MaskedFaceBoxes;
import io.maskwatch.image.Exposure;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * detect → crop → classify → the whole face's box (a masked face's box moved toward the {@link MaskedFaceBoxes}' box,
 * then {@link ChinExtension}), nothing more. Every front end (detect, evaluate, serve, watch, Spark) calls this.
 * Thread-safe when its parts are.
 */
public final class Pipeline implements AutoCloseable {

    /**
     * Only a face the classifier finds more likely masked than not is looked at again for its masked box: below this
     * P(mask) the box would move little (under a quarter of the way at the default weight), and on both annotated
     * sets looking at those faces too (P(mask) > 4%, 60% more looks) changed no outcome and no mean IoU
     * (docs/detection.md, "Speed, sixth round").
     */
    static final double LOOK_AT_P_MASK = 0.5;

    private final FaceDetector detector;
    private final MaskClassifier classifier;
    private final MaskedFaceBoxes maskedBoxes;
    private final PipelineConfig config;

    /** Without masked-face boxes: the detector's box, reaching the chin as {@code config} says. */
    public Pipeline(FaceDetector detector, MaskClassifier classifier, PipelineConfig config) {
        this(detector, classifier, null, config);
    }

    /** @param maskedBoxes the second box of masked faces, or null for none; closed with the pipeline */
    public Pipeline(FaceDetector detector, MaskClassifier classifier, MaskedFaceBoxes maskedBoxes, PipelineConfig config) {
        this.detector = detector;
        this.classifier = classifier;
        this.maskedBoxes = maskedBoxes;
        this.config = config;
    }

    public FaceDetector detector() { return detector; }

    public MaskClassifier classifier() { return classifier; }

    /** The masked-face boxes, or null when the pipeline has none. */
    public MaskedFaceBoxes maskedBoxes() { return maskedBoxes; }

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
        // the face's box moves toward its masked box by this share of the way: a masked face's by the weight, an
        // uncovered face's not at all (the original detector was trained on faces like it); only faces that are
        // likely masked are looked at again, which spares the look's cost on the others
        double[] move = new double[faces.size()];
        List<Box> looked = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            double pMask = 1 - p.get(i).unmasked();
            move[i] = maskedBoxes == null || pMask < LOOK_AT_P_MASK ? 0 : config.maskedBoxWeight() * pMask;
            if (move[i] > 0) {
                looked.add(boxes.get(i));
            }
        }
        List<Box> masked = looked.isEmpty() ? List.of() : maskedBoxes.boxes(seen, looked);
        List<FaceResult> out = new ArrayList<>(faces.size());
        int next = 0;
        for (int i = 0; i < faces.size(); i++) {
            Face f = faces.get(i);
            MaskState s = p.get(i);
            Box whole = move[i] > 0 ? toward(f.box(), masked.get(next++), move[i]) : f.box();
            Box box = config.chin().extend(whole, s, seen.getHeight());
            // the minimum size applies to the box the user gets, as everywhere a face's size is read
            if (box.size() >= config.minFace()) {
                out.add(new FaceResult(box, f.score(), s.masked(), Label.of(s, threshold), f.landmarks(), s));
            }
        }
        return List.copyOf(out);
    }

    /** {@code box} moved {@code share} of the way toward {@code target}; as it is when there is no target. */
    private static Box toward(Box box, Box target, double share) {
        if (target == null) {
            return box;
        }
        return new Box(box.x1() + share * (target.x1() - box.x1()), box.y1() + share * (target.y1() - box.y1()),
                box.x2() + share * (target.x2() - box.x2()), box.y2() + share * (target.y2() - box.y2()));
    }

    /** Runs the pipeline and wraps the result with the image's name and size. */
    public Detection detect(String name, BufferedImage image) {
        return new Detection(name, image.getWidth(), image.getHeight(), run(image), null);
    }

    @Override
    public void close() {
        try {
            detector.close();
            classifier.close();
        } finally {
            if (maskedBoxes != null) maskedBoxes.close();
        }
    }
}
