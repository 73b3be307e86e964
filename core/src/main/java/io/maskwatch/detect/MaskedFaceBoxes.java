package io.maskwatch.detect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A detector whose faces carry a second box ({@link Face#maskedBox}): the one YuNet adapted to masked faces
 * ({@code yunet-masked}) draws around each face, looking at it up close. On a masked face the original YuNet often
 * boxes the eyes and nose only; the adapted model boxes the whole face, but run over whole photos it also finds
 * backs of heads and hands (docs/detection.md). Asked only about faces already found, it adds no false face, and
 * its box can mend a half box. Each face is resized so that its longer side is {@link MaskedBoxConfig#faceSide}
 * pixels and a square tile of {@link MaskedBoxConfig#context} times that side around it is run: one small run per
 * face. The adapted model's highest-scoring box that overlaps the face by at least the link IoU is the face's
 * masked box. Thread-safe when the wrapped detector is.
 */
public final class MaskedFaceBoxes implements FaceDetector {

    /** As the detector's passes (DetectorConfig's default): a tiny face is not enlarged past this. */
    static final double MAX_ENLARGEMENT = 4;

    private final FaceDetector faces;
    private final TileModel masked;
    private final MaskedBoxConfig config;

    /** Takes ownership of both. */
    MaskedFaceBoxes(FaceDetector faces, TileModel masked, MaskedBoxConfig config) {
        this.faces = java.util.Objects.requireNonNull(faces, "faces");
        this.masked = java.util.Objects.requireNonNull(masked, "masked");
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return faces.name();
    }

    @Override
    public List<Face> detect(BufferedImage image) {
        List<Face> found = faces.detect(image);
        if (found.isEmpty()) {
            return found;
        }
        ImageTensor pixels = ImageTensor.of(image);
        List<Face> out = new ArrayList<>(found.size());
        for (Face f : found) {
            out.add(f.withMaskedBox(maskedBox(pixels, f.box())));
        }
        return List.copyOf(out);
    }

    /** The adapted model's box of the face at {@code box}, or null when it sees none there. */
    Box maskedBox(ImageTensor pixels, Box box) {
        double side = Math.max(box.width(), box.height());
        double scale = Math.min(MAX_ENLARGEMENT, config.faceSide() / side);
        double half = config.context() * side / 2;
        int pw = (int) Math.round(pixels.width() * scale);
        int ph = (int) Math.round(pixels.height() * scale);
        int x1 = Math.max(0, (int) Math.floor((box.centerX() - half) * scale));
        int y1 = Math.max(0, (int) Math.floor((box.centerY() - half) * scale));
        int x2 = Math.min(pw, (int) Math.ceil((box.centerX() + half) * scale));
        int y2 = Math.min(ph, (int) Math.ceil((box.centerY() + half) * scale));
        if (x2 - x1 < 2 || y2 - y1 < 2) {
            return null;
        }
        Box best = null;
        double bestScore = 0;
        for (Face c : masked.detect(pixels, scale, x1, y1, x2 - x1, y2 - y1, config.minScore())) {
            Box b = c.box().transform(1 / scale, x1 / scale, y1 / scale);
            if (c.score() > bestScore && b.iou(box) >= config.linkIou()) {
                bestScore = c.score();
                best = b;
            }
        }
        return best == null ? null : best.clip(pixels.width(), pixels.height());
    }

    @Override
    public void close() {
        try {
            faces.close();
        } finally {
            masked.close();
        }
    }
}
