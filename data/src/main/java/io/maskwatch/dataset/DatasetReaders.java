package io.maskwatch.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens an annotated set in whichever layout it is written (PASCAL VOC or makesense.ai CSV). */
public final class DatasetReaders {

    private static final System.Logger LOG = System.getLogger(DatasetReaders.class.getName());

    /** Every reader, in the order they are tried. */
    public static final List<DatasetReader> ALL = List.of(new VocReader(), new MakesenseCsvReader());

    private DatasetReaders() {
    }

    /** The photos of a set with the default labels, not strict; warnings go to the log. */
    public static List<AnnotatedImage> open(Path dir) {
        Dataset d = read(dir, DatasetOptions.DEFAULT);
        d.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w.toString()));
        return d.images();
    }

    /** The reader for a folder's layout, or an error saying what was expected. */
    public static DatasetReader detect(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
        List<DatasetReader> matches = ALL.stream().filter(r -> r.accepts(dir)).toList();
        if (matches.isEmpty()) {
            throw new DatasetException(dir + ": not an annotated set: expected annotations/*.xml + images/ (PASCAL VOC)"
                    + " or annotations.csv + images/ (makesense.ai CSV)");
        }
        if (matches.size() > 1) {
            throw new DatasetException(dir + ": holds both annotations/*.xml and annotations.csv; keep one layout per folder");
        }
        return matches.get(0);
    }

    /** Reads a set, detecting its layout. */
    public static Dataset read(Path dir, DatasetOptions options) {
        return detect(dir).read(dir, options);
    }
}
