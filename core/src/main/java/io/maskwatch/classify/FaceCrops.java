package io.maskwatch.classify;

import io.maskwatch.detect.Box;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
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

    /**
     * Crops {@code region} out of the image and resamples it to size × size, averaging several
     * bilinear samples per output pixel when shrinking (no aliasing on large faces). Pixels outside
     * the image repeat the nearest edge pixel. Returns a TYPE_3BYTE_BGR image.
     */
    public static BufferedImage resample(BufferedImage image, Box region, int size) {
        byte[] src = bgrBytes(image);
        int iw = image.getWidth();
        int ih = image.getHeight();
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        double sx = Math.max(region.width(), 1e-6) / size;
        double sy = Math.max(region.height(), 1e-6) / size;
        int kx = (int) Math.min(8, Math.max(1, Math.ceil(sx)));
        int ky = (int) Math.min(8, Math.max(1, Math.ceil(sy)));
        double[] acc = new double[3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                acc[0] = acc[1] = acc[2] = 0;
                for (int j = 0; j < ky; j++) {
                    double fy = region.y1() + (y + (j + 0.5) / ky) * sy - 0.5;
                    for (int i = 0; i < kx; i++) {
                        double fx = region.x1() + (x + (i + 0.5) / kx) * sx - 0.5;
                        bilinear(src, iw, ih, fx, fy, acc);
                    }
                }
                int o = (y * size + x) * 3;
                double n = kx * ky;
                dst[o] = (byte) Math.round(acc[0] / n);
                dst[o + 1] = (byte) Math.round(acc[1] / n);
                dst[o + 2] = (byte) Math.round(acc[2] / n);
            }
        }
        return out;
    }

    /** The classifier's input crop for one face box. */
    public static BufferedImage crop(BufferedImage image, Box face, CropSpec spec) {
        return resample(image, cropRegion(face, spec), spec.size());
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
            byte[] b = bgrBytes(c);
            int base = n * 3 * plane;
            for (int p = 0; p < plane; p++) {
                t[base + p] = (b[p * 3 + 2] & 0xff) * scale - shift;             // R
                t[base + plane + p] = (b[p * 3 + 1] & 0xff) * scale - shift;     // G
                t[base + 2 * plane + p] = (b[p * 3] & 0xff) * scale - shift;     // B
            }
        }
        return t;
    }

    /** The raw BGR bytes of a TYPE_3BYTE_BGR image. */
    public static byte[] bgrBytes(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("expected a TYPE_3BYTE_BGR image, got type " + image.getType());
        }
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    private static void bilinear(byte[] src, int w, int h, double fx, double fy, double[] acc) {
        fx = Math.max(0, Math.min(w - 1, fx));
        fy = Math.max(0, Math.min(h - 1, fy));
        int x0 = (int) fx;
        int y0 = (int) fy;
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double ax = fx - x0;
        double ay = fy - y0;
        int p00 = (y0 * w + x0) * 3;
        int p01 = (y0 * w + x1) * 3;
        int p10 = (y1 * w + x0) * 3;
        int p11 = (y1 * w + x1) * 3;
        for (int c = 0; c < 3; c++) {
            double top = (src[p00 + c] & 0xff) * (1 - ax) + (src[p01 + c] & 0xff) * ax;
            double bottom = (src[p10 + c] & 0xff) * (1 - ax) + (src[p11 + c] & 0xff) * ax;
            acc[c] += top * (1 - ay) + bottom * ay;
        }
    }
}
