package io.maskwatch.dataset;

import io.maskwatch.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A list of photos of a set, one file name (or path relative to the set's folder) per line;
 * blank lines and lines starting with {@code #} are ignored. The training run writes the photos
 * it held out in this form so that evaluation can report on them only.
 */
public record ImageList(String source, List<String> names) {

    public ImageList {
        names = List.copyOf(names);
    }

    public static ImageList load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read image list: " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        for (String l : lines) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                names.add(s);
            }
        }
        if (names.isEmpty()) {
            throw new DatasetException(file + ": image list is empty");
        }
        return new ImageList(file.toString(), names);
    }

    public static ImageList of(Collection<AnnotatedImage> images) {
        return new ImageList("(in memory)", images.stream().map(AnnotatedImage::name).toList());
    }

    /** Writes the list, with a comment header (e.g. the seed and split that produced it). */
    public void write(Path file, String comment) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (comment != null) {
            for (String c : comment.split("\n")) {
                sb.append("# ").append(c).append('\n');
            }
        }
        names.forEach(n -> sb.append(n).append('\n'));
        AtomicFiles.writeString(file, sb.toString());
    }
}
