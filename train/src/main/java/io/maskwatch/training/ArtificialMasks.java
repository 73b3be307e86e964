package io.maskwatch.training;

import io.maskwatch.csv.CsvFiles;
import io.maskwatch.detect.Box;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.Label;
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
 * masked and an unmasked crop of each face, and (column file_incorrect, when present) the same mask
 * worn wrongly. All crops of a face become samples of the person's group.
 */
public final class ArtificialMasks {

    public static final String MANIFEST = "manifest.csv";

    /** The samples (masked and unmasked) and how many people they come from. */
    public record Loaded(List<FaceSample> samples, int people, int skipped) {
    }

    private ArtificialMasks() {
    }

    public static Loaded load(Path dir, int limit, PrintStream log) throws IOException {
        return load(dir, limit, true, log);
    }

    /**
     * @param withIncorrect also the wrongly worn twin ({@code file_incorrect}, when the manifest has it)
     */
    public static Loaded load(Path dir, int limit, boolean withIncorrect, PrintStream log) throws IOException {
        Manifest read = Manifest.read(dir);
        Path manifest = read.file();
        Map<String, Integer> col = read.columns();
        List<List<String>> rows = limit > 0 && read.rows().size() > limit ? read.rows().subList(0, limit) : read.rows();
        FaceSample[][] out = new FaceSample[rows.size()][];
        IntStream.range(0, rows.size()).parallel().forEach(i -> {
            List<String> r = rows.get(i);
            try {
                Box box = read.box(r);
                String person = r.get(col.get("person"));
                String group = "artificial/" + person;
                BufferedImage m = ImageLoader.read(dir.resolve(r.get(col.get("file_masked"))));
                BufferedImage u = ImageLoader.read(dir.resolve(r.get(col.get("file_unmasked"))));
                Integer inc = col.get("file_incorrect");
                FaceSample ms = FaceSample.of(m, box, Label.MASKED, "artificial", group, r.get(col.get("file_masked")));
                FaceSample us = FaceSample.of(u, box, Label.UNMASKED, "artificial", group, r.get(col.get("file_unmasked")));
                if (withIncorrect && inc != null && inc < r.size() && !r.get(inc).isBlank()) {
                    BufferedImage x = ImageLoader.read(dir.resolve(r.get(inc)));
                    out[i] = new FaceSample[] {ms, us, FaceSample.of(x, box, Label.INCORRECT, "artificial", group, r.get(inc))};
                } else {
                    out[i] = new FaceSample[] {ms, us};
                }
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
                samples.addAll(List.of(pair));
            }
        }
        int people = (int) samples.stream().map(FaceSample::group).distinct().count();
        return new Loaded(samples, people, skipped);
    }

    /** The manifest of a {@code masks generate} folder: its rows and where each column is, read and checked once. */
    public record Manifest(Path file, Map<String, Integer> columns, List<List<String>> rows) {

        static final List<String> REQUIRED =
                List.of("file_masked", "file_unmasked", "person", "box_x1", "box_y1", "box_x2", "box_y2");

        /** Reads {@code dir/manifest.csv}; an error names the file and what is missing. */
        public static Manifest read(Path dir) throws IOException {
            Path manifest = dir.resolve(MANIFEST);
            if (!Files.isRegularFile(manifest)) {
                throw new IOException(manifest + ": no manifest (expected the output folder of `maskwatch masks generate`)");
            }
            List<CsvFiles.Row> lines = CsvFiles.read(manifest);
            if (lines.isEmpty()) throw new IOException(manifest + ": empty manifest");
            List<String> header = lines.get(0).fields();
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < header.size(); i++) col.put(header.get(i).trim(), i);
            for (String c : REQUIRED) {
                if (!col.containsKey(c)) throw new IOException(manifest + ":1: missing column " + c);
            }
            List<List<String>> rows = new ArrayList<>(lines.size() - 1);
            for (CsvFiles.Row row : lines.subList(1, lines.size())) rows.add(row.fields());
            return new Manifest(manifest, Map.copyOf(col), List.copyOf(rows));
        }

        /** The detector's face box of a row, in pixels of the row's crops. */
        public Box box(List<String> row) {
            return new Box(number(row, "box_x1"), number(row, "box_y1"), number(row, "box_x2"), number(row, "box_y2"));
        }

        private double number(List<String> row, String column) {
            return Double.parseDouble(row.get(columns.get(column)));
        }
    }
}
