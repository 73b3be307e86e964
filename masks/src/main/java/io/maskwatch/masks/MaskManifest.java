package io.maskwatch.masks;

import io.maskwatch.csv.CsvFiles;
import io.maskwatch.detect.Box;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the manifest.csv of a {@code masks generate} output folder back into rows (for training). */
public final class MaskManifest {

    private MaskManifest() {
    }

    /**
     * The rows of {@code dir/manifest.csv}; file paths in them stay relative to {@code dir}.
     *
     * @throws IOException naming the file and line of a malformed row
     */
    public static List<ManifestRow> read(Path dir) throws IOException {
        Path file = dir.resolve("manifest.csv");
        List<CsvFiles.Row> lines = CsvFiles.read(file);
        if (lines.isEmpty()) {
            throw new IOException(file + ": empty (no header)");
        }
        List<String> h = lines.get(0).fields();
        for (String c : ManifestRow.COLUMNS) {
            if (!h.contains(c)) {
                throw new IOException(file + ": column '" + c + "' missing from the header");
            }
        }
        List<ManifestRow> rows = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            List<String> r = lines.get(i).fields();
            try {
                rows.add(new ManifestRow(
                        Integer.parseInt(r.get(h.indexOf("index"))),
                        r.get(h.indexOf("file_masked")), r.get(h.indexOf("file_unmasked")),
                        r.get(h.indexOf("file_incorrect")), r.get(h.indexOf("misplacement")),
                        r.get(h.indexOf("source")), r.get(h.indexOf("person")),
                        r.get(h.indexOf("method")), r.get(h.indexOf("template")), r.get(h.indexOf("colouring")),
                        Double.parseDouble(r.get(h.indexOf("yaw"))),
                        new Box(d(r, h, "box_x1"), d(r, h, "box_y1"), d(r, h, "box_x2"), d(r, h, "box_y2")),
                        new Box(d(r, h, "crop_x1"), d(r, h, "crop_y1"), d(r, h, "crop_x2"), d(r, h, "crop_y2")),
                        Landmarks68.parse(r.get(h.indexOf("landmarks"))),
                        Long.parseLong(r.get(h.indexOf("seed"))), Long.parseLong(r.get(h.indexOf("face_seed")))));
            } catch (RuntimeException e) {
                throw new IOException(file + ":" + lines.get(i).line() + ": malformed row: " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static double d(List<String> r, List<String> h, String col) {
        return Double.parseDouble(r.get(h.indexOf(col)));
    }
}
