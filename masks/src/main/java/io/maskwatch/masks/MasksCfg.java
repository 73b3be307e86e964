package io.maskwatch.masks;

import io.maskwatch.detect.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads MaskTheFace's masks.cfg: INI sections named after a template, each with six anchor points
 * {@code mask_a: x, y} .. {@code mask_f} in template pixels. Lines starting with ';' are comments;
 * sections without all six points (empty, inpaint) are left out.
 */
public final class MasksCfg {

    private static final String[] KEYS = {"mask_a", "mask_b", "mask_c", "mask_d", "mask_e", "mask_f"};

    private MasksCfg() {
    }

    /** Template name → anchors a..f. */
    public static Map<String, List<Point>> read(Path file) throws IOException {
        Map<String, Map<String, Point>> sections = new LinkedHashMap<>();
        String section = null;
        int lineNo = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                sections.putIfAbsent(section, new LinkedHashMap<>());
                continue;
            }
            int colon = line.indexOf(':');
            if (section == null || colon < 0) {
                throw new IOException(file + ":" + lineNo + ": expected [section] or key: value, got '" + line + "'");
            }
            String key = line.substring(0, colon).strip();
            if (!key.startsWith("mask_")) {
                continue;
            }
            String[] xy = line.substring(colon + 1).split(",");
            try {
                sections.get(section).put(key, new Point(Double.parseDouble(xy[0].strip()), Double.parseDouble(xy[1].strip())));
            } catch (RuntimeException e) {
                throw new IOException(file + ":" + lineNo + ": bad point '" + line + "'");
            }
        }
        Map<String, List<Point>> out = new LinkedHashMap<>();
        for (var e : sections.entrySet()) {
            List<Point> pts = new ArrayList<>();
            for (String k : KEYS) {
                Point p = e.getValue().get(k);
                if (p != null) {
                    pts.add(p);
                }
            }
            if (pts.size() == 6) {
                out.put(e.getKey(), List.copyOf(pts));
            }
        }
        return out;
    }
}
