package io.maskwatch.detect;

import java.util.List;

/**
 * Settings shared by every detector, validated up front. Defaults live in {@link #DEFAULT} only.
 *
 * @param confidence   minimum detection score kept, in (0, 1)
 * @param nmsIou       boxes overlapping a higher-scored box by more than this IoU are dropped, in (0, 1]
 * @param longSides    one pass per entry over the whole photo, resized so that its longer side is this many
 *                     pixels (up or down), smallest first; detections of all passes are merged with NMS
 * @param handoverSize each pass after the first keeps only faces smaller than this (longer side, pixels) at the
 *                     previous pass's scale: bigger faces are the previous pass's to find, and a big face seen
 *                     again enlarged tends to come back as extra boxes on its parts; 0 keeps every face
 * @param maxUpscale   no pass enlarges a photo by more than this factor (a tiny photo is not blown up 40x)
 * @param firstUpscale the first pass enlarges a photo by at most this factor (at most {@code maxUpscale}): with
 *                     1.0 a 500 px photo is searched as it is, not blown up to 640 px (39% fewer pixels), and
 *                     its small faces are left to the detail pass, which runs around them
 * @param detailScale  the last (largest) pass never shrinks the photo below this factor: with 1.0, a 4000 px
 *                     photo is also searched at full resolution (in tiles), so 10–20 px faces are not lost to
 *                     downscaling; 0 turns this off and the last pass follows {@code longSides} alone
 * @param containment  a box whose area lies at least this fraction inside a much larger box is dropped
 *                     (a part of a big face found again at a larger scale); 1 turns this off
 * @param containerAreaRatio "much larger": the container's area is at least this many times the box's
 * @param maxFaces     at most this many faces per image, highest scores first
 * @param confirmScore a face found by a pass after the first counts as confirmed when a candidate of another
 *                     pass with at least this score overlaps it by more than {@code nmsIou}; 0 turns the check off
 * @param unconfirmedConfidence the score an unconfirmed face of a later pass needs to be kept (at least
 *                     {@code confidence} applies anyway): ears, hands and clothing seen enlarged come back from
 *                     the detail pass alone, real faces mostly from both passes
 * @param detailTrigger the passes after the first run only where the first pass saw a small face: around its
 *                     candidates (score at least {@link #candidateScore()}) whose shorter side is under this many
 *                     pixels of the first pass; a photo whose faces are all larger skips them (details and the
 *                     exception, for photos with no candidate, in MultiScaleDetector.detailRegion).
 *                     0 runs every pass over the whole of every photo
 * @param maxDetailSide the last pass's long side is at most this many pixels, whatever {@code detailScale} asks
 *                     (but never below its {@code longSides} entry): 1920 searches a 4000 px photo at 1920 px, one
 *                     tile, instead of at full size, six tiles; five times faster on such photos, but a crowd of
 *                     10-30 px faces in them is lost (docs/detection.md, "Speed, fourth round"); 0: no limit
 * @param coarseSides  passes over the whole photo at these long sides, smaller than the first pass's, that keep
 *                     only faces too big for the others: a face that fills a close-up is larger than what YuNet finds
 *                     at 640 px and comes back as a box over eyes and nose, or not at all
 *                     ({@code MultiScaleDetector.COARSE_FACE_SHARE}); each runs only when its scale is below the
 *                     first pass's; empty: none
 */
