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
    /**
     * A big photo where the first pass found nothing gets a scout pass at this many times the first pass's scale
     * (640 -> 1920 px, one tile) before its detail pass, when the detail pass is larger still.
     */
    static final double SCOUT_STEP = 3;
    /** The detail region reaches this many times the largest small face beyond the small faces. */
    static final double REGION_GROWTH = 2.0;
    /**
     * The coarse pass keeps only faces whose longer side is at least this share of the photo's longer side: the faces
     * of a close-up, which the 640 px pass sees larger than its model's largest anchors (docs/detection.md, "Close-ups").
     * Smaller faces are the other passes' to find, with the boxes they always had.
     */
    static final double COARSE_FACE_SHARE = 0.3;
    /**
     * A coarse pass runs only where it has something to look at: a face of the first pass that it would see at least
     * this many pixels long (at 320 px, a face of a fifth of the photo: the eyes-and-nose box of a face too big for
     * the first pass), or a photo where the first pass found no face at all. That is about half of the annotated
     * sets' photos for the 320 px pass, fewer for smaller ones, and every close-up measured (docs/detection.md,
     * "Close-ups").
     */
    static final double COARSE_TRIGGER = 64;
    /**
     * The coarse passes run smallest first, and a big face scoring at least this settles the photo: the larger
     * coarse passes are skipped (they are for the faces the smaller one sees too blurred to be sure of).
     */
    static final double COARSE_SETTLED = 0.8;
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
        double[] scales = config.scales(w, h);
        Box whole = new Box(0, 0, w, h);
        search(pixels, scales[0], 0, whole, 0, candidates, passOf);
        List<Face> firstPass = List.copyOf(candidates);
        if (scales.length > 1) {
            double gateScale = scales[0];   // the scale of the candidates that say where the detail pass runs
            boolean scouted = false;
            if (candidates.isEmpty() && config.detailTrigger() > 0 && scales[1] > SCOUT_STEP * scales[0]) {
                // Nothing at the first scale of a big photo: a scout pass at an intermediate scale (640 -> 1920 px)
                // over the whole photo says where the detail pass is needed, or that it is not (a 12 Mpx photo
                // without faces cost 2 s of detail pass; now about 0.2 s).
                gateScale = SCOUT_STEP * scales[0];
                search(pixels, gateScale, scales[0], whole, 1, candidates, passOf);
                scouted = true;
            }
            Box region = scouted && candidates.isEmpty() ? null : detailRegion(config, candidates, gateScale, w, h);
            for (int k = 1; k < scales.length && region != null; k++) {
                search(pixels, scales[k], scales[k - 1], region, k + 1, candidates, passOf);
            }
        }
        boolean settled = false;
        for (double coarse : config.coarseScales(w, h)) {
            if (settled || !coarseNeeded(config, firstPass, coarse)) {
                continue;
            }
            List<Face> big = new ArrayList<>();
            search(pixels, coarse, 0, whole, 0, big, new ArrayList<>());
            double minSide = COARSE_FACE_SHARE * Math.max(w, h);
            for (Face f : big) {
                if (Math.max(f.box().width(), f.box().height()) >= minSide) {
                    candidates.add(f);
                    passOf.add(0);   // like the first pass's faces, they need no other pass to confirm them
                    settled |= f.score() >= COARSE_SETTLED;
                }
            }
        }
        return merge(config, confirmed(config, candidates, passOf, scales[0]), w, h);
    }

    /**
     * One pass: the region (original pixels) of the photo resized by {@code scale}, in tiles; its faces join
     * {@code candidates} in original pixels, tagged {@code pass} in {@code passOf}.
     */
    private void search(ImageTensor pixels, double scale, double previousScale, Box region, int pass,
                        List<Face> candidates, List<Integer> passOf) {
        // faces at least this big (pixels of this pass) belong to the previous pass
        double handover = previousScale == 0 || config.handoverSize() == 0 ? Double.POSITIVE_INFINITY
                : config.handoverSize() * scale / previousScale;
        int pw = pixels.width(scale);
        int ph = pixels.height(scale);
        ImageTensor.Region r = pixels.region(region, scale);
        int rx = r.x(), ry = r.y(), rw = r.width(), rh = r.height();
        int[] xs = tileStarts(rw, model.maxTile(), rx);
        int[] ys = tileStarts(rh, model.maxTile(), ry);
        int tw = Math.min(rw, model.maxTile());
        int th = Math.min(rh, model.maxTile());
        for (int ty : ys) {
            for (int tx : xs) {
                List<Face> tile = model.detect(pixels, scale, tx, ty, tw, th, config.candidateScore());
                tile = topK(tile, PRE_NMS_TOP_K);
                for (Face f : tile) {
                    Box b = f.box();
                    boolean cut = (tx > 0 && b.x1() < EDGE_MARGIN) || (ty > 0 && b.y1() < EDGE_MARGIN)
                            || (tx + tw < pw && b.x2() > tw - EDGE_MARGIN)
                            || (ty + th < ph && b.y2() > th - EDGE_MARGIN);
                    boolean big = Math.max(b.width(), b.height()) >= handover;
                    if (!cut && !big) {
                        candidates.add(f.transform(1 / scale, tx / scale, ty / scale));
                        passOf.add(pass);
                    }
                }
            }
        }
    }

    /** Whether the first pass's faces call for a coarse pass at {@code coarseScale} ({@link #COARSE_TRIGGER}). */
    static boolean coarseNeeded(DetectorConfig config, List<Face> firstPass, double coarseScale) {
        boolean any = false;
        for (Face f : firstPass) {
            if (f.score() >= config.confidence()) {
                if (Math.max(f.box().width(), f.box().height()) * coarseScale >= COARSE_TRIGGER) {
                    return true;
                }
                any = true;
            }
        }
        return !any;
    }

    /**
     * Where the passes after the first run, from the first pass's candidates (original pixels): the whole photo
     * when {@code config.detailTrigger()} is 0 or when the first pass found no candidate at all (on a big photo the
     * scout pass's candidates are asked instead: see {@link #SCOUT_STEP}). Otherwise only
     * around the small candidates (shorter side under the trigger at the first pass's scale): their bounding box
     * grown on every side by {@link #REGION_GROWTH} times the longest side among them. Null: no small candidate,
     * the detail passes are skipped (every face in the photo is large enough for the first pass). Big photos are
     * no exception: a face too small for the first pass alone in a photo with larger faces is the price (until
     * issue 10's fourth round, photos over 1280 px had their whole detail pass, at full resolution: 2 s of CPU
     * for a 12 Mpx photo; docs/detection.md).
     */
    static Box detailRegion(DetectorConfig config, List<Face> firstPass, double firstScale, int w, int h) {
        Box whole = new Box(0, 0, w, h);
        if (config.detailTrigger() == 0 || firstPass.isEmpty()) {
            return whole;
        }
        double x1 = Double.POSITIVE_INFINITY, y1 = Double.POSITIVE_INFINITY, x2 = Double.NEGATIVE_INFINITY,
                y2 = Double.NEGATIVE_INFINITY, longest = 0;
        for (Face f : firstPass) {
            Box b = f.box();
            if (b.size() * firstScale < config.detailTrigger()) {
                x1 = Math.min(x1, b.x1());
                y1 = Math.min(y1, b.y1());
                x2 = Math.max(x2, b.x2());
                y2 = Math.max(y2, b.y2());
                longest = Math.max(longest, Math.max(b.width(), b.height()));
            }
        }
        if (longest == 0) {
            return null;
        }
        double grow = REGION_GROWTH * longest;
        return new Box(Math.max(0, x1 - grow), Math.max(0, y1 - grow), Math.min(w, x2 + grow), Math.min(h, y2 + grow));
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

    /** {@link #tileStarts(int, int)} shifted by {@code offset}. */
    static int[] tileStarts(int length, int tile, int offset) {
        int[] out = tileStarts(length, tile);
        for (int i = 0; i < out.length; i++) {
            out[i] += offset;
        }
        return out;
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
