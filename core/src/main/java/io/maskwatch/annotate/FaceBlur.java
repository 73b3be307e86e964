package io.maskwatch.annotate;

import io.maskwatch.detect.Box;
import io.maskwatch.pipeline.Label;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Privacy for written images and video: pixelates face boxes in place. Pixelation with blocks of an eighth of
 * the face (at least 4 px) cannot be undone the way a light Gaussian blur sometimes can, and costs one pass.
 */
public final class FaceBlur {

    /** Which faces are blurred: masked ones (the default, so a stored clip shows only who triggered an alert), all or none. */
    public enum Mode {
        MASKED, ALL, NONE;

        /** Whether a face with this decision is blurred; {@code label} null means not yet decided. */
        public boolean blurs(Label label) {
            return switch (this) {
                case ALL -> true;
                case NONE -> false;
                case MASKED -> label == Label.MASKED;
            };
        }

        public static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--blur must be masked, all or none, got '" + s + "'");
            }
        }
    }

    private FaceBlur() {
    }

    /** Pixelates each box (grown by 10% each side to cover hair and ears) of {@code image}, in place. */
    public static void pixelate(BufferedImage image, List<Box> boxes) {
        for (Box b : boxes) {
            double mx = b.width() * 0.1;
            double my = b.height() * 0.1;
            int x1 = (int) Math.max(0, Math.floor(b.x1() - mx));
            int y1 = (int) Math.max(0, Math.floor(b.y1() - my));
            int x2 = (int) Math.min(image.getWidth(), Math.ceil(b.x2() + mx));
            int y2 = (int) Math.min(image.getHeight(), Math.ceil(b.y2() + my));
            int block = Math.max(4, (int) Math.round(Math.max(x2 - x1, y2 - y1) / 8.0));
            for (int by = y1; by < y2; by += block) {
                for (int bx = x1; bx < x2; bx += block) {
                    int ex = Math.min(x2, bx + block);
                    int ey = Math.min(y2, by + block);
                    long r = 0, g = 0, bl = 0;
                    int n = 0;
                    for (int y = by; y < ey; y++) {
                        for (int x = bx; x < ex; x++) {
                            int rgb = image.getRGB(x, y);
                            r += (rgb >> 16) & 0xff;
                            g += (rgb >> 8) & 0xff;
                            bl += rgb & 0xff;
                            n++;
                        }
                    }
                    if (n == 0) {
                        continue;
                    }
                    int avg = 0xff000000 | (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (bl / n);
                    for (int y = by; y < ey; y++) {
                        for (int x = bx; x < ex; x++) {
                            image.setRGB(x, y, avg);
                        }
                    }
                }
            }
        }
    }
}
