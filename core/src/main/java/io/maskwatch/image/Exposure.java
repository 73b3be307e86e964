package io.maskwatch.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Brightens a dim photo before the models see it. A photo whose brightest pixels are dark (a dim shop, an entrance in
 * the evening, an under-exposed camera) hides its faces from the detector: darkened to a quarter of their brightness,
 * the reference photos lose 13% of their faces, to an eighth 38%. Such a photo is scaled so that its 99th-percentile
 * luminance reaches {@link #TARGET}; every photo of both annotated sets is brighter than {@link #DIM} and left as it
 * is (docs/detection.md, "Dim photos"). Only what the models see changes: results are drawn on the photo as it came.
 */
public final class Exposure {

    /** A photo whose 99th-percentile luminance is below this is dim (the annotated sets' dimmest photo: 124). */
    public static final int DIM = 112;
    /** A dim photo's 99th-percentile luminance after brightening. */
    public static final int TARGET = 200;
    /** At most this gain: a black photo stays black, and noise is not blown up without end. */
    public static final double MAX_GAIN = 8;
    /** Pixels looked at for the percentile, at most: a grid over the photo is as good as all of it. */
    private static final int SAMPLES = 1 << 16;

    private Exposure() {
    }

    /** The photo the models should see: {@code image} itself unless it is dim, else a brightened copy (TYPE_3BYTE_BGR). */
    public static BufferedImage forModels(BufferedImage image) {
        BufferedImage bgr = ImageLoader.toBgr(image);
        double gain = gain(bgr);
        if (gain == 1) {
            return image;
        }
        byte[] lut = new byte[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = (byte) Math.min(255, (int) Math.round(v * gain));
        }
        BufferedImage out = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] src = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < src.length; i++) {
            dst[i] = lut[src[i] & 0xff];
        }
        return out;
    }

    /** The gain {@link #forModels} applies to a TYPE_3BYTE_BGR photo: 1 unless it is dim. */
    static double gain(BufferedImage bgr) {
        int p99 = luminancePercentile99(bgr);
        return p99 >= DIM ? 1 : Math.min(MAX_GAIN, TARGET / (double) Math.max(1, p99));
    }

    /** The 99th percentile of luminance (Rec. 601 weights) over a grid of at most {@link #SAMPLES} pixels. */
    static int luminancePercentile99(BufferedImage bgr) {
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
        long below = 0;
        for (int v = 0; v < 256; v++) {
            below += histogram[v];
            if (below >= 0.99 * n) {
                return v;
            }
        }
        return 255;
    }
}
