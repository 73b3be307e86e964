package io.maskwatch.masks;

import io.maskwatch.detect.Point;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * An RGBA mask picture, kept as premultiplied ARGB in a small pyramid (each level half the size of
 * the one before) so that shrinking a 2000 px template onto a 100 px face does not alias.
 * Coordinates in the public methods are pixels of the template file as given (before trimming).
 */
public final class MaskTemplate {

    /** Longest side kept at level 0; larger templates are shrunk once on loading. */
    static final int MAX_SIDE = 1024;

    private final String name;
    private final List<Point> anchors;
    private final double width;
    private final double height;
    private final double offsetX;
    private final double offsetY;
    private final double scale0;
    private final List<int[]> levels = new ArrayList<>();
    private final List<int[]> sizes = new ArrayList<>();
    private final double meanLuminance;
    private final double meanSaturation;

    private MaskTemplate(String name, BufferedImage img, int x0, int y0, int w, int h, List<Point> anchors) {
        this.name = name;
        this.anchors = anchors == null ? null : List.copyOf(anchors);
        this.offsetX = x0;
        this.offsetY = y0;
        this.width = w;
        this.height = h;
        int[] argb = argb(img, x0, y0, w, h);
        double lum = 0;
        double sat = 0;
        double weight = 0;
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int a = p >>> 24;
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            if (a > 128) {
                lum += luminance(r, g, b);
                int max = Math.max(r, Math.max(g, b));
                int min = Math.min(r, Math.min(g, b));
                sat += max == 0 ? 0 : (max - min) / (double) max;
                weight++;
            }
            argb[i] = (a << 24) | ((r * a + 127) / 255 << 16) | ((g * a + 127) / 255 << 8) | ((b * a + 127) / 255);
        }
        this.meanLuminance = weight == 0 ? 128 : lum / weight;
        this.meanSaturation = weight == 0 ? 0 : sat / weight;
        int[] level = argb;
        int lw = w;
        int lh = h;
        double s = 1;
        while (Math.max(lw, lh) > MAX_SIDE) {
            int[] next = halve(level, lw, lh);
            lw = Math.max(1, lw / 2);
            lh = Math.max(1, lh / 2);
            level = next;
            s /= 2;
        }
        this.scale0 = s;
        levels.add(level);
        sizes.add(new int[] {lw, lh});
        while (Math.max(lw, lh) > 8) {
            level = halve(level, lw, lh);
            lw = Math.max(1, lw / 2);
            lh = Math.max(1, lh / 2);
            levels.add(level);
            sizes.add(new int[] {lw, lh});
        }
    }

    /**
     * Loads a template. With {@code trim} the picture is cut to the bounding box of its visible
     * pixels (the reference templates carry wide transparent margins).
     *
     * @throws TemplateException naming the file and why it cannot be used (unreadable, no alpha)
     */
    public static MaskTemplate load(Path file, String name, boolean trim, List<Point> anchors) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new TemplateException(file, "unreadable", "cannot read image: " + e.getMessage());
        }
        if (img == null) {
            throw new TemplateException(file, "unreadable", "not a supported image");
        }
        return of(file, name, img, trim, anchors);
    }

    /** A template from a decoded picture; {@code source} is used in messages only. */
    public static MaskTemplate of(Path source, String name, BufferedImage img, boolean trim, List<Point> anchors) {
        if (!img.getColorModel().hasAlpha()) {
            throw new TemplateException(source, "no_alpha", "template has no alpha channel (RGBA PNG needed)");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        int transparent = 0;
        int[] all = argb(img, 0, 0, w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = all[y * w + x] >>> 24;
                if (a < 255) {
                    transparent++;
                }
                if (a > 8) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (transparent == 0) {
            throw new TemplateException(source, "no_alpha",
                    "template alpha channel is fully opaque (needs a transparent background)");
        }
        if (x1 < 0) {
            throw new TemplateException(source, "no_alpha", "template is fully transparent");
        }
        if (!trim) {
            x0 = 0;
            y0 = 0;
            x1 = w - 1;
            y1 = h - 1;
        }
        return new MaskTemplate(name, img, x0, y0, x1 - x0 + 1, y1 - y0 + 1, anchors);
    }

    /** ARGB pixels of a region; reads 4-byte ABGR rasters (what PNG decoding gives) directly, which is much faster. */
    static int[] argb(BufferedImage img, int x0, int y0, int w, int h) {
        if (img.getType() == BufferedImage.TYPE_4BYTE_ABGR
                && img.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte db
                && img.getRaster().getParent() == null) {
            byte[] b = db.getData();
            int iw = img.getWidth();
            int[] out = new int[w * h];
            for (int y = 0; y < h; y++) {
                int o = ((y0 + y) * iw + x0) * 4;
                for (int x = 0; x < w; x++, o += 4) {
                    out[y * w + x] = ((b[o] & 0xff) << 24) | ((b[o + 3] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 1] & 0xff);
                }
            }
            return out;
        }
        return img.getRGB(x0, y0, w, h, null, 0, w);
    }

    public String name() {
        return name;
    }

    /** The six anchor points mask_a..mask_f (template file pixels), or null for a reference template. */
    public List<Point> anchors() {
        return anchors;
    }

    /** Left edge of the visible (trimmed) part, in template file pixels. */
    public double x0() {
        return offsetX;
    }

    public double y0() {
        return offsetY;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** Mean luminance (0..255) of the opaque pixels: the reference for keeping shading when recolouring. */
    public double meanLuminance() {
        return meanLuminance;
    }

    public double meanSaturation() {
        return meanSaturation;
    }

    public static double luminance(double r, double g, double b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    /** The pyramid level to sample when one template pixel covers {@code pixelsPerTemplatePixel} output pixels. */
    int levelFor(double pixelsPerTemplatePixel) {
        double footprint = 1 / Math.max(pixelsPerTemplatePixel * (1 / scale0), 1e-9);
        int k = 0;
        while (k + 1 < levels.size() && footprint >= 2 * (1 << k) * 0.75) {
            k++;
        }
        return k;
    }

    /**
     * Bilinear sample at (u, v) in template file pixels from pyramid level {@code k}, into
     * {@code out} = {a, r, g, b} premultiplied, 0..255. Outside the picture everything is 0.
     */
    void sample(int k, double u, double v, float[] out) {
        int[] px = levels.get(k);
        int lw = sizes.get(k)[0];
        int lh = sizes.get(k)[1];
        double f = scale0 / (1 << k);
        double x = (u - offsetX + 0.5) * f - 0.5;
        double y = (v - offsetY + 0.5) * f - 0.5;
        out[0] = out[1] = out[2] = out[3] = 0;
        if (x < -1 || y < -1 || x > lw || y > lh) {
            return;
        }
        int xi = (int) Math.floor(x);
        int yi = (int) Math.floor(y);
        double ax = x - xi;
        double ay = y - yi;
        add(px, lw, lh, xi, yi, (1 - ax) * (1 - ay), out);
        add(px, lw, lh, xi + 1, yi, ax * (1 - ay), out);
        add(px, lw, lh, xi, yi + 1, (1 - ax) * ay, out);
        add(px, lw, lh, xi + 1, yi + 1, ax * ay, out);
    }

    private static void add(int[] px, int w, int h, int x, int y, double wgt, float[] out) {
        if (x < 0 || y < 0 || x >= w || y >= h || wgt == 0) {
            return;
        }
        int p = px[y * w + x];
        out[0] += (float) (wgt * (p >>> 24));
        out[1] += (float) (wgt * ((p >> 16) & 0xff));
        out[2] += (float) (wgt * ((p >> 8) & 0xff));
        out[3] += (float) (wgt * (p & 0xff));
    }

    private static int[] halve(int[] src, int w, int h) {
        int nw = Math.max(1, w / 2);
        int nh = Math.max(1, h / 2);
        int[] dst = new int[nw * nh];
        for (int y = 0; y < nh; y++) {
            for (int x = 0; x < nw; x++) {
                int a = 0, r = 0, g = 0, b = 0, n = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int sx = Math.min(w - 1, 2 * x + dx);
                        int sy = Math.min(h - 1, 2 * y + dy);
                        int p = src[sy * w + sx];
                        a += p >>> 24;
                        r += (p >> 16) & 0xff;
                        g += (p >> 8) & 0xff;
                        b += p & 0xff;
                        n++;
                    }
                }
                dst[y * nw + x] = ((a + n / 2) / n << 24) | ((r + n / 2) / n << 16) | ((g + n / 2) / n << 8) | ((b + n / 2) / n);
            }
        }
        return dst;
    }

    @Override
    public String toString() {
        return "MaskTemplate[" + name + ", " + (int) width + "x" + (int) height + "]";
    }
}
