package io.maskwatch.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Stretches a dim or washed-out photo before the models see it. A photo whose brightest pixels are dark (a dim shop, an
 * entrance in the evening, an under-exposed camera) or whose tones are squeezed together (haze, a dirty window, a
 * cheap camera) hides its faces from the detector: the reference photos, 97% of whose faces are found, drop to 82%
 * at a quarter of their brightness, 53% at an eighth and 88% washed out to a third. Such a photo's 1st and 99th
 * luminance percentiles are mapped linearly to {@link #LOW} and {@link #HIGH}; every photo of both annotated sets is
 * brighter than {@link #DIM} and wider than {@link #FLAT} and left as it is (docs/detection.md, "Dim and washed-out
 * photos"). Only what the models see changes: results are drawn on the photo as it came.
 */
public final class Exposure {

    /** A photo whose 99th-percentile luminance is below this is dim (the annotated sets' dimmest photo: 124). */
    public static final int DIM = 112;
    /**
     * A photo whose 1st and 99th luminance percentiles are closer than this is flat (the annotated sets' flattest:
     * 121).
     */
    public static final int FLAT = 100;
    /** Where a stretched photo's 1st luminance percentile goes. */
    public static final int LOW = 20;
    /** Where a stretched photo's 99th luminance percentile goes. */
    public static final int HIGH = 220;
    /** At most this gain: a black photo stays black, and noise is not blown up without end. */
    public static final double MAX_GAIN = 8;
    /** Pixels looked at for the percentile, at most: a grid over the photo is as good as all of it. */
    private static final int SAMPLES = 1 << 16;

    private Exposure() {
    }

    /**
     * The photo the models should see: {@code image} itself unless it is dim or flat, else a stretched copy
     * (TYPE_3BYTE_BGR).
     */
    public static BufferedImage forModels(BufferedImage image) {
        BufferedImage bgr = ImageLoader.toBgr(image);
        int[] p = percentiles(bgr);
        if (p[1] >= DIM && p[1] - p[0] >= FLAT) {
            return image;
        }
        double gain = gain(p[0], p[1]);
        byte[] lut = new byte[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = (byte) Math.max(0, Math.min(255, (int) Math.round((v - p[0]) * gain + LOW)));
        }
        BufferedImage out = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] src = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < src.length; i++) {
            dst[i] = lut[src[i] & 0xff];
        }
        return out;
    }

    /** The stretch for luminance percentiles {@code p1} and {@code p99}: at most {@link #MAX_GAIN}. */
    static double gain(int p1, int p99) {
        return Math.min(MAX_GAIN, (HIGH - LOW) / (double) Math.max(1, p99 - p1));
    }

    /** The 1st and 99th percentiles of luminance (Rec. 601 weights) over a grid of at most {@link #SAMPLES} pixels. */
    static int[] percentiles(BufferedImage bgr) {
        byte[] d = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        int step = Math.max(1, (int) Math.ceil(Math.sqrt((double) w * h / SAMPLES)));
        int[] histogram = new int[256];
        int n = 0;
        for (int y = 0; y < h; y += step) {
            for (int x = 0, i = 3 * y * w; x < w; x += step, i += 3 * step) {
                int lum = (29 * (d[i] & 0xff) + 150 * (d[i + 1] & 0xff) + 77 * (d[i + 2] & 0xff)) >> 8;
                histogram[lum]++;
                n++;
            }
        }
        int p1 = -1;
        long below = 0;
        for (int v = 0; v < 256; v++) {
            below += histogram[v];
            if (p1 < 0 && below >= 0.01 * n) {
                p1 = v;
            }
            if (below >= 0.99 * n) {
                return new int[] {p1, v};
            }
        }
        return new int[] {Math.max(0, p1), 255};
    }
}
