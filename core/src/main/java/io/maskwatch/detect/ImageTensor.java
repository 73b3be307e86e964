package io.maskwatch.detect;

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

    /** Wraps an image's pixels, copying only when it is not a plain TYPE_3BYTE_BGR raster. */
    static ImageTensor of(BufferedImage image) {
        BufferedImage img = image;
        boolean plain = img.getType() == BufferedImage.TYPE_3BYTE_BGR && img.getRaster().getParent() == null
                && img.getRaster().getSampleModelTranslateX() == 0 && img.getRaster().getSampleModelTranslateY() == 0
                && img.getRaster().getDataBuffer().getNumBanks() == 1
                && ((DataBufferByte) img.getRaster().getDataBuffer()).getData().length
                        == img.getWidth() * img.getHeight() * 3;
        if (!plain) {
            BufferedImage copy = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = copy.createGraphics();
            g.drawImage(img, 0, 0, null);
            g.dispose();
            img = copy;
        }
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        return new ImageTensor(data, img.getWidth(), img.getHeight());
    }

    int width() { return width; }

    int height() { return height; }

    /**
     * Fills {@code dst} (3 planes of {@code dstW x dstH}) with the photo resized by {@code scale}, cropped to the
     * region of the resized photo starting at (tx, ty) with size (tw, th). Pixels outside that region (padding to
     * the model's input size) or outside the resized photo are set to {@code pad}. Channel c gets
     * {@code value - mean[c]}.
     */
    void fill(float[] dst, int dstW, int dstH, double scale, int tx, int ty, int tw, int th,
              float[] mean, float pad) {
        int plane = dstW * dstH;
        java.util.Arrays.fill(dst, 0, 3 * plane, pad);
        int sw = (int) Math.min(tw, Math.min(dstW, Math.round(width * scale) - tx));
        int sh = (int) Math.min(th, Math.min(dstH, Math.round(height * scale) - ty));
        if (sw <= 0 || sh <= 0) {
            return;
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
        // Channels unrolled and weights hoisted: the launcher runs on C1, which does neither; the arithmetic is the
        // same expression as before, term for term, so the tensor is the same to the bit.
        for (int oy = 0; oy < sh; oy++) {
            double sy = Math.max(0, Math.min(height - 1, (ty + oy + 0.5) / scale - 0.5));
            int y = height == 1 ? 0 : Math.min(height - 2, (int) sy);
            float fy = height == 1 ? 0 : (float) (sy - y);
            float gy = 1 - fy;
            int row0 = y * width * 3;
            int row1 = height == 1 ? row0 : row0 + width * 3;
            int o = oy * dstW;
            for (int ox = 0; ox < sw; ox++, o++) {
                int x3 = xi[ox] * 3;
                int p0 = row0 + x3;
                int p1 = row1 + x3;
                float fx = xf[ox];
                float gx = 1 - fx;
                float top = (bgr[p0] & 0xff) * gx + (bgr[p0 + dx] & 0xff) * fx;
                float bottom = (bgr[p1] & 0xff) * gx + (bgr[p1 + dx] & 0xff) * fx;
                dst[o] = top * gy + bottom * fy - m0;
                top = (bgr[p0 + 1] & 0xff) * gx + (bgr[p0 + dx + 1] & 0xff) * fx;
                bottom = (bgr[p1 + 1] & 0xff) * gx + (bgr[p1 + dx + 1] & 0xff) * fx;
                dst[plane + o] = top * gy + bottom * fy - m1;
                top = (bgr[p0 + 2] & 0xff) * gx + (bgr[p0 + dx + 2] & 0xff) * fx;
                bottom = (bgr[p1 + 2] & 0xff) * gx + (bgr[p1 + dx + 2] & 0xff) * fx;
                dst[2 * plane + o] = top * gy + bottom * fy - m2;
            }
        }
    }
}
