package io.maskwatch.detect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The model-independent part of a detector: runs the passes of {@link DetectorConfig#scales}, cuts a pass into
 * tiles when it is bigger than the model's input, maps every face back to original pixels and merges all
 * passes with NMS and the containment filter. The model that turns one tile into faces is composed, not
 * subclassed ({@link TileModel}); the merging steps are static functions of the config and the candidates.
 */
public final class MultiScaleDetector implements FaceDetector {

    /** Tiles overlap by this many pixels of the resized photo; faces cut by a tile edge are found whole next door. */
    static final int TILE_OVERLAP = 128;
    /** A face this close (pixels) to a tile edge that is not the photo's edge is taken to be cut by it. */
    private static final double EDGE_MARGIN = 2;
    /**
     * A face whose shorter side is below this many pixels at the first pass's scale is too small for that pass
     * to see, so it is not asked to be confirmed (the small faces of a big photo that the detail pass is for).
     */
    static final double MIN_CONFIRMABLE = 10;
    /** Candidates kept per tile before merging (as in RetinaFace's reference code). */
    private static final int PRE_NMS_TOP_K = 5000;

    private final TileModel model;
    private final DetectorConfig config;

    /** Takes ownership of {@code model} (closed with this detector). */
    MultiScaleDetector(TileModel model, DetectorConfig config) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public DetectorConfig config() { return config; }

    @Override
    public String name() { return model.name(); }

    @Override
    public void close() { model.close(); }

    @Override
    public List<Face> detect(BufferedImage image) {
        ImageTensor pixels = ImageTensor.of(image);
        int w = pixels.width();
        int h = pixels.height();
        List<Face> candidates = new ArrayList<>();
        List<Integer> passOf = new ArrayList<>();
        double minScore = config.candidateScore();
        double[] scales = config.scales(w, h);
        for (int k = 0; k < scales.length; k++) {
            if (k == 1 && !needsDetail(config, candidates, scales[0])) {
                break;
            }
            double scale = scales[k];
            // faces at least this big (pixels of this pass) belong to the previous pass
            double handover = k == 0 || config.handoverSize() == 0 ? Double.POSITIVE_INFINITY
                    : config.handoverSize() * scale / scales[k - 1];
            int pw = Math.max(1, (int) Math.round(w * scale));
            int ph = Math.max(1, (int) Math.round(h * scale));
            int[] xs = tileStarts(pw, model.maxTile());
            int[] ys = tileStarts(ph, model.maxTile());
            int tw = Math.min(pw, model.maxTile());
            int th = Math.min(ph, model.maxTile());
            for (int ty : ys) {
                for (int tx : xs) {
                    List<Face> tile = model.detect(pixels, scale, tx, ty, tw, th, minScore);
                    tile = topK(tile, PRE_NMS_TOP_K);
                    for (Face f : tile) {
                        Box b = f.box();
                        boolean cut = (tx > 0 && b.x1() < EDGE_MARGIN) || (ty > 0 && b.y1() < EDGE_MARGIN)
                                || (tx + tw < pw && b.x2() > tw - EDGE_MARGIN)
                                || (ty + th < ph && b.y2() > th - EDGE_MARGIN);
                        boolean big = Math.max(b.width(), b.height()) >= handover;
                        if (!cut && !big) {
                            candidates.add(f.transform(1 / scale, tx / scale, ty / scale));
                            passOf.add(k);
                        }
                    }
                }
            }
        }
        return merge(config, confirmed(config, candidates, passOf, scales[0]), w, h);
    }

    /**
     * Whether the passes after the first are worth running, from the first pass's candidates (in original pixels,
     * first pass only): always when {@code config.detailTrigger()} is 0; else when there is no candidate, or one
     * whose shorter side at the first pass's scale is under the trigger (a small face, likely among smaller ones).
     */
    static boolean needsDetail(DetectorConfig config, List<Face> firstPass, double firstScale) {
        if (config.detailTrigger() == 0 || firstPass.isEmpty()) {
            return true;
        }
        for (Face f : firstPass) {
            if (Math.min(f.box().width(), f.box().height()) * firstScale < config.detailTrigger()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The candidates at or above {@code config.confidence()}, less the faces of later passes that score below
     * {@code config.unconfirmedConfidence()}, are not too small for the first pass ({@link #MIN_CONFIRMABLE}
     * at {@code firstScale}) and that no candidate of another pass (score at least
     * {@code config.confirmScore()}, IoU above {@code config.nmsIou()}) confirms.
     */
    static List<Face> confirmed(DetectorConfig config, List<Face> candidates, List<Integer> passOf,
                                double firstScale) {
        List<Face> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Face f = candidates.get(i);
            if (f.score() < config.confidence()) {
                continue;
            }
            int pass = passOf.get(i);
            boolean keep = pass == 0 || !config.confirms() || f.score() >= config.unconfirmedConfidence()
                    || Math.min(f.box().width(), f.box().height()) * firstScale < MIN_CONFIRMABLE;
            for (int j = 0; !keep && j < candidates.size(); j++) {
                Face o = candidates.get(j);
                keep = passOf.get(j) != pass && o.score() >= config.confirmScore()
                        && o.box().iou(f.box()) > config.nmsIou();
            }
            if (keep) {
                out.add(f);
            }
        }
        return out;
    }

    /** NMS over all passes, then the containment filter, then boxes clipped to the photo. */
    static List<Face> merge(DetectorConfig config, List<Face> candidates, int w, int h) {
        List<Face> kept = Nms.suppress(candidates, config.nmsIou());
        kept = Nms.dropContained(kept, config.containment(), config.containerAreaRatio());
        List<Face> out = new ArrayList<>(Math.min(kept.size(), config.maxFaces()));
        for (Face f : kept) {
            Box b = f.box().clip(w, h);
            if (b.width() >= 1 && b.height() >= 1) {
                out.add(new Face(b, f.score(), f.landmarks()));
            }
            if (out.size() == config.maxFaces()) {
                break;
            }
        }
        return List.copyOf(out);
    }

    /** Start offsets of tiles of side at most {@code tile} covering {@code length}, overlapping by TILE_OVERLAP. */
    static int[] tileStarts(int length, int tile) {
        if (length <= tile) {
            return new int[] {0};
        }
        int n = (int) Math.ceil((length - TILE_OVERLAP) / (double) (tile - TILE_OVERLAP));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) Math.round(i * (length - tile) / (double) (n - 1));
        }
        return out;
    }

    private static List<Face> topK(List<Face> faces, int k) {
        if (faces.size() <= k) {
            return faces;
        }
        List<Face> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble(Face::score).reversed());
        return sorted.subList(0, k);
    }
}
