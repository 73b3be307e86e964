package io.maskwatch.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Photos as a dim camera would see them, for the tests of {@link Exposure} here and in the eval module. */
public final class DimPhotos {

    private DimPhotos() {
    }

    /** {@code image} as TYPE_3BYTE_BGR with every channel value multiplied by {@code k} (rounded). */
    public static BufferedImage darkened(BufferedImage image, double k) {
        BufferedImage bgr = ImageLoader.toBgr(image);
        BufferedImage out = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] s = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] d = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < s.length; i++) {
            d[i] = (byte) Math.round((s[i] & 0xff) * k);
        }
        return out;
    }
}
