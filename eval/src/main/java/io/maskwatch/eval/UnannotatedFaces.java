package io.maskwatch.eval;

import io.maskwatch.detect.Box;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import io.maskwatch.csv.CsvFiles;

/**
 * The ignore list of an annotated set: real faces nobody annotated (a background crowd, a face on a screen, a
 * poster), each checked by eye and given a one-word reason. A spurious detection on one of them (IoU > 0.5) is
 * still spurious by the reference's rule, but it is not a false alarm a user would call one, so the report
 * counts it apart. The lists live with the evaluation code, as resources
 * {@code io/maskwatch/eval/unannotated-faces/<set folder name>.csv} ({@code image,x,y,w,h,reason}).
 */
public record UnannotatedFaces(String set, List<Entry> entries) {

    /** One unannotated face: its photo, its box (pixels) and why it is a face (one word). */
    public record Entry(String image, Box box, String reason) {
    }

    public static final UnannotatedFaces NONE = new UnannotatedFaces("", List.of());

    public UnannotatedFaces {
        entries = List.copyOf(entries);
    }

    /** The list for a set, by the set folder's name; {@link #NONE}-like (empty) when there is none. */
    public static UnannotatedFaces forSet(String setName) {
        String resource = "unannotated-faces/" + setName + ".csv";
        try (InputStream in = UnannotatedFaces.class.getResourceAsStream(resource)) {
            if (in == null) {
                return new UnannotatedFaces(setName, List.of());
            }
            return new UnannotatedFaces(setName, read(in, resource));
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
    }

    static List<Entry> read(InputStream in, String source) throws IOException {
        List<CsvFiles.Row> rows = CsvFiles.read(new InputStreamReader(in, StandardCharsets.UTF_8), source);
        if (rows.isEmpty() || !rows.get(0).fields().equals(List.of("image", "x", "y", "w", "h", "reason"))) {
            throw new IOException(source + ": the header must be image,x,y,w,h,reason");
        }
        List<Entry> out = new ArrayList<>();
        for (CsvFiles.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            if (f.get(0).startsWith("#")) {
                continue;
            }
            try {
                if (f.size() != 6) {
                    throw new IllegalArgumentException(f.size() + " fields, expected 6");
                }
                String reason = f.get(5).trim();
                if (reason.isEmpty() || reason.contains(" ")) {
                    throw new IllegalArgumentException("the reason must be one word: '" + reason + "'");
                }
                out.add(new Entry(f.get(0).trim(), Box.ofSize(Double.parseDouble(f.get(1)), Double.parseDouble(f.get(2)),
                        Double.parseDouble(f.get(3)), Double.parseDouble(f.get(4))), reason));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + " line " + row.line() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public int size() {
        return entries.size();
    }

    /** Whether a detection in {@code image} lies on a listed face (IoU > 0.5, the matching rule). */
    public boolean covers(String image, Box box) {
        for (Entry e : entries) {
            if (e.image().equals(image) && e.box().iou(box) > Matching.IOU_THRESHOLD) {
                return true;
            }
        }
        return false;
    }
}
