package io.maskwatch.dataset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A small hand-made annotated set, and writers for it in each layout the readers understand. */
final class SampleSet {

    record Face(String label, double x1, double y1, double x2, double y2) {
    }

    record Photo(String name, int width, int height, List<Face> faces) {
    }

    /** Two photos with faces (incl. one of each default class) and one without; names sort naturally. */
    static final List<Photo> PHOTOS = List.of(
            new Photo("photo2.jpg", 64, 48, List.of(
                    new Face("with_mask", 10, 10, 30, 34),
                    new Face("no_mask", 40, 5, 60, 25))),
            new Photo("photo10.png", 100, 80, List.of(
                    new Face("without_mask", 0, 0, 20, 20),
                    new Face("mask_weared_incorrect", 50, 40, 90, 80),
                    new Face("Masked", 21.5, 30.25, 45.5, 60.75))),
            new Photo("photo11.jpg", 50, 50, List.of()));

    interface Writer {
        /** Writes photos (real image files of the given sizes) and their annotations into dir. */
        void write(Path dir, List<Photo> photos) throws IOException;
    }

    static void writeImages(Path dir, List<Photo> photos) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        for (Photo p : photos) {
            BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.ORANGE);
            g.fillRect(0, 0, p.width() / 2, p.height() / 2);
            g.dispose();
            String ext = p.name().substring(p.name().lastIndexOf('.') + 1);
            if (!ImageIO.write(img, ext.equals("jpg") ? "jpeg" : ext, images.resolve(p.name()).toFile())) {
                throw new IOException("no writer for " + ext);
            }
        }
    }

    static final Writer VOC = (dir, photos) -> {
        writeImages(dir, photos);
        Path ann = Files.createDirectories(dir.resolve("annotations"));
        for (Photo p : photos) {
            StringBuilder sb = new StringBuilder();
            sb.append("<annotation>\n");
            sb.append("    <folder>images</folder>\n");
            sb.append("    <filename>").append(p.name()).append("</filename>\n");
            sb.append("    <size>\n");
            sb.append("        <width>").append(p.width()).append("</width>\n");
            sb.append("        <height>").append(p.height()).append("</height>\n");
            sb.append("        <depth>3</depth>\n");
            sb.append("    </size>\n");
            for (Face f : p.faces()) {
                sb.append("    <object>\n");
                sb.append("        <name>").append(f.label()).append("</name>\n");
                sb.append("        <bndbox>\n");
                sb.append("            <xmin>").append(num(f.x1())).append("</xmin>\n");
                sb.append("            <ymin>").append(num(f.y1())).append("</ymin>\n");
                sb.append("            <xmax>").append(num(f.x2())).append("</xmax>\n");
                sb.append("            <ymax>").append(num(f.y2())).append("</ymax>\n");
                sb.append("        </bndbox>\n");
                sb.append("    </object>\n");
            }
            sb.append("</annotation>\n");
            Files.writeString(ann.resolve(xmlName(p)), sb);
        }
    };

    static String xmlName(Photo p) {
        return p.name().substring(0, p.name().lastIndexOf('.')) + ".xml";
    }

    /** makesense.ai CSV with a header; photos without faces get no row (as makesense exports them). */
    static final Writer CSV = (dir, photos) -> {
        writeImages(dir, photos);
        StringBuilder sb = new StringBuilder("label,x,y,w,h,image,image_w,image_h\n");
        for (Photo p : photos) {
            for (Face f : p.faces()) {
                sb.append(f.label()).append(',').append(num(f.x1())).append(',').append(num(f.y1())).append(',')
                        .append(num(f.x2() - f.x1())).append(',').append(num(f.y2() - f.y1())).append(',')
                        .append(io.maskwatch.csv.CsvFiles.line(p.name())).append(',').append(p.width()).append(',')
                        .append(p.height()).append('\n');
            }
        }
        Files.writeString(dir.resolve("annotations.csv"), sb);
    };

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private SampleSet() {
    }
}
