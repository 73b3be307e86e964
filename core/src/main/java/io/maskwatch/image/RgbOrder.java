package io.maskwatch.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * 8-bit sRGB images whose bytes lie in R, G, B order, for the JDK's JPEG codec. The codec hands over and takes each
 * scanline in RGB order; with a BGR raster (the project's images, {@link BufferedImage#TYPE_3BYTE_BGR}) every
 * scanline is copied pixel by pixel in Java, with an RGB-ordered one it is one array copy. Swapping the whole image's
 * bytes once is cheaper than that copy.
 */
final class RgbOrder {

    private static final ComponentColorModel SRGB = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);

    private RgbOrder() {
    }

    /** A new image of R, G, B bytes, all zero. */
    static BufferedImage create(int width, int height) {
        return new BufferedImage(SRGB, Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 3 * width, 3,
                new int[] {0, 1, 2}, null), false, null);
    }

    /**
     * The bytes of an image from {@link #create}, once swapped to B, G, R in place, seen as what the JDK types
     * {@link BufferedImage#TYPE_3BYTE_BGR}: no copy.
     */
    static BufferedImage swappedToBgr(BufferedImage rgb) {
        DataBuffer bytes = rgb.getRaster().getDataBuffer();
        swap(((DataBufferByte) bytes).getData());
        int w = rgb.getWidth();
        return new BufferedImage(SRGB, Raster.createInterleavedRaster(bytes, w, rgb.getHeight(), 3 * w, 3,
                new int[] {2, 1, 0}, null), false, null);
    }

    /** A copy of a packed {@link BufferedImage#TYPE_3BYTE_BGR} image in R, G, B order. */
    static BufferedImage copyOfBgr(BufferedImage bgr) {
        BufferedImage rgb = create(bgr.getWidth(), bgr.getHeight());
        byte[] s = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] d = ((DataBufferByte) rgb.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < d.length; i += 3) {
            d[i] = s[i + 2];
            d[i + 1] = s[i + 1];
            d[i + 2] = s[i];
        }
        return rgb;
    }

    private static void swap(byte[] d) {
        for (int i = 0; i < d.length; i += 3) {
            byte r = d[i];
            d[i] = d[i + 2];
            d[i + 2] = r;
        }
    }

    /** Whether the image's bytes are one array of B, G, R with nothing before or after. */
    static boolean isPackedBgr(BufferedImage img) {
        return img.getType() == BufferedImage.TYPE_3BYTE_BGR && isPacked(img);
    }

    static boolean isPacked(BufferedImage img) {
        WritableRaster raster = img.getRaster();
        return raster.getDataBuffer() instanceof DataBufferByte buf
                && buf.getNumBanks() == 1
                && buf.getOffset() == 0
                && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0
                && buf.getData().length == img.getWidth() * img.getHeight() * raster.getNumBands();
    }
}
