package io.maskwatch.masks;

import io.maskwatch.image.Resampler;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Face;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Masks the face of one photo: detect (largest face), 68 landmarks, sanity checks, seeded choice of
 * mask, paste, and the masked and unmasked crops of the same region. Thread-safe; holds no state
 * between photos.
 */
public final class FaceMasker {

    /** What happened to one photo: a manifest row and its two crops, or a skip reason. */
    public record Outcome(int index, String source, ManifestRow row, BufferedImage masked, BufferedImage unmasked,
                          BufferedImage incorrect, String reason, String detail) {

        public boolean generated() {
            return row != null;
        }

        static Outcome skipped(int index, String source, String reason, String detail) {
            return new Outcome(index, source, null, null, null, null, reason, detail);
        }
    }

    /** Skip reasons, as counted in the summary. */
    public static final String UNREADABLE = "unreadable";
    public static final String NO_FACE = "no_face";
    public static final String FACE_TOO_SMALL = "face_too_small";
    public static final String LANDMARKS_FAILED = "landmarks_failed";
    public static final String PLACEMENT_FAILED = "placement_failed";

    /** Share of wrongly worn masks placed under the nose (the rest are pulled down onto the chin). */
    public static final double P_BELOW_NOSE = 0.65;

    private final FaceDetector detector;
    private final Pfld68Landmarks landmarks;
    private final MaskDesigner designer;
    private final GenerateConfig config;

    public FaceMasker(FaceDetector detector, Pfld68Landmarks landmarks, TemplateLibrary library, GenerateConfig config) {
        this.detector = detector;
        this.landmarks = landmarks;
        this.designer = new MaskDesigner(library);
        this.config = config;
    }

    /**
     * @param index  the photo's position in the sorted list (drives its seed)
     * @param photo  the file
     * @param source its name relative to the faces folder (recorded in the manifest)
     * @param stem   base name of the output files
     */
    public Outcome process(int index, Path photo, String source, String stem) {
        BufferedImage image;
        try {
            image = ImageLoader.read(photo);
        } catch (IOException | RuntimeException e) {
            return Outcome.skipped(index, source, UNREADABLE, oneLine(e.getMessage()));
        }
        List<Face> faces = detector.detect(image);
        if (faces.isEmpty()) {
            return Outcome.skipped(index, source, NO_FACE, "no face detected");
        }
        Face face = faces.stream().max(Comparator.comparingDouble(f -> f.box().area())).orElseThrow();
        Box box = face.box();
        if (box.size() < config.minFace()) {
            return Outcome.skipped(index, source, FACE_TOO_SMALL,
                    String.format(java.util.Locale.ROOT, "largest face %.0fx%.0f px < %.0f px", box.width(), box.height(), config.minFace()));
        }
        // PFLD wants an upright face: turn the crop by the roll the detector's eyes show; if that
        // fails the checks (eyes misplaced on a profile), try the plain crop before giving up.
        double roll = Pfld68Landmarks.rollFromEyes(face.landmarks());
        Landmarks68 lm = landmarks.landmarks(image, box, roll);
        Optional<String> problem = LandmarkCheck.problem(lm, box, face.landmarks());
        if (problem.isPresent() && roll != 0) {
            Landmarks68 plain = landmarks.landmarks(image, box, 0);
            if (LandmarkCheck.problem(plain, box, face.landmarks()).isEmpty()) {
                lm = plain;
                problem = Optional.empty();
            }
        }
        if (problem.isPresent()) {
            return Outcome.skipped(index, source, LANDMARKS_FAILED, problem.get());
        }
        Box region = cropRegion(box, image.getWidth(), image.getHeight());
        long faceSeed = GenerateConfig.faceSeed(config.seed(), index);
        MaskDesign design;
        BufferedImage masked = copy(image);
        BufferedImage incorrect = copy(image);
        // The wrongly worn twin: the same template and colour (same seed), moved down the face, so the
        // only difference the classifier can learn between the two is where the mask sits.
        Random wrong = new Random(faceSeed ^ 0x5DEECE66DL);
        MaskPlacement.Misplacement kind = wrong.nextDouble() < P_BELOW_NOSE
                ? MaskPlacement.Misplacement.BELOW_NOSE : MaskPlacement.Misplacement.ON_CHIN;
        try {
            double light = meanLuminance(image, region);
            design = designer.design(new Random(faceSeed), lm, light);
            double noseChin = Landmarks68.dist(lm.get(Landmarks68.NOSE_BRIDGE), lm.get(Landmarks68.CHIN));
            if (paste(masked, design) < 0.5 * noseChin * noseChin) {
                return Outcome.skipped(index, source, PLACEMENT_FAILED, "mask covers only " + paste(copy(image), design) + " pixels");
            }
            MaskDesign moved = designer.design(new Random(faceSeed), lm, light, MaskPlacement.misplaced(lm, kind, wrong));
            int touched = paste(incorrect, moved);
            if (touched < 0.25 * noseChin * noseChin) {
                return Outcome.skipped(index, source, PLACEMENT_FAILED, "misplaced mask covers only " + touched + " pixels");
            }
        } catch (RuntimeException e) {
            return Outcome.skipped(index, source, PLACEMENT_FAILED, oneLine(e.getMessage()));
        }
        double scale = Math.min(1.0, config.maxCropSide() / Math.max(region.width(), region.height()));
        int ow = Math.max(1, (int) Math.round(region.width() * scale));
        int oh = Math.max(1, (int) Math.round(region.height() * scale));
        double sx = ow / region.width();
        double sy = oh / region.height();
        BufferedImage maskedCrop = Resampler.resample(masked, region, ow, oh);
        BufferedImage unmaskedCrop = Resampler.resample(image, region, ow, oh);
        BufferedImage incorrectCrop = Resampler.resample(incorrect, region, ow, oh);
        Box cropBox = new Box((box.x1() - region.x1()) * sx, (box.y1() - region.y1()) * sy,
                (box.x2() - region.x1()) * sx, (box.y2() - region.y1()) * sy);
        Landmarks68 cropLm = new Landmarks68(lm.points().stream()
                .map(p -> new io.maskwatch.detect.Point((p.x() - region.x1()) * sx, (p.y() - region.y1()) * sy)).toList());
        ManifestRow row = new ManifestRow(index, "masked/" + stem + ".jpg", "unmasked/" + stem + ".jpg",
                "incorrect/" + stem + ".jpg", kind.key(), source,
                personOf(source), design.method(), design.template(), design.colouring(), lm.yawDegrees(), cropBox,
                region, cropLm, config.seed(), faceSeed);
        return new Outcome(index, source, row, maskedCrop, unmaskedCrop, incorrectCrop, null, null);
    }

