package io.maskwatch.image;

import io.maskwatch.detect.Box;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * The project's one resampler for crops: a region of a TYPE_3BYTE_BGR photo, optionally turned about its
 * centre, onto a grid of output pixels. Each output pixel averages a grid of bilinear samples over its
 * footprint (up to 8 × 8), so shrinking does not alias; outside the photo the nearest edge pixel repeats.
 * Used by the classifier's crop, the landmark model's input and the masks generator.
 */
public final class Resampler {

    /** Receives one output pixel: its position and its blue, green, red averages (0..255, not rounded). */
    @FunctionalInterface
    public interface PixelSink {
        void put(int x, int y, double b, double g, double r);
    }

    private Resampler() {
    }

    /** The region resampled to a new TYPE_3BYTE_BGR image of ow × oh. */
    public static BufferedImage resample(BufferedImage image, Box region, int ow, int oh) {
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = bgrBytes(out);
        if (isPlainCopy(image, region, ow, oh)) {
            byte[] src = bgrBytes(image);
            int rx = (int) region.x1();
            int ry = (int) region.y1();
            for (int y = 0; y < oh; y++) {
                System.arraycopy(src, ((ry + y) * image.getWidth() + rx) * 3, dst, y * ow * 3, ow * 3);
            }
            return out;
        }
        sample(image, region, 0, ow, oh, (x, y, b, g, r) -> {
            int o = (y * ow + x) * 3;
            dst[o] = (byte) Math.round(b);
            dst[o + 1] = (byte) Math.round(g);
            dst[o + 2] = (byte) Math.round(r);
        });
        return out;
    }

    /**
     * Samples the region, turned by {@code rollDegrees} about its centre (positive turns the sampling grid
     * clockwise in image coordinates, so a face tilted that way comes out upright), onto ow × oh pixels.
     */
    public static void sample(BufferedImage image, Box region, double rollDegrees, int ow, int oh, PixelSink sink) {
        byte[] src = bgrBytes(image);
        int iw = image.getWidth();
        int ih = image.getHeight();
        double w = Math.max(region.width(), 1e-6);
        double h = Math.max(region.height(), 1e-6);
        double sx = w / ow;
        double sy = h / oh;
        int kx = (int) Math.min(8, Math.max(1, Math.ceil(sx)));
        int ky = (int) Math.min(8, Math.max(1, Math.ceil(sy)));
        boolean turned = rollDegrees != 0;
        double cos = Math.cos(Math.toRadians(rollDegrees));
        double sin = Math.sin(Math.toRadians(rollDegrees));
        double cx = region.centerX();
        double cy = region.centerY();
        double n = kx * ky;
        if (!turned) {
            sampleUpright(src, iw, ih, region, ow, oh, sx, sy, kx, ky, n, sink);
            return;
        }
        double[] acc = new double[3];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                acc[0] = acc[1] = acc[2] = 0;
                for (int j = 0; j < ky; j++) {
                    for (int i = 0; i < kx; i++) {
                        double u = (x + (i + 0.5) / kx) * sx - w / 2;
                        double v = (y + (j + 0.5) / ky) * sy - h / 2;
                        double fx = cx + u * cos - v * sin - 0.5;
                        double fy = cy + u * sin + v * cos - 0.5;
                        bilinear(src, iw, ih, fx, fy, acc);
                    }
                }
                sink.put(x, y, acc[0] / n, acc[1] / n, acc[2] / n);
            }
        }
    }

    /**
     * {@link #sample} without a turn: the sampling grid's columns and rows are worked out once (a face crop takes
     * up to 64 samples an output pixel, and C1, which the launcher runs on, hoists nothing). The same expressions
     * as {@link #bilinear}, in the same order, so the pixels are the same to the bit.
     */
    private static void sampleUpright(byte[] src, int iw, int ih, Box region, int ow, int oh, double sx, double sy,
                                      int kx, int ky, double n, PixelSink sink) {
        Axis cols = Axis.of(region.x1(), sx, kx, ow, iw, 3);
        Axis rows = Axis.of(region.y1(), sy, ky, oh, ih, iw * 3);
        int[] left = cols.low;
        int[] right = cols.high;
        double[] ax = cols.fraction;
        int[] top = rows.low;
        int[] bottom = rows.high;
        double[] ay = rows.fraction;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double b = 0;
                double g = 0;
                double r = 0;
                for (int j = y * ky; j < (y + 1) * ky; j++) {
                    double wy = ay[j];
                    double vy = 1 - wy;
                    for (int i = x * kx; i < (x + 1) * kx; i++) {
                        double wx = ax[i];
                        double vx = 1 - wx;
                        int p00 = top[j] + left[i];
                        int p01 = top[j] + right[i];
                        int p10 = bottom[j] + left[i];
                        int p11 = bottom[j] + right[i];
                        b += ((src[p00] & 0xff) * vx + (src[p01] & 0xff) * wx) * vy
                                + ((src[p10] & 0xff) * vx + (src[p11] & 0xff) * wx) * wy;
                        g += ((src[p00 + 1] & 0xff) * vx + (src[p01 + 1] & 0xff) * wx) * vy
                                + ((src[p10 + 1] & 0xff) * vx + (src[p11 + 1] & 0xff) * wx) * wy;
                        r += ((src[p00 + 2] & 0xff) * vx + (src[p01 + 2] & 0xff) * wx) * vy
                                + ((src[p10 + 2] & 0xff) * vx + (src[p11 + 2] & 0xff) * wx) * wy;
                    }
                }
                sink.put(x, y, b / n, g / n, r / n);
            }
        }
    }

    /**
     * The sampling grid along one axis: for each of {@code k} samples under each of {@code out} output pixels, the
     * two source pixels around it (as offsets: index times {@code stride}) and the weight of the second.
     */
    private record Axis(int[] low, int[] high, double[] fraction) {
        static Axis of(double start, double step, int k, int out, int limit, int stride) {
            int[] low = new int[out * k];
            int[] high = new int[out * k];
            double[] fraction = new double[out * k];
            for (int o = 0, m = 0; o < out; o++) {
                for (int i = 0; i < k; i++, m++) {
                    double f = Math.max(0, Math.min(limit - 1, start + (o + (i + 0.5) / k) * step - 0.5));
                    int f0 = (int) f;
                    low[m] = f0 * stride;
                    high[m] = Math.min(f0 + 1, limit - 1) * stride;
                    fraction[m] = f - f0;
                }
            }
            return new Axis(low, high, fraction);
        }
    }

    /** The raw BGR bytes of a TYPE_3BYTE_BGR image. */
    public static byte[] bgrBytes(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("expected a TYPE_3BYTE_BGR image, got type " + image.getType());
        }
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    /** An integer region inside the photo at its own size: the pixels are copied as they are. */
    private static boolean isPlainCopy(BufferedImage image, Box region, int ow, int oh) {
        return region.x1() == Math.floor(region.x1()) && region.y1() == Math.floor(region.y1())
                && region.width() == ow && region.height() == oh
                && region.x1() >= 0 && region.y1() >= 0 && region.x2() <= image.getWidth() && region.y2() <= image.getHeight();
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
