package io.maskwatch.training;

import io.maskwatch.image.ImageFileNames;
import io.maskwatch.detect.Box;
import io.maskwatch.pipeline.Label;
import io.maskwatch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Folders of face crops ({@code with_mask/}, {@code without_mask/}) such as real-face-crops. Each
 * file is one face; its box is the whole file shrunk slightly (the crops are tight already, and the
 * crop rule expands the box again). Files are grouped into near-duplicate groups (name key: "x copy
 * 3" = "x", person names of "0_0_anhu_0014"; and dHash distance) so splits never separate copies.
 */
public final class RealCrops {

    /** The face box is the file's central {@value} part. */
    public static final double BOX_FRACTION = 0.95;
    /** dHash bits that may differ between near-duplicates. */
    public static final int HASH_DISTANCE = 6;

    private static final Pattern COPY = Pattern.compile("( copy( \\d+)?| \\(\\d+\\)| \\d+)$");
    private static final Pattern PERSON = Pattern.compile("^\\d+_\\d+_([A-Za-z]+)_\\d+$");

    private RealCrops() {
    }

    /** What was loaded, with the group count and the files that could not be read. */
    public record Loaded(List<FaceSample> samples, int groups, List<String> skipped) {
    }

    /**
     * Loads every image under {@code root/with_mask} and {@code root/without_mask} of each root.
     * All roots are grouped together (the sets share near-copies). {@code limitPerClass} &gt; 0 keeps
     * only that many files per class and root (first by name), for quick runs and tests.
     */
    public static Loaded load(List<Path> roots, int limitPerClass, PrintStream log) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Path root : roots) {
            for (String cls : List.of("with_mask", "without_mask")) {
                Path dir = root.resolve(cls);
                if (!Files.isDirectory(dir)) {
                    throw new IOException(dir + ": no such folder (expected " + root + "/{with_mask,without_mask})");
                }
                List<Path> list;
                try (Stream<Path> s = Files.list(dir)) {
                    list = s.filter(RealCrops::isImage).sorted().toList();
                }
                if (limitPerClass > 0 && list.size() > limitPerClass) list = list.subList(0, limitPerClass);
                for (Path f : list) {
                    files.add(f);
                    labels.add(cls.equals("with_mask"));
                    sources.add(root.getFileName().toString());
                }
            }
        }
        int n = files.size();
        FaceSample[] samples = new FaceSample[n];
        long[] hashes = new long[n];
        String[] errors = new String[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            try {
                BufferedImage img = ImageLoader.read(files.get(i));
                double w = img.getWidth();
                double h = img.getHeight();
                double mx = w * (1 - BOX_FRACTION) / 2;
                double my = h * (1 - BOX_FRACTION) / 2;
                samples[i] = FaceSample.of(img, new Box(mx, my, w - mx, h - my), labels.get(i) ? Label.MASKED : Label.UNMASKED, sources.get(i), "",
                        files.get(i).getParent().getFileName() + "/" + files.get(i).getFileName());
                hashes[i] = PerceptualHash.dHash(img);
            } catch (IOException | RuntimeException e) {
                errors[i] = files.get(i) + ": " + e.getMessage();
            }
        });
        Groups groups = new Groups(n);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = nameKey(files.get(i));
            // the same person, masked or not, is one group; other names are keyed within their folder
            keys.add(sources.get(i) + "/" + (key.startsWith("person:") ? key : files.get(i).getParent().getFileName() + "/" + key));
        }
        groups.unionByKey(keys);
        List<Integer> ok = IntStream.range(0, n).filter(i -> samples[i] != null).boxed().toList();
        long[] okHashes = ok.stream().mapToLong(i -> hashes[i]).toArray();
        Groups byHash = new Groups(ok.size());
        byHash.unionByHash(okHashes, HASH_DISTANCE);
        for (int k = 0; k < ok.size(); k++) groups.union(ok.get(k), ok.get(byHash.find(k)));
        List<FaceSample> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (samples[i] == null) {
                skipped.add(errors[i]);
                if (log != null) log.println("skipped " + errors[i]);
                continue;
            }
            FaceSample s = samples[i];
            out.add(new FaceSample(s.patch(), s.face(), s.label(), s.source(), "real/" + groupName(files, groups.find(i)),
                    s.name(), s.originalSize()));
        }
        int count = (int) out.stream().map(FaceSample::group).distinct().count();
        return new Loaded(out, count, skipped);
    }

    /** A stable name for a group: its first file (files are sorted, so this does not depend on threads). */
    private static String groupName(List<Path> files, int root) {
        Path f = files.get(root);
        return f.getParent().getParent().getFileName() + "/" + f.getParent().getFileName() + "/" + f.getFileName();
    }

    /** "0_0_0 copy 12.jpg" → "0_0_0"; "1_0_anhu_0014.jpg" → "person:anhu". */
    static String nameKey(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String prev;
        do {
            prev = base;
            base = COPY.matcher(base).replaceAll("");
        } while (!base.equals(prev));
        Matcher m = PERSON.matcher(base);
        return m.matches() ? "person:" + m.group(1).toLowerCase(Locale.ROOT) : base;
    }

    static boolean isImage(Path p) {
        return Files.isRegularFile(p) && ImageFileNames.isImage(p);
    }
}
