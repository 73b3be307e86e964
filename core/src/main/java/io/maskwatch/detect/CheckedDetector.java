package io.maskwatch.detect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A detector followed by the {@link FaceCheck}: the detector runs down to the config's rescue score, the check looks
 * at every candidate below the sure score, {@link FaceCheckConfig#keeps} decides, kept faces whose box is off take the
 * whole-face box (with {@code boxLooks} 2, the mean of the check's answers from the candidate's crop and from the crop
 * around its first answer), and then the detector's own merge runs on what is kept: NMS (a half box and a whole box
 * of one masked face become one) and the containment filter. The containment filter waits for the check because a box the check rejects (a low
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
        int w = image.getWidth();
        int h = image.getHeight();
        // a sure face needs no second look (the check cannot veto it): only the others are cut and checked, which
        // spares most of the check's cost, the crops of large faces above all
        List<Face> unsure = found.stream().filter(f -> f.score() < config.sureScore()).toList();
        // crops are cut from BGR, as detected
        BufferedImage bgr = unsure.isEmpty() ? null : io.maskwatch.image.ImageLoader.toBgr(image);
        List<FaceCheck.Verdict> verdicts = unsure.isEmpty() ? List.of() : check.check(bgr, unsure);
        List<Face> kept = new ArrayList<>(found.size());
        List<Box> answers = new ArrayList<>();           // the check's whole face of each kept unsure face, in order
        int next = 0;
        for (Face f : found) {
            if (f.score() >= config.sureScore()) {
                kept.add(f);
                continue;
            }
            FaceCheck.Verdict v = verdicts.get(next++);
            if (config.keeps(f.score(), v.faceProbability(), merge.confidence())) {
                kept.add(f);
                answers.add(inside(v.wholeFace(), f.box(), w, h));
            }
        }
        if (config.boxLooks() == 2 && !answers.isEmpty()) {
            List<Face> again = answers.stream().map(b -> new Face(b, 0, List.of())).toList();
            List<FaceCheck.Verdict> secondLook = check.check(bgr, again);
            for (int i = 0; i < answers.size(); i++) {
                Box first = answers.get(i);
                Box second = inside(secondLook.get(i).wholeFace(), first, w, h);
                answers.set(i, new Box((first.x1() + second.x1()) / 2, (first.y1() + second.y1()) / 2,
                        (first.x2() + second.x2()) / 2, (first.y2() + second.y2()) / 2));
            }
        }
        List<Face> boxed = new ArrayList<>(kept.size());
        next = 0;
        for (Face f : kept) {
            Box box = f.box();
            if (f.score() < config.sureScore()) {
                box = config.boxFor(box, answers.get(next++));
            }
            if (box.width() >= 1 && box.height() >= 1) {
                boxed.add(new Face(box, f.score(), f.landmarks()));
            }
        }
        boxed = Nms.dropContained(Nms.suppress(boxed, merge.nmsIou()), merge.containment(), merge.containerAreaRatio());
        return boxed.size() > merge.maxFaces() ? List.copyOf(boxed.subList(0, merge.maxFaces())) : boxed;
    }

    /**
     * The check's whole face clipped to the photo: the whole face of a face cut by the photo's edge lies partly
     * outside, and is judged as it will be drawn; {@code fallback} when nothing of it is inside.
     */
    private static Box inside(Box wholeFace, Box fallback, int w, int h) {
        Box clipped = wholeFace.clip(w, h);
        return clipped.width() >= 1 && clipped.height() >= 1 ? clipped : fallback;
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
