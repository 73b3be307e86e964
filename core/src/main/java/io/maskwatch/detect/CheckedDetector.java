package io.maskwatch.detect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A detector followed by the {@link FaceCheck}: the detector runs down to the config's rescue score, the check looks
 * at every candidate below the sure score, {@link FaceCheckConfig#keeps} decides, kept faces whose box is off take the
 * whole-face box, and then the detector's own merge runs on what is kept: NMS (a half box and a whole box of one masked face become one)
 * and the containment filter. The containment filter waits for the check because a box the check rejects (a low
 * score box over a whole group) must not take the faces inside it along.
 */
public final class CheckedDetector implements FaceDetector {

    private final FaceDetector candidates;
    private final FaceCheck check;
    private final FaceCheckConfig config;
    private final DetectorConfig merge;

    /**
     * Takes ownership of both parts.
     *
     * @param candidates a detector for {@link #candidateConfig} of {@code merge}
     * @param merge      the detector's settings as the detector alone would use them: its confidence (faces at or
     *                   above it need less of the check), NMS, containment and face limit
     */
    CheckedDetector(FaceDetector candidates, FaceCheck check, FaceCheckConfig config, DetectorConfig merge) {
        this.candidates = java.util.Objects.requireNonNull(candidates, "candidates");
        this.check = java.util.Objects.requireNonNull(check, "check");
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.merge = java.util.Objects.requireNonNull(merge, "merge");
    }

    /** What the detector before the check runs with: down to the rescue score, containment left to the check's end. */
    static DetectorConfig candidateConfig(DetectorConfig config, FaceCheckConfig check) {
        return config.withConfidence(Math.min(config.confidence(), check.rescueScore()))
                .withContainment(1, config.containerAreaRatio());
    }

    @Override
    public String name() {
        return candidates.name();
    }

    @Override
    public List<Face> detect(BufferedImage image) {
        List<Face> found = candidates.detect(image);
        // a sure face needs no second look (the check cannot veto it): only the others are cut and checked, which
        // spares most of the check's cost, the crops of large faces above all
        List<Face> unsure = found.stream().filter(f -> f.score() < config.sureScore()).toList();
        List<FaceCheck.Verdict> verdicts = unsure.isEmpty() ? List.of()
                : check.check(io.maskwatch.image.ImageLoader.toBgr(image), unsure);   // crops from BGR, as detected
        List<Face> kept = new ArrayList<>(found.size());
        int next = 0;
        for (Face f : found) {
            if (f.score() >= config.sureScore()) {
                kept.add(f);
                continue;
            }
            FaceCheck.Verdict v = verdicts.get(next++);
            if (config.keeps(f.score(), v.faceProbability(), merge.confidence())) {
                // the whole face of a face cut by the photo's edge lies partly outside: judged as it will be drawn
                Box box = config.boxFor(f.box(), v.wholeFace().clip(image.getWidth(), image.getHeight()));
                if (box.width() >= 1 && box.height() >= 1) {
                    kept.add(new Face(box, f.score(), f.landmarks()));
                }
            }
        }
        kept = Nms.dropContained(Nms.suppress(kept, merge.nmsIou()), merge.containment(), merge.containerAreaRatio());
        return kept.size() > merge.maxFaces() ? List.copyOf(kept.subList(0, merge.maxFaces())) : kept;
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
