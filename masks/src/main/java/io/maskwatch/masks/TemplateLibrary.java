package io.maskwatch.masks;

import io.maskwatch.detect.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every mask picture a generation run can use, loaded once from a templates folder laid out like
 * {@code ../shared/datasets/mask-templates}:
 * {@code reference/*.png}, {@code masktheface/templates/*.png} with {@code masktheface/masks.cfg},
 * and {@code masktheface/textures/<group>/*.{png,jpg}}. Files that cannot be used are kept with
 * their reason instead of stopping the run.
 */
public final class TemplateLibrary {

    private final List<MaskTemplate> reference;
    private final Map<String, MaskTemplate> maskTheFace;
    private final List<Texture> textures;
    private final List<Rejected> rejected;

    /** A file left out, with a short counted reason and the message. */
    public record Rejected(Path file, String reason, String message) { }

    private TemplateLibrary(List<MaskTemplate> reference, Map<String, MaskTemplate> maskTheFace,
                            List<Texture> textures, List<Rejected> rejected) {
        this.reference = List.copyOf(reference);
        this.maskTheFace = Map.copyOf(maskTheFace);
        this.textures = List.copyOf(textures);
        this.rejected = List.copyOf(rejected);
    }

    public static TemplateLibrary load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": templates folder not found");
        }
        List<Rejected> rejected = new ArrayList<>();
        List<MaskTemplate> reference = new ArrayList<>();
        Map<String, MaskTemplate> mtf = new TreeMap<>();
        List<Texture> textures = new ArrayList<>();
        // What to load, in a fixed order; decoded in parallel (large PNGs take most of the time), kept in that order.
        List<java.util.concurrent.Callable<Object>> jobs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path p : list(dir.resolve("reference"), ".png")) {
            files.add(p);
            jobs.add(() -> MaskTemplate.load(p, "reference/" + stem(p), true, null));
        }
        Path mtfDir = dir.resolve("masktheface");
        Path cfg = mtfDir.resolve("masks.cfg");
        if (Files.isRegularFile(cfg)) {
            Map<String, List<Point>> anchors = MasksCfg.read(cfg);
            for (Path p : list(mtfDir.resolve("templates"), ".png")) {
                String name = stem(p);
                List<Point> a = anchors.get(name);
                files.add(p);
                if (a == null) {
                    jobs.add(() -> new Rejected(p, "no_anchors", p + ": no six anchor points for '" + name + "' in " + cfg));
                } else {
                    jobs.add(() -> MaskTemplate.load(p, name, false, a));
                }
            }
        }
        Path texDir = mtfDir.resolve("textures");
        if (Files.isDirectory(texDir)) {
            List<Path> texFiles;
            try (Stream<Path> s = Files.walk(texDir)) {
                texFiles = s.filter(Files::isRegularFile)
                        .filter(p -> p.toString().toLowerCase().matches(".*\\.(png|jpe?g)$"))
                        .sorted().toList();
            }
            for (Path p : texFiles) {
                files.add(p);
                jobs.add(() -> {
                    try {
                        return Texture.load(p, texDir.relativize(p).toString().replace('\\', '/'));
                    } catch (IOException | RuntimeException e) {
                        return new Rejected(p, "unreadable", p + ": cannot read texture: " + e.getMessage());
                    }
                });
            }
        }
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Object>> results = pool.invokeAll(jobs);
            for (int i = 0; i < results.size(); i++) {
                Object o;
                try {
                    o = results.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof TemplateException te) {
                        o = new Rejected(files.get(i), te.reason(), te.getMessage());
                    } else {
                        o = new Rejected(files.get(i), "unreadable", files.get(i) + ": " + e.getCause());
                    }
                }
                if (o instanceof Rejected r) {
                    rejected.add(r);
                } else if (o instanceof Texture t) {
                    textures.add(t);
                } else if (o instanceof MaskTemplate t) {
                    if (t.anchors() == null) {
                        reference.add(t);
                    } else {
                        mtf.put(t.name(), t);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading templates", e);
        } finally {
            pool.shutdownNow();
        }
        if (reference.isEmpty() && mtf.isEmpty()) {
            throw new IOException(dir + ": no usable mask templates (expected reference/*.png or masktheface/templates "
                    + "with masktheface/masks.cfg)" + (rejected.isEmpty() ? "" : "; rejected: " + rejected.size()));
        }
        return new TemplateLibrary(reference, mtf, textures, rejected);
    }

    public List<MaskTemplate> reference() {
        return reference;
    }

    public Map<String, MaskTemplate> maskTheFace() {
        return maskTheFace;
    }

    /** MaskTheFace template families that have a frontal template, sorted (e.g. "KN95", "cloth", "surgical"). */
    public List<String> families() {
        return maskTheFace.keySet().stream().filter(n -> !n.endsWith("_left") && !n.endsWith("_right")).sorted().toList();
    }

    public List<Texture> textures() {
        return textures;
    }

    public List<Rejected> rejected() {
        return rejected;
    }

    /** Counts of rejected files by reason. */
    public Map<String, Integer> rejectedCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Rejected r : rejected) {
            m.merge(r.reason(), 1, Integer::sum);
        }
        return m;
    }

    private static List<Path> list(Path dir, String ext) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(ext)).sorted().toList();
        }
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }
}
