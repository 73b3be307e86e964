package io.maskwatch.training;

import io.maskwatch.csv.CsvFiles;
import io.maskwatch.detect.Box;
import io.maskwatch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The output of {@code maskwatch masks generate}: {@code manifest.csv} (columns file_masked,
 * file_unmasked, person, box_x1..box_y2 in pixels of the written crops; see docs/masks.md) with a
 * masked and an unmasked crop of each face. Both crops of a face become samples of the person's group.
 */
public final class ArtificialMasks {

    public static final String MANIFEST = "manifest.csv";

    /** The samples (masked and unmasked) and how many people they come from. */
    public record Loaded(List<FaceSample> samples, int people, int skipped) {
    }

    private ArtificialMasks() {
    }

    public static Loaded load(Path dir, int limit, PrintStream log) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IOException(manifest + ": no manifest (expected the output folder of `maskwatch masks generate`)");
        }
        List<CsvFiles.Row> lines = CsvFiles.read(manifest);
        if (lines.isEmpty()) throw new IOException(manifest + ": empty manifest");
        List<String> header = lines.get(0).fields();
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) col.put(header.get(i).trim(), i);
        for (String c : List.of("file_masked", "file_unmasked", "person", "box_x1", "box_y1", "box_x2", "box_y2")) {
            if (!col.containsKey(c)) throw new IOException(manifest + ":1: missing column " + c);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            rows.add(lines.get(i).fields());
            if (limit > 0 && rows.size() >= limit) break;
        }
        FaceSample[][] out = new FaceSample[rows.size()][];
        IntStream.range(0, rows.size()).parallel().forEach(i -> {
            List<String> r = rows.get(i);
            try {
                Box box = new Box(d(r, col, "box_x1"), d(r, col, "box_y1"), d(r, col, "box_x2"), d(r, col, "box_y2"));
                String person = r.get(col.get("person"));
                String group = "artificial/" + person;
                BufferedImage m = ImageLoader.read(dir.resolve(r.get(col.get("file_masked"))));
                BufferedImage u = ImageLoader.read(dir.resolve(r.get(col.get("file_unmasked"))));
                out[i] = new FaceSample[] {
                    FaceSample.of(m, box, true, "artificial", group, r.get(col.get("file_masked"))),
                    FaceSample.of(u, box, false, "artificial", group, r.get(col.get("file_unmasked")))};
            } catch (IOException | RuntimeException e) {
                if (log != null) log.println("skipped " + manifest + ":" + (i + 2) + ": " + e.getMessage());
            }
        });
        List<FaceSample> samples = new ArrayList<>();
        int skipped = 0;
        for (FaceSample[] pair : out) {
            if (pair == null) {
                skipped++;
            } else {
                samples.add(pair[0]);
                samples.add(pair[1]);
            }
        }
        int people = (int) samples.stream().map(FaceSample::group).distinct().count();
        return new Loaded(samples, people, skipped);
    }

    private static double d(List<String> r, Map<String, Integer> col, String name) {
        return Double.parseDouble(r.get(col.get(name)));
    }
}
