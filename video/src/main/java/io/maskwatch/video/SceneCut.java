package io.maskwatch.video;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Tells a cut in an edited video (or a camera moved to another view): the mean absolute grey-level change of a
 * 32x18 thumbnail between analysed frames. People do not jump across a cut, so the tracker ends every track there
 * rather than let a new face at the same place continue an old person.
 */
final class SceneCut {

    private static final int W = 32, H = 18;
    private final double threshold;
    private int[] previous;

    SceneCut(double threshold) {
        this.threshold = threshold;
    }

    /** Whether {@code frame} is a cut from the previous frame given to this method. */
    boolean isCut(BufferedImage frame) {
        if (threshold <= 0) {
            return false;
        }
        BufferedImage small = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(frame, 0, 0, W, H, null);
        g.dispose();
        int[] now = small.getRaster().getPixels(0, 0, W, H, (int[]) null);
        boolean cut = false;
        if (previous != null) {
            long sum = 0;
            for (int i = 0; i < now.length; i++) {
                sum += Math.abs(now[i] - previous[i]);
            }
            cut = sum / (double) now.length >= threshold;
        }
        previous = now;
        return cut;
    }
}
