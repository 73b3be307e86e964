package io.maskwatch.masks;

import io.maskwatch.image.Resampler;
import io.maskwatch.detect.Point;
import java.awt.image.BufferedImage;

/**
 * Pastes a template onto a TYPE_3BYTE_BGR image through a template→image homography: every image
 * pixel inside the mapped template is mapped back (inverse mapping), the template is sampled
 * bilinearly from the right pyramid level, recoloured by a {@link Shading}, and alpha-blended.
 */
public final class MaskWarp {

    private MaskWarp() {
    }

    /**
     * @param uMin left limit (template pixels) of the part of the template to draw, inclusive
     * @param uMax right limit, exclusive (the reference method draws each half with its own transform)
     * @return the number of image pixels touched
     */
    public static int paste(BufferedImage image, MaskTemplate t, Homography templateToImage,
                            Shading shading, double uMin, double uMax) {
        byte[] dst = Resampler.bgrBytes(image);
        int iw = image.getWidth();
        int ih = image.getHeight();
        double u0 = Math.max(uMin, t.x0());
        double u1 = Math.min(uMax, t.x0() + t.width());
        double v0 = t.y0();
        double v1 = t.y0() + t.height();
        if (!(u1 > u0)) {
            return 0;
        }
        Point[] corners = {
            templateToImage.apply(u0, v0), templateToImage.apply(u1, v0),
            templateToImage.apply(u0, v1), templateToImage.apply(u1, v1)};
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Point c : corners) {
            if (!Double.isFinite(c.x()) || !Double.isFinite(c.y())) {
                throw new IllegalArgumentException("mask maps to infinity (degenerate placement)");
            }
            minX = Math.min(minX, c.x());
            minY = Math.min(minY, c.y());
            maxX = Math.max(maxX, c.x());
            maxY = Math.max(maxY, c.y());
        }
        int x0 = Math.max(0, (int) Math.floor(minX));
        int y0 = Math.max(0, (int) Math.floor(minY));
        int x1 = Math.min(iw - 1, (int) Math.ceil(maxX));
        int y1 = Math.min(ih - 1, (int) Math.ceil(maxY));
        if (x1 < x0 || y1 < y0) {
            return 0;
        }
        // Output pixels per template pixel, from the mapped area: picks the pyramid level.
        double area = Math.abs(cross(corners[0], corners[1], corners[3]) + cross(corners[0], corners[3], corners[2]));
        double scale = Math.sqrt(area / ((u1 - u0) * (v1 - v0)));
        int level = t.levelFor(scale);
        Homography inv = templateToImage.inverse();
        double[] m = inv.matrix();
        float[] s = new float[4];
        float[] rgb = new float[3];
        int touched = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double w = m[6] * x + m[7] * y + m[8];
                double u = (m[0] * x + m[1] * y + m[2]) / w;
                double v = (m[3] * x + m[4] * y + m[5]) / w;
                if (u < u0 || u >= u1 || v < v0 - 0.5 || v > v1 + 0.5) {
                    continue;
                }
                t.sample(level, u, v, s);
                float a = s[0];
                if (a < 0.5f) {
                    continue;
                }
                rgb[0] = s[1] * 255f / a;
                rgb[1] = s[2] * 255f / a;
                rgb[2] = s[3] * 255f / a;
                shading.apply(u, v, rgb);
                float alpha = Math.min(1f, a / 255f);
                int o = (y * iw + x) * 3;
                dst[o] = blend(dst[o], rgb[2], alpha);
                dst[o + 1] = blend(dst[o + 1], rgb[1], alpha);
                dst[o + 2] = blend(dst[o + 2], rgb[0], alpha);
                touched++;
            }
        }
        return touched;
    }

    public static int paste(BufferedImage image, MaskTemplate t, Homography templateToImage, Shading shading) {
        return paste(image, t, templateToImage, shading, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private static byte blend(byte under, float over, float alpha) {
        float v = (under & 0xff) * (1 - alpha) + Math.max(0, Math.min(255, over)) * alpha;
        return (byte) Math.round(v);
    }

    private static double cross(Point a, Point b, Point c) {
        return ((b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x())) / 2;
    }
}
