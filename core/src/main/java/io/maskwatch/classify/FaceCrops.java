package io.maskwatch.classify;

import io.maskwatch.detect.Box;
import io.maskwatch.image.Resampler;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The one crop rule and pre-processing for the mask classifier, shared by training, evaluation and
 * serving. Works on TYPE_3BYTE_BGR images (what {@link io.maskwatch.image.ImageLoader} returns).
 */
public final class FaceCrops {

    private FaceCrops() {
    }

    /** The region of the image the classifier looks at for a face box (may extend past the image). */
    public static Box cropRegion(Box face, CropSpec spec) {
        double w = face.width() * spec.expand();
        double h = face.height() * spec.expand();
        if (spec.square()) {
            w = h = Math.max(w, h);
        }
        double cx = face.centerX();
        double cy = face.centerY();
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    /** A crop's mirror image (left and right swapped), as a new image. */
    public static BufferedImage mirrored(BufferedImage crop) {
        BufferedImage out = new BufferedImage(crop.getWidth(), crop.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] b = Resampler.bgrBytes(out);
        System.arraycopy(Resampler.bgrBytes(crop), 0, b, 0, b.length);
        mirror(b, crop.getWidth(), crop.getHeight());
        return out;
    }

    /** Swaps left and right in place in the BGR bytes of a w × h image (training's flip, inference's mirror). */
    public static void mirror(byte[] bgr, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w / 2; x++) {
                int a = (y * w + x) * 3;
                int c = (y * w + w - 1 - x) * 3;
                for (int k = 0; k < 3; k++) {
                    byte t = bgr[a + k];
                    bgr[a + k] = bgr[c + k];
                    bgr[c + k] = t;
                }
            }
        }
    }

    /** The classifier's input crop for one face box. */
    public static BufferedImage crop(BufferedImage image, Box face, CropSpec spec) {
        return Resampler.resample(image, cropRegion(face, spec), spec.size(), spec.size());
    }

    /**
     * Writes crops as a normalised NCHW RGB float tensor: (v / 255 - mean) / std.
     * Each crop must be size × size TYPE_3BYTE_BGR.
     */
    public static float[] toTensor(List<BufferedImage> crops, CropSpec spec) {
        int s = spec.size();
        int plane = s * s;
        float[] t = new float[crops.size() * 3 * plane];
        float scale = 1f / (255f * spec.std());
        float shift = spec.mean() / spec.std();
        for (int n = 0; n < crops.size(); n++) {
            BufferedImage c = crops.get(n);
            if (c.getWidth() != s || c.getHeight() != s) {
                throw new IllegalArgumentException("crop is " + c.getWidth() + "x" + c.getHeight() + ", expected " + s);
            }
            byte[] b = Resampler.bgrBytes(c);
            int base = n * 3 * plane;
            for (int p = 0; p < plane; p++) {
                t[base + p] = (b[p * 3 + 2] & 0xff) * scale - shift;             // R
                t[base + plane + p] = (b[p * 3 + 1] & 0xff) * scale - shift;     // G
                t[base + 2 * plane + p] = (b[p * 3] & 0xff) * scale - shift;     // B
            }
        }
        return t;
    }
}
