package io.maskwatch.detect;

import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.dataset.GroundTruthFace;
import java.nio.file.Path;
import java.util.List;

/**
 * The annotated sets as the detector tests and the recall bench need them (photos and face boxes; labels do not
 * matter to a detector), read by the product's readers, so that these figures count the same faces as
 * {@code maskwatch evaluate}.
 */
final class AnnotatedPhotos {

    /** A photo and its annotated faces; {@code faces()} are their boxes. */
    record Photo(Path image, List<GroundTruthFace> truth) {
        List<Box> faces() {
            return truth.stream().map(GroundTruthFace::box).toList();
        }
    }

    private AnnotatedPhotos() {
    }

    /** Every photo of a VOC or makesense.ai CSV set, faceless ones included. */
    static List<Photo> read(Path dir) {
        return DatasetReaders.read(dir, DatasetOptions.DEFAULT).images().stream()
                .map(i -> new Photo(i.image(), i.faces()))
                .toList();
    }
}
