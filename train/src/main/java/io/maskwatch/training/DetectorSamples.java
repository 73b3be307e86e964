package io.maskwatch.training;

import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.YuNetModel;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Samples for {@link DetectorTrainer}: a region of an annotated photo resized as the detector's passes resize photos,
 * cut by {@link YuNetModel#input} (what the detector sees), mirrored half of the time, with the annotated faces in
 * the sample's pixels.
 */
public final class DetectorSamples {

    /** A face must lie this much inside the sample to be taught; one cut more by the edge is left to the teacher. */
    static final double INSIDE = 0.6;

    private DetectorSamples() {
    }

    /** An annotated face in sample pixels; {@code taught}: the detector learns to find it here. */
    public record SampleFace(Box box, boolean taught) {
    }

    /** B, G, R planes of {@code width x height} and the faces on it. */
    public record Sample(float[] pixels, int width, int height, List<SampleFace> faces) {
    }

    /** One sample of a BGR photo and its annotated faces. */
    public static Sample cut(BufferedImage photo, List<GroundTruthFace> faces, Random r, DetectorTrainConfig c) {
        double longSide = c.minLongSide() * Math.exp(r.nextDouble() * Math.log((double) c.maxLongSide() / c.minLongSide()));
        double scale = longSide / Math.max(photo.getWidth(), photo.getHeight());
        double sw = photo.getWidth() * scale, sh = photo.getHeight() * scale;
        int w = Math.min(c.crop(), (int) Math.ceil(sw / 32) * 32);
        int h = Math.min(c.crop(), (int) Math.ceil(sh / 32) * 32);
        double ox, oy;
        if (!faces.isEmpty() && r.nextDouble() >= c.background()) {
            Box f = faces.get(r.nextInt(faces.size())).box();
            ox = f.centerX() * scale - w * (0.2 + 0.6 * r.nextDouble());
            oy = f.centerY() * scale - h * (0.2 + 0.6 * r.nextDouble());
        } else {
            ox = r.nextDouble() * (sw - w);
            oy = r.nextDouble() * (sh - h);
        }
        int tx = (int) Math.round(Math.max(0, Math.min(ox, sw - w)));
        int ty = (int) Math.round(Math.max(0, Math.min(oy, sh - h)));
        float[] pixels = YuNetModel.input(photo, scale, tx, ty, w, h);
        boolean mirror = r.nextBoolean();
        if (mirror) mirror(pixels, w, h);
        List<SampleFace> out = new ArrayList<>();
        for (GroundTruthFace f : faces) {
            double x1 = f.box().x1() * scale - tx, x2 = f.box().x2() * scale - tx;
            double y1 = f.box().y1() * scale - ty, y2 = f.box().y2() * scale - ty;
            Box b = mirror ? new Box(w - x2, y1, w - x1, y2) : new Box(x1, y1, x2, y2);
            Box inside = b.clip(w, h);
            if (inside.width() <= 0 || inside.height() <= 0) continue;
            out.add(new SampleFace(b, inside.area() >= INSIDE * b.area()));
        }
        return new Sample(pixels, w, h, out);
    }

    static void mirror(float[] planes, int w, int h) {
        for (int row = 0; row < 3 * h; row++) {
            int a = row * w, b = a + w - 1;
            while (a < b) {
                float t = planes[a];
                planes[a++] = planes[b];
                planes[b--] = t;
            }
        }
    }
}
