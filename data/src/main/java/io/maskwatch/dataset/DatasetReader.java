package io.maskwatch.dataset;

import java.nio.file.Path;

/**
 * Reads one annotation layout. Every implementation passes the same contract tests: the same set
 * written in any layout reads back to the same photos and boxes, with the same warnings.
 */
public interface DatasetReader {

    DatasetFormat format();

    /** Whether the folder looks like a set in this layout. */
    boolean accepts(Path dir);

    /**
     * Reads the set. Problems it can work around become warnings (file and line); unknown labels,
     * and in strict mode any warning, throw a {@link DatasetException}.
     */
    Dataset read(Path dir, DatasetOptions options);
}