    private static int paste(BufferedImage target, MaskDesign design) {
        int touched = 0;
        for (MaskPlacement.Draw d : design.draws()) {
            touched += MaskWarp.paste(target, d.template(), d.toImage(), design.shading(), d.uMin(), d.uMax());
        }
        return touched;
    }

    /** A square of side cropExpand × the box's longer side about its centre, clipped to the photo, whole pixels. */
    Box cropRegion(Box box, int width, int height) {
        double side = config.cropExpand() * Math.max(box.width(), box.height());
        double x1 = Math.max(0, Math.floor(box.centerX() - side / 2));
        double y1 = Math.max(0, Math.floor(box.centerY() - side / 2));
        double x2 = Math.min(width, Math.ceil(box.centerX() + side / 2));
        double y2 = Math.min(height, Math.ceil(box.centerY() + side / 2));
        return new Box(x1, y1, Math.max(x2, x1 + 1), Math.max(y2, y1 + 1));
    }

    /** Person id: the "n000123" prefix of VGGFace2 names, else the photo's folder, else the file's stem. */
    static String personOf(String source) {
        String name = source.replace('\\', '/');
        String file = name.substring(name.lastIndexOf('/') + 1);
        var m = java.util.regex.Pattern.compile("^(n\\d+)_").matcher(file);
        if (m.find()) {
            return m.group(1);
        }
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
            String dir = name.substring(0, slash);
            return dir.substring(dir.lastIndexOf('/') + 1);
        }
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    static double meanLuminance(BufferedImage image, Box region) {
        byte[] b = Resampler.bgrBytes(image);
        int w = image.getWidth();
        int x0 = (int) region.x1(), y0 = (int) region.y1();
        int x1 = Math.min(w, (int) region.x2()), y1 = Math.min(image.getHeight(), (int) region.y2());
        int step = Math.max(1, (int) (Math.max(x1 - x0, y1 - y0) / 64));
        double sum = 0;
        int n = 0;
        for (int y = y0; y < y1; y += step) {
            for (int x = x0; x < x1; x += step) {
                int o = (y * w + x) * 3;
                sum += MaskTemplate.luminance(b[o + 2] & 0xff, b[o + 1] & 0xff, b[o] & 0xff);
                n++;
            }
        }
        return n == 0 ? 128 : sum / n;
    }

    static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        System.arraycopy(Resampler.bgrBytes(src), 0, Resampler.bgrBytes(out), 0, src.getWidth() * src.getHeight() * 3);
        return out;
    }

    private static String oneLine(String s) {
        return s == null ? "(no message)" : s.replaceAll("\\s+", " ").strip();
    }
}
