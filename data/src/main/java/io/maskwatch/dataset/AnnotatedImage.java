package io.maskwatch.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A photo of an annotated set: its file, its size as annotated, and its hand-annotated faces. */
public record AnnotatedImage(Path image, int width, int height, List<GroundTruthFace> faces) {

    public AnnotatedImage {
        Objects.requireNonNull(image, "image");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(image + ": image size must be positive: " + width + "x" + height);
        }
        faces = List.copyOf(faces);
    }

    /** The file name (no folders), the photo's identity in image lists and reports. */
    public String name() {
        return image.getFileName().toString();
    }
}
