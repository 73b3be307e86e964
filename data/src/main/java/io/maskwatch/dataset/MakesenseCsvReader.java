package io.maskwatch.dataset;

import io.maskwatch.csv.CsvFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * makesense.ai CSV export: {@code annotations.csv} with rows {@code label,x,y,w,h,image,image_w,image_h}
 * (x, y = top-left corner in pixels), photos in {@code images/}. A header row is optional; when present
 * its column names decide the order. Photos in {@code images/} without a row are photos without faces
 * (makesense exports no row for them).
 */
public final class MakesenseCsvReader implements DatasetReader {

    public static final String FILE = "annotations.csv";
    static final List<String> COLUMNS = List.of("label", "x", "y", "w", "h", "image", "image_w", "image_h");

    @Override
    public DatasetFormat format() {
        return DatasetFormat.MAKESENSE_CSV;
    }

    @Override
    public boolean accepts(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    private static final class PerImage {
        final String name;
        final int line;
        int width;
        int height;
        final List<SizeCheck.RawFace> faces = new ArrayList<>();

        PerImage(String name, int line, int width, int height) {
            this.name = name;
            this.line = line;
            this.width = width;
            this.height = height;
        }
    }

    @Override
    public Dataset read(Path dir, DatasetOptions options) {
        Path csv = dir.resolve(FILE);
        Path imgDir = dir.resolve("images");
        ReadContext ctx = new ReadContext(dir, options);
        Map<String, PerImage> rows = new LinkedHashMap<>();
        int[] col = {0, 1, 2, 3, 4, 5, 6, 7};
        List<CsvFiles.Row> records;
        try {
            records = CsvFiles.read(csv);
        } catch (IOException e) {
            throw new DatasetException(csv + ": cannot read: " + e.getMessage(), e);
        }
        for (CsvFiles.Row row : records) {
            int n = (int) row.line();
            List<String> f = row.fields();
            if (row == records.get(0) && isHeader(f)) {
                col = headerColumns(f, csv, ctx);
                continue;
            }
            if (f.size() < 8) {
                ctx.warn(csv, n, "expected 8 fields (label,x,y,w,h,image,image_w,image_h), got " + f.size() + "; row skipped");
                continue;
            }
            String label = f.get(col[0]);
            String image = f.get(col[5]).strip();
            double x;
            double y;
            double w;
            double h;
            int iw;
            int ih;
            try {
                x = Double.parseDouble(f.get(col[1]).strip());
                y = Double.parseDouble(f.get(col[2]).strip());
                w = Double.parseDouble(f.get(col[3]).strip());
                h = Double.parseDouble(f.get(col[4]).strip());
                iw = (int) Math.round(Double.parseDouble(f.get(col[6]).strip()));
                ih = (int) Math.round(Double.parseDouble(f.get(col[7]).strip()));
            } catch (NumberFormatException e) {
                ctx.warn(csv, n, "not a number in x,y,w,h,image_w,image_h: " + e.getMessage() + "; row skipped");
                continue;
            }
            if (image.isEmpty() || label.isBlank()) {
                ctx.warn(csv, n, "empty label or image name; row skipped");
                continue;
            }
            final int lineNo = n;
            PerImage pi = rows.computeIfAbsent(image, k -> new PerImage(k, lineNo, iw, ih));
            if (pi.width != iw || pi.height != ih) {
                ctx.warn(csv, n, "image_w/image_h " + iw + "x" + ih + " differ from " + pi.width + "x" + pi.height
                        + " on line " + pi.line + "; the first is used");
            }
            pi.faces.add(new SizeCheck.RawFace(label, x, y, x + w, y + h, csv, n));
        }
        List<AnnotatedImage> images = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PerImage pi : rows.values()) {
            Path image = imgDir.resolve(pi.name);
            if (!Files.isRegularFile(image) && Files.isRegularFile(dir.resolve(pi.name))) {
                image = dir.resolve(pi.name);
            }
            if (!Files.isRegularFile(image)) {
                ctx.warn(csv, pi.line, "image not found: " + dir.relativize(imgDir.resolve(pi.name)) + "; photo skipped");
                continue;
            }
            seen.add(image.getFileName().toString());
            AnnotatedImage ai = SizeCheck.build(ctx, image, pi.width, pi.height, pi.faces, csv, pi.line);
            if (ai != null) {
                images.add(ai);
            }
        }
        for (Path img : ImageFiles.list(imgDir)) {
            if (!seen.contains(img.getFileName().toString()) && !rows.containsKey(img.getFileName().toString())) {
                AnnotatedImage ai = SizeCheck.build(ctx, img, 0, 0, List.of(), img, 0);
                if (ai != null) {
                    images.add(ai);
                }
            }
        }
        return ctx.finish(DatasetFormat.MAKESENSE_CSV, images);
    }

    private static boolean isHeader(List<String> f) {
        if (f.size() < 2) {
            return true;
        }
        try {
            Double.parseDouble(f.get(1).strip());
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Column positions from a header row; unknown names fall back to the standard order. */
    private static int[] headerColumns(List<String> header, Path csv, ReadContext ctx) {
        int[] col = {0, 1, 2, 3, 4, 5, 6, 7};
        List<String> names = header.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        if (!names.containsAll(COLUMNS)) {
            if (names.size() != 8) {
                ctx.warn(csv, 1, "header " + header + " does not name the columns " + COLUMNS + "; standard order assumed");
            }
            return col;
        }
        for (int i = 0; i < COLUMNS.size(); i++) {
            col[i] = names.indexOf(COLUMNS.get(i));
        }
        return col;
    }
}
