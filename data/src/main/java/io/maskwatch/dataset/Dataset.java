package io.maskwatch.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An annotated set as read from disk: its photos (in natural file-name order), the label mapping
 * used, and the warnings met while reading.
 */
public record Dataset(Path dir, DatasetFormat format, LabelMap labels, List<AnnotatedImage> images,
                      List<DatasetWarning> warnings) {

    public Dataset {
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
    }

    public int faceCount() {
        return images.stream().mapToInt(i -> i.faces().size()).sum();
    }

    /** Number of faces of each class (every class present, 0 when absent). */
    public Map<FaceClass, Integer> classCounts() {
        Map<FaceClass, Integer> m = new EnumMap<>(FaceClass.class);
        for (FaceClass c : FaceClass.values()) {
            m.put(c, 0);
        }
        for (AnnotatedImage i : images) {
            for (GroundTruthFace f : i.faces()) {
                m.merge(f.cls(), 1, Integer::sum);
            }
        }
        return m;
    }

    /**
     * This set limited to the photos of a list (matched by file name, or by path relative to the set).
     * Names in the list that are not in the set are an error naming them: a stale list must not
     * silently shrink a report.
     */
    public Dataset restrictTo(ImageList list) {
        Map<String, AnnotatedImage> byName = new HashMap<>();
        for (AnnotatedImage i : images) {
            byName.put(i.name(), i);
            byName.put(dir.relativize(i.image()).toString().replace('\\', '/'), i);
        }
        Set<AnnotatedImage> kept = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String n : list.names()) {
            AnnotatedImage i = byName.get(n);
            if (i == null) {
                i = byName.get(Path.of(n).getFileName().toString());
            }
            if (i == null) {
                unknown.add(n);
            } else {
                kept.add(i);
            }
        }
        if (!unknown.isEmpty()) {
            throw new DatasetException(list.source() + ": " + unknown.size() + " photo(s) not in " + dir + ": "
                    + String.join(", ", unknown.subList(0, Math.min(10, unknown.size())))
                    + (unknown.size() > 10 ? ", ..." : ""));
        }
        List<AnnotatedImage> ordered = images.stream().filter(kept::contains).toList();
        return new Dataset(dir, format, labels, ordered, warnings);
    }
}
