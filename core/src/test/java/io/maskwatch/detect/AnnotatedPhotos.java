package io.maskwatch.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Minimal readers of the two annotated sets, for detector tests and the recall bench only (the product's
 * readers are io.maskwatch.dataset in train). Boxes only; labels are not needed to measure a detector.
 */
final class AnnotatedPhotos {

    record Photo(Path image, List<Box> faces) {
    }

    private AnnotatedPhotos() {
    }

    /** makesense.ai CSV: label,x,y,w,h,image,image_w,image_h (with header), images in images/. */
    static List<Photo> readCsv(Path dir) throws IOException {
        Map<String, List<Box>> byImage = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("annotations.csv"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            byImage.computeIfAbsent(f[5], k -> new ArrayList<>()).add(Box.ofSize(Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        }
        List<Photo> out = new ArrayList<>();
        byImage.forEach((name, boxes) -> out.add(new Photo(dir.resolve("images").resolve(name), boxes)));
        return out;
    }

    private static final Pattern OBJECT = Pattern.compile("<bndbox>(.*?)</bndbox>", Pattern.DOTALL);
    private static final Pattern FILE = Pattern.compile("<filename>\\s*(.*?)\\s*</filename>");

    /** PASCAL VOC: annotations/*.xml naming files in images/. */
    static List<Photo> readVoc(Path dir) throws IOException {
        List<Photo> out = new ArrayList<>();
        List<Path> xmls;
        try (Stream<Path> s = Files.list(dir.resolve("annotations"))) {
            xmls = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path xml : xmls) {
            String text = Files.readString(xml);
            Matcher fm = FILE.matcher(text);
            String name = fm.find() ? fm.group(1) : xml.getFileName().toString().replace(".xml", ".jpg");
            List<Box> boxes = new ArrayList<>();
            Matcher m = OBJECT.matcher(text);
            while (m.find()) {
                String b = m.group(1);
                boxes.add(new Box(num(b, "xmin"), num(b, "ymin"), num(b, "xmax"), num(b, "ymax")));
            }
            out.add(new Photo(dir.resolve("images").resolve(name), boxes));
        }
        return out;
    }

    private static double num(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">\\s*([-0-9.]+)\\s*</" + tag + ">").matcher(xml);
        if (!m.find()) {
            throw new IllegalArgumentException("no <" + tag + "> in " + xml);
        }
        return Double.parseDouble(m.group(1));
    }

    static List<Photo> read(Path dir) throws IOException {
        return Files.exists(dir.resolve("annotations.csv")) ? readCsv(dir) : readVoc(dir);
    }
}
