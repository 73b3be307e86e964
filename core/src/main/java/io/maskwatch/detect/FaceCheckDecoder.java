package io.maskwatch.detect;

import io.maskwatch.classify.CropSpec;
import io.maskwatch.classify.FaceCrops;

/**
 * Decodes one row of the face check's output, no model involved: column 0 is the face logit, columns 1-4 the whole
 * face's x1, y1, x2, y2 relative to the crop region's centre, in units of its side (the crop region is the
 * candidate's box through {@link FaceCrops#cropRegion}, the same rule training cut its crops with).
 */
public final class FaceCheckDecoder {

    /** Values per candidate in the model's output. */
    public static final int COLUMNS = 5;

    private FaceCheckDecoder() {
    }

    public static FaceCheck.Verdict decode(Box candidate, CropSpec spec, float[] output, int offset) {
        double p = 1 / (1 + Math.exp(-output[offset]));
        Box r = FaceCrops.cropRegion(candidate, spec);
        double side = r.width();
        double cx = r.centerX();
        double cy = r.centerY();
        double x1 = cx + output[offset + 1] * side;
        double y1 = cy + output[offset + 2] * side;
        double x2 = cx + output[offset + 3] * side;
        double y2 = cy + output[offset + 4] * side;
        // a degenerate answer (edges crossed) keeps the candidate's own box
        Box whole = x2 > x1 && y2 > y1 ? new Box(x1, y1, x2, y2) : candidate;
        return new FaceCheck.Verdict(p, whole);
    }

    /** The training target for a candidate whose whole face is {@code face}: the inverse of {@link #decode}. */
    public static float[] target(Box candidate, CropSpec spec, Box face) {
        Box r = FaceCrops.cropRegion(candidate, spec);
        double side = r.width();
        return new float[] {(float) ((face.x1() - r.centerX()) / side), (float) ((face.y1() - r.centerY()) / side),
                (float) ((face.x2() - r.centerX()) / side), (float) ((face.y2() - r.centerY()) / side)};
    }
}
