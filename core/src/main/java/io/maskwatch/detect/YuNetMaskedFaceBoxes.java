package io.maskwatch.detect;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MaskedFaceBoxes} from YuNet adapted to masked faces ({@code yunet-masked}), looking at each face up close.
 * Run over whole photos that model finds more masked faces, and backs of heads and hands too (docs/detection.md,
 * "YuNet adapted to masked faces"); asked only about faces already found, it adds no false face, and its box can mend a
 * half box. Each face is resized so that its longer side is {@link MaskedBoxConfig#faceSide} pixels, and a square tile
 * of {@link MaskedBoxConfig#context} times that side around it is run: one small run per face (192 px by default,
 * about a sixth of a 640 px pass). The model's highest-scoring box that overlaps the face by at least the link IoU is
 * the answer.
 */
public final class YuNetMaskedFaceBoxes implements MaskedFaceBoxes {

    /** As the detector's passes: a tiny face is not enlarged past this. */
    static final double MAX_ENLARGEMENT = DetectorConfig.DEFAULT.maxUpscale();

    private final TileModel model;
    private final MaskedBoxConfig config;

    /**
     * @param model          the adapted YuNet ({@value YuNetModel#MASKED_MODEL_ID})
     * @param intraOpThreads ONNX Runtime threads per run: 1 when images run in parallel, 0 = all cores
     */
    public YuNetMaskedFaceBoxes(Path model, MaskedBoxConfig config, int intraOpThreads) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.model = new YuNetModel(YuNetModel.MASKED_NAME, model, intraOpThreads);
    }

    @Override
    public List<Box> boxes(BufferedImage image, List<Box> faces) {
        if (faces.isEmpty()) {
            return List.of();
        }
        ImageTensor pixels = ImageTensor.of(image);
        List<Box> out = new ArrayList<>(faces.size());
        for (Box f : faces) {
            out.add(box(pixels, f));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** The model's box of the face at {@code face}, or null when it sees none there. */
    private Box box(ImageTensor pixels, Box face) {
        double side = Math.max(face.width(), face.height());
        double scale = Math.min(MAX_ENLARGEMENT, config.faceSide() / side);
        double half = config.context() * side / 2;
        ImageTensor.Region r = pixels.region(new Box(face.centerX() - half, face.centerY() - half,
                face.centerX() + half, face.centerY() + half), scale);
        if (r.width() < 2 || r.height() < 2) {
            return null;
        }
        Box best = null;
        double bestScore = 0;
        for (Face c : model.detect(pixels, scale, r.x(), r.y(), r.width(), r.height(), config.minScore())) {
            Box b = c.box().transform(1 / scale, r.x() / scale, r.y() / scale);
            if (c.score() > bestScore && b.iou(face) >= config.linkIou()) {
                bestScore = c.score();
                best = b;
            }
        }
        return best == null ? null : best.clip(pixels.width(), pixels.height());
    }

    @Override
    public void close() {
        model.close();
    }
}
