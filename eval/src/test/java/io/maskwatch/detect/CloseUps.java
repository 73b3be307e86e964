package io.maskwatch.detect;

import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.image.ImageEncoder;
import io.maskwatch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Close-ups cut from an annotated set: each face of at least {@code minSize} px becomes a square photo whose side its
 * box's longer side fills to {@code fill} (moved inside the photo where the face is near an edge; faces that cannot
 * be that close are left out), with every annotated face lying wholly inside it. For the detector contract test and,
 * run as a program, for the close-up sets of docs/detection.md ("Close-ups"):
 * {@code CloseUps SET_DIR OUT_DIR FILL [IMAGE_LIST]} writes {@code OUT_DIR/images} and {@code OUT_DIR/annotations.csv},
 * a set {@code maskwatch evaluate} reads; with an image list (as {@code --images-from} takes, e.g. the Kaggle photos
 * held out of training), only those photos.
 */
final class CloseUps {

    /** One close-up: its pixels, the photo and face it was cut for, and the annotated faces inside it. */
    record CloseUp(String name, BufferedImage image, Box face, List<GroundTruthFace> faces) {
    }

    private CloseUps() {
    }

    static List<CloseUp> cut(AnnotatedPhotos.Photo photo, BufferedImage src, double fill, double minSize) {
        List<CloseUp> out = new ArrayList<>();
        String stem = photo.image().getFileName().toString().replaceFirst("\\.[^.]+$", "");
        List<Box> boxes = photo.faces();
        for (int k = 0; k < boxes.size(); k++) {
            Box face = boxes.get(k);
            int side = (int) (Math.max(face.width(), face.height()) / fill);
            if (face.size() < minSize || side > Math.min(src.getWidth(), src.getHeight())) {
                continue;
            }
            int x0 = (int) Math.min(Math.max(0, face.centerX() - side / 2.0), src.getWidth() - side);
            int y0 = (int) Math.min(Math.max(0, face.centerY() - side / 2.0), src.getHeight() - side);
            List<GroundTruthFace> inside = new ArrayList<>();
            for (GroundTruthFace g : photo.truth()) {
                Box b = g.box();
                if (b.x1() >= x0 && b.y1() >= y0 && b.x2() <= x0 + side && b.y2() <= y0 + side) {
                    inside.add(new GroundTruthFace(b.transform(1, -x0, -y0), g.rawLabel(), g.cls()));
                }
            }
            out.add(new CloseUp(stem + "-" + k + ".jpg", src.getSubimage(x0, y0, side, side),
                    face.transform(1, -x0, -y0), inside));
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Path set = Path.of(args[0]);
        Path out = Path.of(args[1]);
        double fill = Double.parseDouble(args[2]);
        Files.createDirectories(out.resolve("images"));
        StringBuilder csv = new StringBuilder("label,x,y,w,h,image,image_w,image_h\n");
        int n = 0;
        java.util.Set<String> only = args.length > 3
                ? java.util.Set.copyOf(io.maskwatch.dataset.ImageList.load(Path.of(args[3])).names()) : null;
        for (AnnotatedPhotos.Photo photo : AnnotatedPhotos.read(set)) {
            if (only != null && !only.contains(photo.image().getFileName().toString())) {
                continue;
            }
            if (photo.faces().stream().noneMatch(f -> f.size() >= 60)) {
                continue;
            }
            for (CloseUp c : cut(photo, ImageLoader.read(photo.image()), fill, 60)) {
                ImageEncoder.write(c.image(), "jpg", 0.95f, out.resolve("images").resolve(c.name()));
                for (GroundTruthFace g : c.faces()) {
                    Box b = g.box();
                    csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%s,%d,%d%n", g.rawLabel(), Math.round(b.x1()),
                            Math.round(b.y1()), Math.round(b.width()), Math.round(b.height()), c.name(),
                            c.image().getWidth(), c.image().getHeight()));
                }
                n++;
            }
        }
        Files.writeString(out.resolve("annotations.csv"), csv);
        System.out.println(n + " close-ups at fill " + fill + " in " + out);
    }
}
