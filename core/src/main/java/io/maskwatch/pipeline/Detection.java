package io.maskwatch.pipeline;

import java.util.List;

/**
 * The result for one input: image size and faces in original (EXIF-rotated, as displayed) pixels,
 * or an error message when the input could not be processed (then width/height are 0, faces empty).
 */
public record Detection(String image, int width, int height, List<FaceResult> faces, String error) {

    public Detection {
        faces = List.copyOf(faces);
    }

    public static Detection failed(String image, String error) {
        return new Detection(image, 0, 0, List.of(), error);
    }

    public boolean ok() {
        return error == null;
    }

    public long unmaskedCount() {
        return faces.stream().filter(f -> f.label() == Label.UNMASKED).count();
    }

    /** Faces with a mask worn incorrectly (nose or mouth uncovered). */
    public long incorrectCount() {
        return faces.stream().filter(f -> f.label() == Label.INCORRECT).count();
    }
}
