package io.maskwatch.video;

import io.maskwatch.annotate.Annotator;
import io.maskwatch.annotate.FaceBlur;
import io.maskwatch.detect.Box;
import io.maskwatch.pipeline.Label;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a frame for --output and the live view: faces blurred as --blur says (by the track's decision, so an
 * undecided face of a masked person may still show for its first frames), then a box per face in the colours of
 * {@link Annotator} (grey while unknown; orange, the photo colour of incorrect, is taken) with "#id label p".
 */
final class TrackAnnotator {

    static final Color UNKNOWN = new Color(150, 150, 150);

    private TrackAnnotator() {
    }

    /** A new image; {@code frame} is left as it is. */
    static BufferedImage draw(BufferedImage frame, List<Tracker.Tracked> faces, FaceBlur.Mode blur) {
        BufferedImage out = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(frame, 0, 0, null);
            List<Box> blurred = new ArrayList<>();
            for (Tracker.Tracked t : faces) {
                if (blur.blurs(asLabel(t.label()))) {
                    blurred.add(t.face().box());
                }
            }
            FaceBlur.pixelate(out, blurred);
            int longSide = Math.max(out.getWidth(), out.getHeight());
            int line = Math.max(2, Math.round(longSide / 400f));
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, Math.round(longSide / 70f)));
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(line));
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            for (Tracker.Tracked t : faces) {
                Box b = t.face().box();
                Color c = colour(t.label());
                g.setColor(c);
                g.drawRect((int) Math.round(b.x1()), (int) Math.round(b.y1()), (int) Math.round(b.width()),
                        (int) Math.round(b.height()));
                String text = text(t);
                int tw = fm.stringWidth(text) + 6;
                int th = fm.getAscent() + fm.getDescent() + 4;
                int x = (int) Math.max(0, Math.min(b.x1(), out.getWidth() - tw));
                int y = (int) Math.round(b.y1()) - th;
                if (y < 0) {
                    y = (int) Math.min(out.getHeight() - th, Math.round(b.y2()));
                }
                g.fillRect(x, y, tw, th);
                g.setColor(Color.WHITE);
                g.drawString(text, x + 3, y + 2 + fm.getAscent());
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    static String text(Tracker.Tracked t) {
        String id = t.track() > 0 ? "#" + t.track() + " " : "";
        return id + t.label().json() + String.format(Locale.ROOT, " %.2f", t.face().maskProbability());
    }

    static Color colour(TrackLabel l) {
        return switch (l) {
            case MASKED -> Annotator.MASKED;
            case INCORRECT -> Annotator.INCORRECT;
            case UNMASKED -> Annotator.UNMASKED;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The photo label a track label stands for, for the blur rule; null while unknown. */
    static Label asLabel(TrackLabel l) {
        return switch (l) {
            case MASKED -> Label.MASKED;
            case INCORRECT -> Label.INCORRECT;
            case UNMASKED -> Label.UNMASKED;
            case UNKNOWN -> null;
        };
    }
}
