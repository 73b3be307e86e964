package io.maskwatch.annotate;

import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Label;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Draws the result of one photo: a box per face, green for masked, orange for a mask worn
 * incorrectly and red for unmasked, with a label such as "masked 0.97" or "incorrect 0.81" (the
 * probability of the label shown) on a filled background. Line width and font grow with the photo so the labels
 * stay legible when a 4000 px photo is viewed scaled to a screen, and never fall under 12 px on
 * small photos; labels are kept inside the image.
 */
public final class Annotator {

    public static final Color MASKED = new Color(0, 160, 60);
    public static final Color UNMASKED = new Color(220, 30, 30);
    /** Dark orange: a mask, worn wrongly; white text stays legible on it. */
    public static final Color INCORRECT = new Color(215, 110, 0);
    private static final Color TEXT = Color.WHITE;
    private static final int MIN_FONT_PX = 12;

    private Annotator() {
    }

    /** A new TYPE_3BYTE_BGR image: {@code image} with the faces drawn on it; {@code image} is not changed. */
    public static BufferedImage draw(BufferedImage image, List<FaceResult> faces) {
        BufferedImage out = copy(image);
        if (faces.isEmpty()) {
            return out;
        }
        int w = out.getWidth();
        int h = out.getHeight();
        int longSide = Math.max(w, h);
        int line = lineWidth(longSide);
        int fontPx = fontSize(longSide);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            // Large faces first, so that the boxes and labels of small faces stay on top.
            List<FaceResult> order = faces.stream()
                    .sorted(Comparator.comparingDouble((FaceResult f) -> f.box().area()).reversed()).toList();
            for (FaceResult f : order) {
                // The stroke lies just outside the box, so even a thick line never hides a small face.
                int lw = line;
                g.setColor(colour(f.label()));
                g.setStroke(new BasicStroke(lw, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER));
                double half = lw / 2.0;
                g.draw(new java.awt.geom.Rectangle2D.Double(f.box().x1() - half, f.box().y1() - half,
                        f.box().width() + lw, f.box().height() + lw));
            }
            for (FaceResult f : order) {
                drawLabel(g, f, fontPx, line, w, h);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The label text of a face, e.g. "masked 0.97". */
    public static String labelText(FaceResult f) {
        return String.format(Locale.ROOT, "%s %.2f", f.label().json(), f.confidence());
    }

    public static Color colour(Label label) {
        return switch (label) {
            case MASKED -> MASKED;
            case INCORRECT -> INCORRECT;
            case UNMASKED -> UNMASKED;
        };
    }

    /** Box line width in pixels for a photo whose longer side is {@code longSide}. */
    static int lineWidth(int longSide) {
        return Math.max(2, Math.round(longSide / 400f));
    }

    /** Label font size in pixels for a photo whose longer side is {@code longSide}. */
    static int fontSize(int longSide) {
        return Math.max(MIN_FONT_PX, Math.round(longSide / 55f));
    }

    private static void drawLabel(Graphics2D g, FaceResult f, int fontPx, int line, int w, int h) {
        String text = labelText(f);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, fontPx);
        FontMetrics fm = g.getFontMetrics(font);
        int pad = Math.max(2, fontPx / 6);
        // A photo too narrow for the label gets a smaller font, down to 6 px.
        while (fm.stringWidth(text) + 2 * pad > w && font.getSize() > 6) {
            font = font.deriveFont((float) font.getSize() - 1);
            fm = g.getFontMetrics(font);
            pad = Math.max(1, font.getSize() / 6);
        }
        int lw = fm.stringWidth(text) + 2 * pad;
        int lh = fm.getAscent() + fm.getDescent() + 2 * pad;
        int x = (int) Math.round(f.box().x1() - Math.min(line, f.box().width()) / 2.0);
        int y = (int) Math.round(f.box().y1()) - line / 2 - lh;   // above the box
        if (y < 0) {
            y = (int) Math.round(f.box().y2()) + (line + 1) / 2;    // below the box
            if (y + lh > h) {
                y = (int) Math.round(f.box().y1());                 // inside, at the top
            }
        }
        x = Math.max(0, Math.min(x, w - lw));
        y = Math.max(0, Math.min(y, h - lh));
        g.setColor(colour(f.label()));
        g.fillRect(x, y, lw, lh);
        g.setColor(TEXT);
        g.setFont(font);
        g.drawString(text, x + pad, y + pad + fm.getAscent());
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        if (src.getType() == BufferedImage.TYPE_3BYTE_BGR
                && src.getRaster().getDataBuffer() instanceof DataBufferByte s
                && s.getData().length == src.getWidth() * src.getHeight() * 3 && s.getOffset() == 0) {
            byte[] d = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            System.arraycopy(s.getData(), 0, d, 0, d.length);
        } else {
            Graphics2D g = out.createGraphics();
            g.drawImage(src, 0, 0, null);
            g.dispose();
        }
        return out;
    }
}