public record DetectorConfig(double confidence, double nmsIou, List<Integer> longSides, double handoverSize,
                             double maxUpscale, double firstUpscale,
                             double detailScale, double containment, double containerAreaRatio, int maxFaces,
                             double confirmScore, double unconfirmedConfidence, double detailTrigger,
                             int maxDetailSide, List<Integer> coarseSides) {

    /**
     * Two passes: the photo at a 640 px long side (faces from ~10 px of that size up to about a third of it) and at
     * a 1024 px long side but never below full resolution (faces down to ~7 px of the original photo), merged by NMS
     * at IoU 0.4; boxes 80% inside a box of twice their area dropped; confidence 0.6; a face of the second pass that
     * no 640-pass candidate of score 0.35 confirms needs 0.8 (unless it is too small for the 640 pass to see); the
     * second pass only around faces under 48 px at 640 (all of a photo where the first pass found nothing). Coarse
     * passes at 224 and 320 px for the faces of close-ups, where the first pass found a large face or none.
     * docs/detection.md has the measurements behind each choice.
     */
    public static final DetectorConfig DEFAULT =
            new DetectorConfig(0.6, 0.4, List.of(640, 1024), 0, 4.0, 4.0, 1.0, 0.8, 2.0, 1000, 0.35, 0.8, 48, 0,
                    List.of(224, 320));

    /** Without the cross-pass confirmation (every pass's faces kept at {@code confidence}). */
    public DetectorConfig(double confidence, double nmsIou, List<Integer> longSides, double handoverSize,
                          double maxUpscale, double detailScale, double containment, double containerAreaRatio,
                          int maxFaces) {
        this(confidence, nmsIou, longSides, handoverSize, maxUpscale, maxUpscale, detailScale, containment,
                containerAreaRatio, maxFaces, 0, 1, 0, 0, List.of());
    }

    public DetectorConfig {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            throw new IllegalArgumentException("NMS IoU must be in (0, 1]: " + nmsIou);
        }
        if (longSides == null || longSides.isEmpty()) {
            throw new IllegalArgumentException("at least one scale (long side) is needed");
        }
        longSides = List.copyOf(longSides);
        for (int i = 0; i < longSides.size(); i++) {
            int s = longSides.get(i);
            if (s < 32 || s > 16384) {
                throw new IllegalArgumentException("long side must be in [32, 16384]: " + s);
            }
            if (i > 0 && s <= longSides.get(i - 1)) {
                throw new IllegalArgumentException("long sides must be increasing: " + longSides);
            }
        }
        if (!(handoverSize >= 0)) {
            throw new IllegalArgumentException("handover size must be >= 0: " + handoverSize);
        }
        if (!(maxUpscale >= 1 && maxUpscale <= 16)) {
            throw new IllegalArgumentException("max upscale must be in [1, 16]: " + maxUpscale);
        }
        if (!(firstUpscale >= 1 && firstUpscale <= maxUpscale)) {
            throw new IllegalArgumentException("first-pass upscale must be in [1, maxUpscale]: " + firstUpscale);
        }
        if (!(detailScale >= 0 && detailScale <= maxUpscale)) {
            throw new IllegalArgumentException("detail scale must be in [0, maxUpscale]: " + detailScale);
        }
        if (!(containment > 0 && containment <= 1)) {
            throw new IllegalArgumentException("containment must be in (0, 1]: " + containment);
        }
        if (!(containerAreaRatio >= 1)) {
            throw new IllegalArgumentException("container area ratio must be >= 1: " + containerAreaRatio);
        }
        if (maxFaces < 1) {
            throw new IllegalArgumentException("max faces must be >= 1: " + maxFaces);
        }
        if (!(confirmScore >= 0 && confirmScore < 1)) {
            throw new IllegalArgumentException("confirm score must be in [0, 1): " + confirmScore);
        }
        if (!(unconfirmedConfidence > 0 && unconfirmedConfidence <= 1)) {
            throw new IllegalArgumentException("unconfirmed confidence must be in (0, 1]: " + unconfirmedConfidence);
        }
        if (!(detailTrigger >= 0)) {
            throw new IllegalArgumentException("detail trigger must be >= 0: " + detailTrigger);
        }
        if (maxDetailSide < 0) {
            throw new IllegalArgumentException("max detail side must be >= 0: " + maxDetailSide);
        }
        if (coarseSides == null) {
            throw new IllegalArgumentException("coarse sides must be a list (empty: none)");
        }
        coarseSides = List.copyOf(coarseSides);
        for (int s : coarseSides) {
            if (s < 32 || s > 16384) {
                throw new IllegalArgumentException("coarse side must be in [32, 16384]: " + s);
            }
        }
    }

    /** Whether faces of later passes are checked against the other passes' candidates. */
    public boolean confirms() { return confirmScore > 0; }

    /** Lowest score a detector must report for this config: the confidence, or the confirm score below it. */
    public double candidateScore() { return confirms() ? Math.min(confidence, confirmScore) : confidence; }

    public DetectorConfig withConfidence(double c) {
        return new DetectorConfig(c, nmsIou, longSides, handoverSize, maxUpscale, firstUpscale, detailScale, containment,
                containerAreaRatio, maxFaces, confirmScore, unconfirmedConfidence, detailTrigger, maxDetailSide, coarseSides);
    }

    public DetectorConfig withLongSides(List<Integer> sides) {
        return new DetectorConfig(confidence, nmsIou, sides, handoverSize, maxUpscale, firstUpscale, detailScale, containment,
                containerAreaRatio, maxFaces, confirmScore, unconfirmedConfidence, detailTrigger, maxDetailSide, coarseSides);
    }

    public DetectorConfig withHandoverSize(double size) {
        return new DetectorConfig(confidence, nmsIou, longSides, size, maxUpscale, firstUpscale, detailScale, containment,
                containerAreaRatio, maxFaces, confirmScore, unconfirmedConfidence, detailTrigger, maxDetailSide, coarseSides);
    }

    public DetectorConfig withDetailScale(double s) {
        return new DetectorConfig(confidence, nmsIou, longSides, handoverSize, maxUpscale, firstUpscale, s, containment,
                containerAreaRatio, maxFaces, confirmScore, unconfirmedConfidence, detailTrigger, maxDetailSide, coarseSides);
    }

    public DetectorConfig withContainment(double fraction, double areaRatio) {
        return new DetectorConfig(confidence, nmsIou, longSides, handoverSize, maxUpscale, firstUpscale, detailScale, fraction,
                areaRatio, maxFaces, confirmScore, unconfirmedConfidence, detailTrigger, maxDetailSide, coarseSides);
    }

    /** {@code score} 0 turns the cross-pass confirmation off. */
    public DetectorConfig withConfirmation(double score, double unconfirmed) {
        return new DetectorConfig(confidence, nmsIou, longSides, handoverSize, maxUpscale, firstUpscale, detailScale, containment,
                containerAreaRatio, maxFaces, score, unconfirmed, detailTrigger, maxDetailSide, coarseSides);
    }

    /** {@code pixels} 0 runs every pass on every photo. */
    public DetectorConfig withFirstUpscale(double factor) {
        return new DetectorConfig(confidence, nmsIou, longSides, handoverSize, maxUpscale, factor, detailScale, containment,
                containerAreaRatio, maxFaces, confirmScore, unconfirmedConfidence, detailTrigger, maxDetailSide, coarseSides);
    }

    /** {@code pixels} 0: the last pass follows {@code detailScale} however large the photo. */
    public DetectorConfig withMaxDetailSide(int pixels) {
        return new DetectorConfig(confidence, nmsIou, longSides, handoverSize, maxUpscale, firstUpscale, detailScale, containment,
                containerAreaRatio, maxFaces, confirmScore, unconfirmedConfidence, detailTrigger, pixels, coarseSides);
    }

    public DetectorConfig withDetailTrigger(double pixels) {
        return new DetectorConfig(confidence, nmsIou, longSides, handoverSize, maxUpscale, firstUpscale, detailScale, containment,
                containerAreaRatio, maxFaces, confirmScore, unconfirmedConfidence, pixels, maxDetailSide, coarseSides);
    }

    public DetectorConfig withCoarseSides(List<Integer> sides) {
        return new DetectorConfig(confidence, nmsIou, longSides, handoverSize, maxUpscale, firstUpscale, detailScale, containment,
                containerAreaRatio, maxFaces, confirmScore, unconfirmedConfidence, detailTrigger, maxDetailSide, sides);
    }

    /**
     * The coarse passes' resize factors for a photo of the given size, smallest first: those of {@link #coarseSides()}
     * clearly below the first pass's factor (a small photo's first pass may already see its big faces).
     */
    public double[] coarseScales(int width, int height) {
        double first = scales(width, height)[0];
        return coarseSides.stream().mapToDouble(s -> Math.min(maxUpscale, s / (double) Math.max(width, height)))
                .filter(s -> s * 1.05 < first).distinct().sorted().toArray();
    }

    /** The resize factor of each pass for a photo of the given size; equal factors are run once. */
    public double[] scales(int width, int height) {
        int longSide = Math.max(width, height);
        double[] out = new double[longSides.size()];
        int n = 0;
        for (int i = 0; i < longSides.size(); i++) {
            double s = Math.min(i == 0 ? firstUpscale : maxUpscale, longSides.get(i) / (double) longSide);
            if (i == longSides.size() - 1) {
                double detail = maxDetailSide == 0 ? detailScale : Math.min(detailScale, maxDetailSide / (double) longSide);
                s = Math.max(s, detail);
            }
            if (n == 0 || s > out[n - 1] * 1.05) {
                out[n++] = s;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
