package io.maskwatch.annotate;

import io.maskwatch.image.ImageLoader;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Draws the result of one photo: a box per face, green for masked, orange for a mask worn
 * incorrectly and red for unmasked, with a label such as "masked 0.97" or "incorrect 0.81" (the
 * probability of the label shown) on a filled background. Line width and font grow with the photo so the labels
 * stay legible when a 4000 px photo is viewed scaled to a screen, and never fall under 12 px on
 * small photos; labels are kept inside the image.
 *
 * <p>In crowds labels are placed so that they never overlap each other or cover a face: each label tries
 * the free places around its own box (above, below, beside), then a smaller font, then the confidence alone
 * (the colour still tells the label); a label with no free place is left out. Unmasked faces are placed first.
 */
public final class Annotator {

    public static final Color MASKED = new Color(0, 160, 60);
    public static final Color UNMASKED = new Color(220, 30, 30);
    /** Dark orange: a mask, worn wrongly; white text stays legible on it. */
    public static final Color INCORRECT = new Color(215, 110, 0);
    private static final Color TEXT = Color.WHITE;
    private static final int MIN_FONT_PX = 12;

    /** What is drawn: boxes with labels, or boxes only. */
    public enum Style { LABELS, BOXES_ONLY }

    /** Where one label goes, in image pixels, and what it says. */
    public record LabelBox(FaceResult face, String text, int x, int y, int width, int height, int fontPx) {
        boolean intersects(double x1, double y1, double x2, double y2) {
            return x < x2 && x + width > x1 && y < y2 && y + height > y1;
        }

        boolean intersects(LabelBox o) {
            return intersects(o.x, o.y, o.x + o.width, o.y + o.height);
        }
    }

    private Annotator() {
    }

    /** A new TYPE_3BYTE_BGR image: {@code image} with the faces drawn on it; {@code image} is not changed. */
    public static BufferedImage draw(BufferedImage image, List<FaceResult> faces) {
        return draw(image, faces, Style.LABELS);
    }

    /** As {@link #draw(BufferedImage, List)}, with or without labels. */
    public static BufferedImage draw(BufferedImage image, List<FaceResult> faces, Style style) {
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
            if (style == Style.LABELS) {
                for (LabelBox b : layout(g, faces, w, h)) {
                    drawLabel(g, b);
                }
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

    /** Where the labels of {@code faces} go on a {@code width} × {@code height} image (the same as {@link #draw}). */
    public static List<LabelBox> layout(List<FaceResult> faces, int width, int height) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return layout(g, faces, width, height);
        } finally {
            g.dispose();
        }
    }

    private static List<LabelBox> layout(Graphics2D g, List<FaceResult> faces, int w, int h) {
        int line = lineWidth(Math.max(w, h));
        int fontPx = fontSize(Math.max(w, h));
        // Unmasked faces first (they are what the photo is checked for), then the more certain detections.
        List<FaceResult> order = faces.stream().sorted(Comparator
                .comparing((FaceResult f) -> f.label() == Label.MASKED)
                .thenComparing(Comparator.comparingDouble(FaceResult::score).reversed())).toList();
        List<LabelBox> placed = new ArrayList<>();
        for (FaceResult f : order) {
            LabelBox b = place(g, f, faces, placed, fontPx, line, w, h);
            if (b != null) {
                placed.add(b);
            }
        }
        return placed;
    }

    /** The first free place for the label of {@code f}: full text, then smaller, then the confidence alone. */
    private static LabelBox place(Graphics2D g, FaceResult f, List<FaceResult> faces, List<LabelBox> placed,
                                  int fontPx, int line, int w, int h) {
        String full = labelText(f);
        String shortText = full.substring(full.indexOf(' ') + 1);
        int minFont = Math.min(fontPx, Math.max(8, fontPx / 2));
        for (String text : List.of(full, shortText)) {
            for (int size = fontPx; size >= minFont; size = size == minFont ? minFont - 1 : Math.max(minFont, size * 4 / 5)) {
                Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
                FontMetrics fm = g.getFontMetrics(font);
                int pad = Math.max(1, size / 6);
                int lw = fm.stringWidth(text) + 2 * pad;
                int lh = fm.getAscent() + fm.getDescent() + 2 * pad;
                if (lw > w || lh > h) {
                    continue;
                }
                for (int[] xy : candidates(f, lw, lh, line)) {
                    int x = Math.max(0, Math.min(xy[0], w - lw));
                    int y = Math.max(0, Math.min(xy[1], h - lh));
                    LabelBox b = new LabelBox(f, text, x, y, lw, lh, size);
                    if (free(b, faces, placed, line)) {
                        return b;
                    }
                }
            }
        }
        return null;
    }

    /** Above the box (left, then right aligned), below it, then beside it (right, then left). */
    private static List<int[]> candidates(FaceResult f, int lw, int lh, int line) {
        int half = (line + 1) / 2;
        int x1 = (int) Math.floor(f.box().x1()) - half;
        int x2 = (int) Math.ceil(f.box().x2()) + half;
        int y1 = (int) Math.floor(f.box().y1()) - half;
        int y2 = (int) Math.ceil(f.box().y2()) + half;
        return List.of(new int[] {x1, y1 - lh}, new int[] {x2 - lw, y1 - lh}, new int[] {x1, y2}, new int[] {x2 - lw, y2},
                new int[] {x2, y1}, new int[] {x1 - lw, y1});
    }

    /** No other label there, and no face: every box (the stroke included) stays uncovered. */
    private static boolean free(LabelBox b, List<FaceResult> faces, List<LabelBox> placed, int line) {
        for (LabelBox o : placed) {
            if (b.intersects(o)) {
                return false;
            }
        }
        double m = line / 2.0;
        for (FaceResult o : faces) {
            if (b.intersects(o.box().x1() - m, o.box().y1() - m, o.box().x2() + m, o.box().y2() + m)) {
                return false;
            }
        }
        return true;
    }

    private static void drawLabel(Graphics2D g, LabelBox b) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, b.fontPx());
        FontMetrics fm = g.getFontMetrics(font);
        int pad = Math.max(1, b.fontPx() / 6);
        g.setColor(colour(b.face().label()));
        g.fillRect(b.x(), b.y(), b.width(), b.height());
        g.setColor(TEXT);
        g.setFont(font);
        g.drawString(b.text(), b.x() + pad, b.y() + pad + fm.getAscent());
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        if (ImageLoader.isPackedBgr(src)) {
            byte[] s = ((DataBufferByte) src.getRaster().getDataBuffer()).getData();
            byte[] d = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            System.arraycopy(s, 0, d, 0, d.length);
        } else {
            Graphics2D g = out.createGraphics();
            g.drawImage(src, 0, 0, null);
            g.dispose();
        }
        return out;
    }
}
