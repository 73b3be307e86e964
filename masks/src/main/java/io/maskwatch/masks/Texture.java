package io.maskwatch.masks;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A fabric pattern, tiled over a mask; RGB pixels, shrunk to at most 512 px on loading. */
public record Texture(String name, int width, int height, int[] rgb) {

    static final int MAX_SIDE = 512;

    public static Texture load(Path file, String name) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not a supported image");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        double s = Math.min(1, MAX_SIDE / (double) Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * s));
        int th = Math.max(1, (int) Math.round(h * s));
        if (s < 1) {
            BufferedImage small = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
            var g = small.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(java.awt.RenderingHints.KEY_RENDERING, java.awt.RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img.getScaledInstance(tw, th, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
            g.dispose();
            img = small;
        }
        int[] px = img.getRGB(0, 0, tw, th, null, 0, tw);
        // Transparent texture pixels (some PNGs) count as white fabric.
        for (int i = 0; i < px.length; i++) {
            int a = px[i] >>> 24;
            int r = (px[i] >> 16) & 0xff, g = (px[i] >> 8) & 0xff, b = px[i] & 0xff;
            r = (r * a + 255 * (255 - a)) / 255;
            g = (g * a + 255 * (255 - a)) / 255;
            b = (b * a + 255 * (255 - a)) / 255;
            px[i] = (r << 16) | (g << 8) | b;
        }
        return new Texture(name, tw, th, px);
    }

    /** The pattern's colour at (x, y) in texture pixels, tiled; into rgb[0..2]. */
    void sample(double x, double y, float[] rgb) {
        int xi = Math.floorMod((int) Math.floor(x), width);
        int yi = Math.floorMod((int) Math.floor(y), height);
        int p = this.rgb[yi * width + xi];
        rgb[0] = (p >> 16) & 0xff;
        rgb[1] = (p >> 8) & 0xff;
        rgb[2] = p & 0xff;
    }
}
