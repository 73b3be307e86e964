package io.maskwatch.eval;

import io.maskwatch.image.Resampler;
import io.maskwatch.image.ImageEncoder;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.detect.Box;
import io.maskwatch.image.ImageLoader;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The worst mistakes, as small crops with the ground-truth box (green) and the detection (orange):
 * the largest missed faces, the most confident spurious detections, unmasked faces called masked
 * (highest P(masked) first: the alarms that did not sound) and masked faces called unmasked (lowest first).
 */
public final class Gallery {

    public static final int CROP = 256;
    static final Color GT = new Color(0x22aa22);
    static final Color DET = new Color(0xff8800);

    /** One tile: the picture (JPEG bytes), its caption and the whole photo's address (a file: URI). */
    public record Tile(byte[] jpeg, String caption, String photo) {
    }

    private Gallery() {
    }

    /** Sections in display order, each at most {@code perSection} tiles; photos that cannot be read are skipped. */
    public static Map<String, List<Tile>> build(Evaluation e, Map<String, AnnotatedImage> images, int perSection) {
        record Item(String image, Box gt, Box det, String caption) {
        }
        Map<String, List<Item>> sections = new LinkedHashMap<>();
        List<FaceRow> rows = e.faceRows();
        sections.put("Unmasked faces called masked", rows.stream()
                .filter(r -> !r.masked() && r.outcome() == Outcome.WRONG)
                .sorted(Comparator.comparingDouble((FaceRow r) -> r.detection().maskProbability()).reversed())
                .limit(perSection)
                .map(r -> new Item(r.image(), r.face().box(), r.detection().box(),
                        r.face().rawLabel() + ", P(masked) " + p(r.detection().maskProbability()) + ", " + px(r.face().size())))
                .toList());
        sections.put("Masked faces called unmasked", rows.stream()
                .filter(r -> r.masked() && r.outcome() == Outcome.WRONG)
                .sorted(Comparator.comparingDouble((FaceRow r) -> r.detection().maskProbability()))
                .limit(perSection)
                .map(r -> new Item(r.image(), r.face().box(), r.detection().box(),
                        r.face().rawLabel() + ", P(masked) " + p(r.detection().maskProbability()) + ", " + px(r.face().size())))
                .toList());
        sections.put("Missed faces (largest first)", rows.stream()
                .filter(r -> r.outcome() == Outcome.MISSED)
                .sorted(Comparator.comparingDouble((FaceRow r) -> r.face().size()).reversed())
                .limit(perSection)
                .map(r -> new Item(r.image(), r.face().box(), null, r.face().rawLabel() + ", " + px(r.face().size())))
                .toList());
        sections.put("Spurious detections (most confident first)", e.spurious().stream()
                .sorted(Comparator.comparingDouble((DetectionRow d) -> d.detection().score()).reversed())
                .limit(perSection)
                .map(d -> new Item(d.image(), null, d.detection().box(),
                        "score " + p(d.detection().score()) + ", P(masked) " + p(d.detection().maskProbability())
                                + ", " + px(d.detection().size())))
                .toList());
        sections.put("Found but box mismatched (IoU 0.3-0.5; largest first)", DetectorSections.breakdown(e).mismatched()
                .stream()
                .limit(perSection)
                .map(m -> new Item(m.face().image(), m.face().face().box(), m.best().box(),
                        m.face().face().rawLabel() + ", IoU " + p(m.iou()) + ", " + px(m.face().face().size())))
                .toList());
        Map<String, BufferedImage> cache = new HashMap<>();
        Map<String, List<Tile>> out = new LinkedHashMap<>();
        for (var s : sections.entrySet()) {
            List<Tile> tiles = new ArrayList<>();
            for (Item it : s.getValue()) {
                AnnotatedImage ai = images.get(it.image());
                if (ai == null) {
                    continue;
                }
                BufferedImage img = cache.computeIfAbsent(it.image(), k -> load(ai.image()));
                if (img == null) {
                    continue;
                }
                Box focus = it.gt() != null ? it.gt() : it.det();
                tiles.add(new Tile(tile(img, focus, it.gt(), it.det()), it.image() + ": " + it.caption(),
                        ai.image().toAbsolutePath().toUri().toString()));
            }
            out.put(s.getKey(), tiles);
        }
        return out;
    }

    private static BufferedImage load(Path p) {
        try {
            return ImageLoader.read(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A square crop around the face with context, boxes drawn. */
    static byte[] tile(BufferedImage img, Box focus, Box gt, Box det) {
        double side = Math.max(24, Math.max(focus.width(), focus.height()) * 2.0);
        Box region = new Box(focus.centerX() - side / 2, focus.centerY() - side / 2,
                focus.centerX() + side / 2, focus.centerY() + side / 2);
        BufferedImage crop = Resampler.resample(img, region, CROP, CROP);
        Graphics2D g = crop.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(2f));
        double s = CROP / side;
        if (gt != null) {
            g.setColor(GT);
            draw(g, gt, region, s);
        }
        if (det != null) {
            g.setColor(DET);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {5f, 3f}, 0f));
            draw(g, det, region, s);
        }
        g.dispose();
        return ImageEncoder.encode(crop, "jpeg");
    }

    private static void draw(Graphics2D g, Box b, Box region, double s) {
        int x = (int) Math.round((b.x1() - region.x1()) * s);
        int y = (int) Math.round((b.y1() - region.y1()) * s);
        g.drawRect(x, y, (int) Math.round(b.width() * s), (int) Math.round(b.height() * s));
    }

    private static String p(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.0f px", v);
    }
}
