package io.maskwatch.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * EXIF orientation (TIFF tag 274): how the stored pixels must be turned to appear as displayed.
 * 1 = as stored, 2 = mirrored left-right, 3 = rotated 180°, 4 = mirrored top-bottom, 5 = transposed,
 * 6 = rotate 90° clockwise, 7 = transversed, 8 = rotate 90° counter-clockwise.
 */
public final class Orientation {

    private Orientation() {
    }

    /** Whether {@code orientation} swaps width and height. */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * The image as displayed for an EXIF orientation value; unknown values (0, > 8) leave it as is.
     * The input must be TYPE_3BYTE_BGR; a new image is returned unless the orientation is 1.
     */
    public static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = swapsAxes(orientation);
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] s = ((DataBufferByte) src.getRaster().getDataBuffer()).getData();
        byte[] d = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                int si = (sy * w + sx) * 3;
                int di = (y * ow + x) * 3;
                d[di] = s[si];
                d[di + 1] = s[si + 1];
                d[di + 2] = s[si + 2];
            }
        }
        return out;
    }
}
