package io.maskwatch.detect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A detector followed by the {@link FaceCheck}: the detector runs down to the config's rescue score, the check looks
 * at every candidate, {@link FaceCheckConfig#keeps} decides, kept faces whose box is off take the whole-face box, and one NMS merges
 * boxes that now cover the same face (a half box and a whole box of one masked face become one).
 */
public final class CheckedDetector implements FaceDetector {

    private final FaceDetector candidates;
    private final FaceCheck check;
    private final FaceCheckConfig config;
    private final double confidence;
    private final double nmsIou;

    /**
     * Takes ownership of both parts.
     *
     * @param candidates a detector whose confidence is at most {@code config.rescueScore()}
     * @param confidence the confidence the detector alone would use (faces at or above it need less of the check)
     */
    CheckedDetector(FaceDetector candidates, FaceCheck check, FaceCheckConfig config, double confidence, double nmsIou) {
        this.candidates = java.util.Objects.requireNonNull(candidates, "candidates");
        this.check = java.util.Objects.requireNonNull(check, "check");
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.confidence = confidence;
        this.nmsIou = nmsIou;
    }

    @Override
    public String name() {
        return candidates.name();
    }

    @Override
    public List<Face> detect(BufferedImage image) {
        List<Face> found = candidates.detect(image);
        if (found.isEmpty()) {
            return found;
        }
        List<FaceCheck.Verdict> verdicts = check.check(image, found);
        List<Face> kept = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            Face f = found.get(i);
            FaceCheck.Verdict v = verdicts.get(i);
            if (config.keeps(f.score(), v.faceProbability(), confidence)) {
                Box box = config.boxFor(f.box(), v.wholeFace()).clip(image.getWidth(), image.getHeight());
                if (box.width() > 0 && box.height() > 0) {
                    kept.add(new Face(box, f.score(), f.landmarks()));
                }
            }
        }
        return Nms.suppress(kept, nmsIou);
    }

    @Override
    public void close() {
        try {
            candidates.close();
        } finally {
            check.close();
        }
    }
}
