package io.maskwatch.training;

import io.maskwatch.image.Resampler;
import io.maskwatch.classify.FaceCrops;
import io.maskwatch.detect.Box;
import io.maskwatch.pipeline.Label;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One labelled face, pre-decoded: a small TYPE_3BYTE_BGR patch around the face (the photo cropped
 * with a margin and scaled so the face is at most {@link #CACHE_FACE_PX} px) and the face box in
 * that patch's pixels. Augmentation jitters the box and crops the patch with {@link FaceCrops}, so
 * training sees exactly the crop rule that serving uses.
 *
 * @param patch  the cached pixels around the face
 * @param face   the face box in patch pixels
 * @param label  the class: masked, incorrect (a mask worn below the nose) or unmasked
 * @param source data source name ("real-face-crops", "kaggle", "artificial", ...)
 * @param group  split unit (near-duplicate group, photo or person), prefixed by the source
 * @param name   file (and face index) it came from, for reports
 * @param originalSize the face's longer side in the original photo, pixels
 */
public record FaceSample(BufferedImage patch, Box face, Label label, String source, String group, String name,
                         double originalSize) {

    /** Faces are cached at most this large (longer side); the crop is 64 px, so this leaves detail for zoom jitter. */
    public static final int CACHE_FACE_PX = 80;
    /** The cached patch spans this many face sizes around the face centre, room for expansion and shift jitter. */
    public static final double CACHE_MARGIN = 1.8;

    public FaceSample {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(label, "label");
    }

    /** Mask worn correctly (the binary metrics' positive class). */
    public boolean masked() {
        return label == Label.MASKED;
    }

    /** Caches the face {@code box} of a full image. */
    public static FaceSample of(BufferedImage image, Box box, Label label, String source, String group, String name) {
        double side = Math.max(box.width(), box.height());
        double scale = Math.min(1.0, CACHE_FACE_PX / Math.max(side, 1e-6));
        double regionSide = side * CACHE_MARGIN;
        int out = Math.max(8, (int) Math.round(regionSide * scale));
        Box region = new Box(box.centerX() - regionSide / 2, box.centerY() - regionSide / 2,
                box.centerX() + regionSide / 2, box.centerY() + regionSide / 2);
        BufferedImage patch = Resampler.resample(image, region, out, out);
        double s = out / regionSide;
        Box face = new Box((box.x1() - region.x1()) * s, (box.y1() - region.y1()) * s,
                (box.x2() - region.x1()) * s, (box.y2() - region.y1()) * s);
        return new FaceSample(patch, face, label, source, group, name, side);
    }
}
