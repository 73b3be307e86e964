package io.maskwatch.masks;

import io.maskwatch.csv.CsvFiles;
import io.maskwatch.detect.Box;
import java.util.List;
import java.util.Locale;

/**
 * One generated face, one line of manifest.csv: its masked, unmasked and wrongly masked
 * ({@code misplacement}: below_nose or on_chin) crops. Paths are relative to the output folder; the box
 * and landmarks are in pixels of the written crops (masked and unmasked crops are the same region);
 * {@code region} (crop_x1..crop_y2) is that region in pixels of the source photo (the crops are it,
 * shrunk when it is larger than the run's maximum crop side).
 */
public record ManifestRow(int index, String fileMasked, String fileUnmasked, String fileIncorrect,
                          String misplacement, String source, String person,
                          String method, String template, String colouring, double yaw, Box box,
                          Box region, Landmarks68 landmarks,
                          long seed, long faceSeed) {

    public static final List<String> COLUMNS = List.of(
            "index", "file_masked", "file_unmasked", "file_incorrect", "misplacement", "source", "person", "method", "template", "colouring", "yaw",
            "box_x1", "box_y1", "box_x2", "box_y2", "crop_x1", "crop_y1", "crop_x2", "crop_y2", "landmarks", "seed", "face_seed");

    public static String header() {
        return String.join(",", COLUMNS);
    }

    public String csv() {
        return CsvFiles.line(index, fileMasked, fileUnmasked, fileIncorrect, misplacement, source, person, method,
                template, colouring, f1(yaw),
                f1(box.x1()), f1(box.y1()), f1(box.x2()), f1(box.y2()),
                f1(region.x1()), f1(region.y1()), f1(region.x2()), f1(region.y2()),
                landmarks.compact(), seed, faceSeed);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
