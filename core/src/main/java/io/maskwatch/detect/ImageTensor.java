package io.maskwatch.detect;

import io.maskwatch.image.ImageLoader;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Resamples a region of a photo straight into a planar (CHW) float tensor in B, G, R channel order, the one
 * input layout both detectors take. Shrinking averages all source pixels under an output pixel (no aliasing of
 * small faces in big photos); enlarging is bilinear. Stateless, so safe from any thread.
 */
final class ImageTensor {

    private final byte[] bgr;
    private final int width;
    private final int height;

    private ImageTensor(byte[] bgr, int width, int height) {
        this.bgr = bgr;
        this.width = width;
        this.height = height;
    }

    /** Wraps an image's pixels, copying only when it is not a plain TYPE_3BYTE_BGR raster ({@link ImageLoader#toBgr}). */
    static ImageTensor of(BufferedImage image) {
        BufferedImage img = ImageLoader.toBgr(image);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        return new ImageTensor(data, img.getWidth(), img.getHeight());
    }

    int width() { return width; }

    int height() { return height; }

    /** A region of the photo resized by some scale, in its pixels: at least 1 × 1, inside the resized photo. */
    record Region(int x, int y, int width, int height) {
    }

    /** The photo's width resized by {@code scale} (at least 1). */
    int width(double scale) { return Math.max(1, (int) Math.round(width * scale)); }

    /** The photo's height resized by {@code scale} (at least 1). */
    int height(double scale) { return Math.max(1, (int) Math.round(height * scale)); }

    /** The pixels {@code box} (original pixels, may reach outside the photo) covers in the photo resized by {@code scale}. */
    Region region(Box box, double scale) {
        int x = Math.max(0, (int) Math.floor(box.x1() * scale));
        int y = Math.max(0, (int) Math.floor(box.y1() * scale));
        int w = Math.max(1, Math.min(width(scale), (int) Math.ceil(box.x2() * scale)) - x);
        int h = Math.max(1, Math.min(height(scale), (int) Math.ceil(box.y2() * scale)) - y);
        return new Region(x, y, w, h);
    }

    /**
     * Fills {@code dst} (3 planes of {@code dstW x dstH}) with the photo resized by {@code scale}, cropped to the
     * region of the resized photo starting at (tx, ty) with size (tw, th). Pixels outside that region (padding to
     * the model's input size) or outside the resized photo are set to {@code pad}. Channel c gets
     * {@code value - mean[c]}.
     */
    void fill(float[] dst, int dstW, int dstH, double scale, int tx, int ty, int tw, int th,
              float[] mean, float pad) {
        int plane = dstW * dstH;
        int sw = (int) Math.max(0, Math.min(tw, Math.min(dstW, Math.round(width * scale) - tx)));
        int sh = (int) Math.max(0, Math.min(th, Math.min(dstH, Math.round(height * scale) - ty)));
        if (sw == 0 || sh == 0) {
            java.util.Arrays.fill(dst, 0, 3 * plane, pad);
            return;
        }
        // only the padding: the region itself is written below (dst is reused from run to run)
        for (int c = 0; c < 3; c++) {
            int base = c * plane;
            for (int oy = 0; oy < sh; oy++) {
                java.util.Arrays.fill(dst, base + oy * dstW + sw, base + (oy + 1) * dstW, pad);
            }
            java.util.Arrays.fill(dst, base + sh * dstW, base + plane, pad);
        }
        if (scale < 1) {
            fillArea(dst, dstW, plane, scale, tx, ty, sw, sh, mean);
        } else {
            fillBilinear(dst, dstW, plane, scale, tx, ty, sw, sh, mean);
        }
    }

