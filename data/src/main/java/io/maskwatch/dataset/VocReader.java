package io.maskwatch.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * PASCAL VOC: {@code annotations/*.xml}, one per photo ({@code filename}, {@code size/width|height},
 * {@code object/name} and {@code object/bndbox/xmin|ymin|xmax|ymax}), photos in {@code images/}.
 * Read with StAX so that every warning can name its line; DTDs and external entities are off.
 */
public final class VocReader implements DatasetReader {

    @Override
    public DatasetFormat format() {
        return DatasetFormat.VOC;
    }

    @Override
    public boolean accepts(Path dir) {
        return !xmlFiles(dir.resolve("annotations")).isEmpty();
    }

    @Override
    public Dataset read(Path dir, DatasetOptions options) {
        Path annDir = dir.resolve("annotations");
        Path imgDir = dir.resolve("images");
        List<Path> xmls = xmlFiles(annDir);
        if (xmls.isEmpty()) {
            throw new DatasetException(dir + ": no PASCAL VOC annotations (annotations/*.xml)");
        }
        ReadContext ctx = new ReadContext(dir, options);
        List<AnnotatedImage> images = new ArrayList<>();
        Set<Path> annotated = new HashSet<>();
        for (Path xml : xmls) {
            Parsed p = parse(xml, ctx);
            if (p == null) {
                continue;
            }
            String name = p.filename != null && !p.filename.isBlank() ? Path.of(p.filename.strip()).getFileName().toString()
                    : xml.getFileName().toString().replaceFirst("\\.xml$", ".jpg");
            Path image = imgDir.resolve(name);
            if (!Files.isRegularFile(image)) {
                // The annotation may name the photo's original format (e.g. .png converted to .jpg).
                Path alt = ImageFiles.findWithAnyExtension(imgDir, ImageFiles.stem(name));
                if (alt == null) {
                    alt = ImageFiles.findWithAnyExtension(imgDir, ImageFiles.stem(xml.getFileName().toString()));
                }
                if (alt == null) {
                    ctx.warn(xml, p.filenameLine, "image not found: " + dir.relativize(image) + "; photo skipped");
                    continue;
                }
                image = alt;
            }
            if (!annotated.add(image.toAbsolutePath().normalize())) {
                ctx.warn(xml, p.filenameLine, "image " + image.getFileName() + " is annotated by another file too; skipped");
                continue;
            }
            AnnotatedImage ai = SizeCheck.build(ctx, image, p.width, p.height, p.faces, xml, p.sizeLine);
            if (ai != null) {
                images.add(ai);
            }
        }
        for (Path img : ImageFiles.list(imgDir)) {
            if (!annotated.contains(img.toAbsolutePath().normalize())) {
                ctx.warn(img, 0, "photo has no annotation file in annotations/; skipped");
            }
        }
        return ctx.finish(DatasetFormat.VOC, images);
    }

    private static List<Path> xmlFiles(Path annDir) {
        if (!Files.isDirectory(annDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(annDir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml"))
                    .filter(Files::isRegularFile)
                    .sorted((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new DatasetException(annDir + ": cannot list annotations: " + e.getMessage(), e);
        }
    }

    private static final class Parsed {
        String filename;
        int filenameLine;
        int width;
        int height;
        int sizeLine;
        final List<SizeCheck.RawFace> faces = new ArrayList<>();
    }

    private static final class RawObject {
        final int line;
        String name;
        Double xmin;
        Double ymin;
        Double xmax;
        Double ymax;
        boolean bad;

        RawObject(int line) {
            this.line = line;
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** The parsed file, or null (with a warning) when it is not well-formed XML. */
    private static Parsed parse(Path xml, ReadContext ctx) {
        Parsed p = new Parsed();
        Deque<String> path = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        RawObject obj = null;
        try (InputStream in = Files.newInputStream(xml)) {
            XMLStreamReader r = factory().createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    int ev = r.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        path.push(r.getLocalName());
                        text.setLength(0);
                        if (path.size() == 2 && r.getLocalName().equals("object")) {
                            obj = new RawObject(r.getLocation().getLineNumber());
                        }
                    } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                        text.append(r.getText());
                    } else if (ev == XMLStreamConstants.END_ELEMENT) {
                        int line = r.getLocation().getLineNumber();
                        String value = text.toString().strip();
                        String el = path.pop();
                        String parent = path.peek();
                        int depth = path.size() + 1;
                        if (depth == 2 && el.equals("filename")) {
                            p.filename = value;
                            p.filenameLine = line;
                        } else if (depth == 3 && "size".equals(parent) && (el.equals("width") || el.equals("height"))) {
                            p.sizeLine = line;
                            int v = parseInt(value, xml, line, el, ctx);
                            if (el.equals("width")) {
                                p.width = v;
                            } else {
                                p.height = v;
                            }
                        } else if (obj != null && depth == 3 && el.equals("name")) {
                            obj.name = value;
                        } else if (obj != null && depth == 4 && "bndbox".equals(parent)) {
                            Double v = parseCoord(value, xml, line, el, ctx);
                            if (v == null) {
                                obj.bad = true;
                            }
                            switch (el) {
                                case "xmin" -> obj.xmin = v;
                                case "ymin" -> obj.ymin = v;
                                case "xmax" -> obj.xmax = v;
                                case "ymax" -> obj.ymax = v;
                                default -> { }
                            }
                        } else if (obj != null && depth == 2 && el.equals("object")) {
                            addObject(obj, p, xml, ctx);
                            obj = null;
                        }
                        text.setLength(0);
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : 0;
            String msg = e.getMessage() == null ? "" : e.getMessage().replaceAll("(?s)^ParseError at \\[[^]]*]\\s*Message:\\s*", "");
            ctx.warn(xml, Math.max(line, 0), "malformed XML: " + msg.strip() + "; file skipped");
            return null;
        } catch (IOException e) {
            ctx.warn(xml, 0, "cannot read: " + e.getMessage() + "; file skipped");
            return null;
        }
        return p;
    }

    private static void addObject(RawObject o, Parsed p, Path xml, ReadContext ctx) {
        if (o.bad) {
            return; // already warned
        }
        if (o.name == null || o.name.isBlank()) {
            ctx.warn(xml, o.line, "object without a <name>; face skipped");
        } else if (o.xmin == null || o.ymin == null || o.xmax == null || o.ymax == null) {
            ctx.warn(xml, o.line, "object without a complete <bndbox> (xmin, ymin, xmax, ymax); face skipped");
        } else {
            p.faces.add(new SizeCheck.RawFace(o.name, o.xmin, o.ymin, o.xmax, o.ymax, xml, o.line));
        }
    }

    private static int parseInt(String v, Path xml, int line, String el, ReadContext ctx) {
        try {
            return (int) Math.round(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            ctx.warn(xml, line, "<" + el + "> is not a number: '" + v + "'; size read from the image");
            return 0;
        }
    }

    private static Double parseCoord(String v, Path xml, int line, String el, ReadContext ctx) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            ctx.warn(xml, line, "<" + el + "> is not a number: '" + v + "'; face skipped");
            return null;
        }
    }
}
