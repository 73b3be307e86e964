package io.maskwatch.training;

import io.maskwatch.image.Resampler;
import io.maskwatch.detect.Box;
import java.awt.image.BufferedImage;

/** 64-bit difference hash (dHash): grey 9×8 thumbnail, one bit per horizontal neighbour pair. */
public final class PerceptualHash {

    private PerceptualHash() {
    }

    public static long dHash(BufferedImage image) {
        BufferedImage t = Resampler.resample(image, new Box(0, 0, image.getWidth(), image.getHeight()), 9, 9);
        byte[] b = Resampler.bgrBytes(t);
        long h = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                h = (h << 1) | (grey(b, y * 9 + x) > grey(b, y * 9 + x + 1) ? 1 : 0);
            }
        }
        return h;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    private static int grey(byte[] b, int p) {
        return (b[p * 3] & 0xff) * 114 + (b[p * 3 + 1] & 0xff) * 587 + (b[p * 3 + 2] & 0xff) * 299;
    }
}