    private void fillArea(float[] dst, int dstW, int plane, double scale, int tx, int ty, int sw, int sh,
                          float[] mean) {
        int[] x0 = new int[sw + 1];
        for (int i = 0; i <= sw; i++) {
            x0[i] = Math.min(width, (int) Math.round((tx + i) / scale));
        }
        for (int oy = 0; oy < sh; oy++) {
            int y0 = Math.min(height - 1, (int) Math.round((ty + oy) / scale));
            int y1 = Math.max(y0 + 1, Math.min(height, (int) Math.round((ty + oy + 1) / scale)));
            for (int ox = 0; ox < sw; ox++) {
                int xa = Math.min(width - 1, x0[ox]);
                int xb = Math.max(xa + 1, x0[ox + 1]);
                int b = 0, g = 0, r = 0; // at most 255 x the pixels under one output pixel: far from overflowing
                for (int y = y0; y < y1; y++) {
                    int p = (y * width + xa) * 3;
                    for (int x = xa; x < xb; x++, p += 3) {
                        b += bgr[p] & 0xff;
                        g += bgr[p + 1] & 0xff;
                        r += bgr[p + 2] & 0xff;
                    }
                }
                float n = (float) ((y1 - y0) * (xb - xa));
                int o = oy * dstW + ox;
                dst[o] = b / n - mean[0];
                dst[plane + o] = g / n - mean[1];
                dst[2 * plane + o] = r / n - mean[2];
            }
        }
    }

    private void fillBilinear(float[] dst, int dstW, int plane, double scale, int tx, int ty, int sw, int sh,
                              float[] mean) {
        int[] xi = new int[sw];
        float[] xf = new float[sw];
        for (int ox = 0; ox < sw; ox++) {
            double sx = Math.max(0, Math.min(width - 1, (tx + ox + 0.5) / scale - 0.5));
            xi[ox] = Math.min(width - 2, (int) sx);
            xf[ox] = (float) (sx - xi[ox]);
            if (width == 1) {
                xi[ox] = 0;
                xf[ox] = 0;
            }
        }
        int dx = width == 1 ? 0 : 3;
        float m0 = mean[0];
        float m1 = mean[1];
        float m2 = mean[2];
        // Each source row is interpolated across once, into `upper` or `lower` (three values an output column),
        // and kept while the output rows between it and the next source row are blended from the pair: enlarging,
        // 1.3-2 output rows share a pair, and the across step was two thirds of the work. The launcher runs on C1,
        // which hoists nothing, so the loops are written out. The expressions are the same as before, term for
        // term, so the tensor is the same to the bit.
        float[] upper = new float[3 * sw];
        float[] lower = new float[3 * sw];
        int upperRow = -1;
        int lowerRow = -1;
        for (int oy = 0; oy < sh; oy++) {
            double sy = Math.max(0, Math.min(height - 1, (ty + oy + 0.5) / scale - 0.5));
            int y = height == 1 ? 0 : Math.min(height - 2, (int) sy);
            int yb = height == 1 ? y : y + 1;
            float fy = height == 1 ? 0 : (float) (sy - y);
            float gy = 1 - fy;
            if (upperRow != y) {
                if (lowerRow == y) {   // moving down one source row: the lower row becomes the upper one
                    float[] t = upper;
                    upper = lower;
                    lower = t;
                    lowerRow = upperRow;
                } else {
                    across(upper, y, xi, xf, dx, sw);
                }
                upperRow = y;
            }
            if (lowerRow != yb) {
                if (yb == y) {
                    System.arraycopy(upper, 0, lower, 0, 3 * sw);
                } else {
                    across(lower, yb, xi, xf, dx, sw);
                }
                lowerRow = yb;
            }
            int o = oy * dstW;
            for (int ox = 0, i = 0; ox < sw; ox++, o++, i += 3) {
                dst[o] = upper[i] * gy + lower[i] * fy - m0;
                dst[plane + o] = upper[i + 1] * gy + lower[i + 1] * fy - m1;
                dst[2 * plane + o] = upper[i + 2] * gy + lower[i + 2] * fy - m2;
            }
        }
    }

    /** Source row {@code y} interpolated across at the output columns: B, G, R for each column, into {@code row}. */
    private void across(float[] row, int y, int[] xi, float[] xf, int dx, int sw) {
        int rowStart = y * width * 3;
        for (int ox = 0, i = 0; ox < sw; ox++, i += 3) {
            int p = rowStart + xi[ox] * 3;
            float fx = xf[ox];
            float gx = 1 - fx;
            row[i] = (bgr[p] & 0xff) * gx + (bgr[p + dx] & 0xff) * fx;
            row[i + 1] = (bgr[p + 1] & 0xff) * gx + (bgr[p + dx + 1] & 0xff) * fx;
            row[i + 2] = (bgr[p + 2] & 0xff) * gx + (bgr[p + dx + 2] & 0xff) * fx;
        }
    }
}
