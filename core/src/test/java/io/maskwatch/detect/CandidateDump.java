package io.maskwatch.detect;

import io.maskwatch.image.ImageLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes every YuNet candidate of every pass of {@link DetectorConfig#DEFAULT}'s scales, before merging, in original
 * pixels (pass index, box, score, 5 landmarks), plus the ground-truth boxes, one CSV per set, for offline studies
 * of merge rules (docs/detection.md, "Spurious faces"). Not a test; run like DetectorRecallBench with
 * {@code -Ddump=DIR [-Dconfidence=0.3]}.
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
        try (YuNetDetector det = new YuNetDetector(SharedData.model(YuNetDetector.MODEL_ID), cfg, 1)) {
            for (String set : sets) {
                List<AnnotatedPhotos.Photo> photos = AnnotatedPhotos.read(SharedData.dataset(set));
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
                        for (int k = 0; k < scales.length; k++) {
                            double scale = scales[k];
                            int pw = Math.max(1, (int) Math.round(w * scale));
                            int ph = Math.max(1, (int) Math.round(h * scale));
                            int[] xs = MultiScaleDetector.tileStarts(pw, det.maxTile());
                            int[] ys = MultiScaleDetector.tileStarts(ph, det.maxTile());
                            int tw = Math.min(pw, det.maxTile());
                            int th = Math.min(ph, det.maxTile());
                            for (int ty : ys) {
                                for (int tx : xs) {
                                    for (Face f : det.detectTile(px, scale, tx, ty, tw, th, conf)) {
                                        Box b = f.box();
                                        boolean cut = (tx > 0 && b.x1() < 2) || (ty > 0 && b.y1() < 2)
                                                || (tx + tw < pw && b.x2() > tw - 2) || (ty + th < ph && b.y2() > th - 2);
                                        if (cut) {
                                            continue;
                                        }
                                        Face g = f.transform(1 / scale, tx / scale, ty / scale);
                                        StringBuilder sb = new StringBuilder();
                                        sb.append(String.format("det,%s,%d,%.4f,%.2f,%.2f,%.2f,%.2f,%.4f", img, k, scale,
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
