package io.maskwatch.dataset;

import io.maskwatch.detect.Box;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reconciles the size an annotation file states with the photo's real size. */
final class SizeCheck {

    private SizeCheck() {
    }

    /** A face still in the annotation's pixel frame (before the photo's real size is known). */
    record RawFace(String label, double x1, double y1, double x2, double y2, Path file, int line) {
    }

    /**
     * The photo with its faces, or null (with a warning) when the photo cannot be read.
     * {@code annotatedW/H} ≤ 0 mean "not stated". When the photo's size differs from the stated
     * one (and is not just rotated by EXIF), boxes are scaled to the photo and a warning says so.
     */
    static AnnotatedImage build(ReadContext ctx, Path image, int annotatedW, int annotatedH, List<RawFace> raw,
                                Path file, int line) {
        int[] real;
        try {
            real = ImageFiles.size(image);
        } catch (IOException e) {
            ctx.warn(file, line, "cannot read image " + image.getFileName() + ": " + e.getMessage() + "; photo skipped");
            return null;
        }
        int w = annotatedW;
        int h = annotatedH;
        double sx = 1;
        double sy = 1;
        if (w <= 0 || h <= 0) {
            w = real[0];
            h = real[1];
        } else if (!(real[0] == w && real[1] == h) && !(real[0] == h && real[1] == w)) {
            ctx.warn(file, line, "annotated as " + w + "x" + h + " but " + image.getFileName() + " is "
                    + real[0] + "x" + real[1] + "; boxes scaled to the image");
            sx = (double) real[0] / w;
            sy = (double) real[1] / h;
        }
        List<GroundTruthFace> faces = new ArrayList<>();
        for (RawFace r : raw) {
            final double fx = sx;
            final double fy = sy;
            ctx.face(r.label(), r.x1(), r.y1(), r.x2(), r.y2(), w, h, r.file(), r.line())
                    .map(f -> fx == 1 && fy == 1 ? f
                            : new GroundTruthFace(new Box(f.box().x1() * fx, f.box().y1() * fy,
                                    f.box().x2() * fx, f.box().y2() * fy), f.rawLabel(), f.cls()))
                    .ifPresent(faces::add);
        }
        boolean scaled = sx != 1 || sy != 1;
        return new AnnotatedImage(image, scaled ? real[0] : w, scaled ? real[1] : h, faces);
    }
}
