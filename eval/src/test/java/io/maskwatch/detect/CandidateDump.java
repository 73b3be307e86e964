package io.maskwatch.detect;

import io.maskwatch.image.ImageLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes every YuNet candidate of every pass of {@link DetectorConfig#DEFAULT}'s scales, before merging, in original
 * pixels (pass index, box, score, 5 landmarks), plus the ground-truth boxes, one CSV per set, for offline studies
 * of merge rules (docs/detection.md, "Spurious faces"). With {@code -Dretina=true} also RetinaFace's candidates
 * at a 640 px long side (pass index 9), for fusion studies. Not a test; run like DetectorRecallBench with
 * {@code -Ddump=DIR [-Dconfidence=0.3] [-Dimages=LIST] [-Dsets=...]}.
 */
public final class CandidateDump {

    private CandidateDump() {
    }

    public static void main(String[] args) throws Exception {
        String[] sets = System.getProperty("sets", "reference-photos-validation,kaggle-face-mask-voc").split(",");
        double conf = Double.parseDouble(System.getProperty("confidence", "0.3"));
        DetectorConfig cfg = DetectorConfig.DEFAULT.withConfidence(conf).withConfirmation(0, 1);
        Path dir = Path.of(System.getProperty("dump", "out/candidates"));
        Files.createDirectories(dir);
        boolean retina = Boolean.getBoolean("retina");
        try (YuNetModel det = new YuNetModel(SharedData.model(YuNetModel.MODEL_ID), 1);
             RetinaFaceModel rf = retina ? new RetinaFaceModel(SharedData.model(RetinaFaceModel.MODEL_ID), 1) : null) {
            for (String set : sets) {
                List<AnnotatedPhotos.Photo> photos = AnnotatedPhotos.read(SharedData.dataset(set));
                String only = System.getProperty("images");   // a file of image names, e.g. the Kaggle held-out list
                if (only != null) {
                    java.util.Set<String> keep = new java.util.HashSet<>(Files.readAllLines(Path.of(only)));
                    photos = photos.stream().filter(p -> keep.contains(p.image().getFileName().toString())).toList();
                }
                try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve(set + ".csv")))) {
                    for (AnnotatedPhotos.Photo p : photos) {
                        String img = p.image().getFileName().toString();
                        ImageTensor px = ImageTensor.of(ImageLoader.read(p.image()));
                        int w = px.width();
                        int h = px.height();
                        out.printf("size,%s,%d,%d%n", img, w, h);
                        for (Box t : p.faces()) {
                            out.printf("gt,%s,%.2f,%.2f,%.2f,%.2f%n", img, t.x1(), t.y1(), t.x2(), t.y2());
                        }
                        double[] scales = cfg.scales(w, h);
                        int passes = scales.length + (retina ? 1 : 0);
                        for (int k = 0; k < passes; k++) {
                            TileModel m = k < scales.length ? det : rf;
                            double scale = k < scales.length ? scales[k] : Math.min(4, 640.0 / Math.max(w, h));
                            int pass = k < scales.length ? k : 9;
                            int pw = Math.max(1, (int) Math.round(w * scale));
                            int ph = Math.max(1, (int) Math.round(h * scale));
                            int[] xs = MultiScaleDetector.tileStarts(pw, m.maxTile());
                            int[] ys = MultiScaleDetector.tileStarts(ph, m.maxTile());
                            int tw = Math.min(pw, m.maxTile());
                            int th = Math.min(ph, m.maxTile());
                            for (int ty : ys) {
                                for (int tx : xs) {
                                    for (Face f : m.detect(px, scale, tx, ty, tw, th, conf)) {
                                        Box b = f.box();
                                        boolean cut = (tx > 0 && b.x1() < 2) || (ty > 0 && b.y1() < 2)
                                                || (tx + tw < pw && b.x2() > tw - 2) || (ty + th < ph && b.y2() > th - 2);
                                        if (cut) {
                                            continue;
                                        }
                                        Face g = f.transform(1 / scale, tx / scale, ty / scale);
                                        StringBuilder sb = new StringBuilder();
                                        sb.append(String.format("det,%s,%d,%.4f,%.2f,%.2f,%.2f,%.2f,%.4f", img, pass, scale,
                                                g.box().x1(), g.box().y1(), g.box().x2(), g.box().y2(), g.score()));
                                        for (Point q : g.landmarks()) {
                                            sb.append(String.format(",%.2f,%.2f", q.x(), q.y()));
                                        }
                                        out.println(sb);
                                    }
                                }
                            }
                        }
                    }
                }
                System.out.println("wrote " + dir.resolve(set + ".csv"));
            }
        }
    }
}
