package io.maskwatch.masks;

import io.maskwatch.image.ImageFileNames;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.maskwatch.csv.CsvFiles;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.image.ImageEncoder;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code masks generate}: runs {@link FaceMasker} over a folder of photos on several threads and
 * writes, under the output folder:
 * <pre>
 * masked/&lt;stem&gt;.jpg     the face region with a mask pasted on
 * unmasked/&lt;stem&gt;.jpg   the same region untouched
 * incorrect/&lt;stem&gt;.jpg  the same mask worn wrongly (under the nose or on the chin)
 * manifest.csv           one row per generated face ({@link ManifestRow#COLUMNS}), in photo order
 * skipped.csv            index,source,reason,detail for each photo left out
 * summary.json           counts by reason, seed, timing
 * </pre>
 * Rows are written in photo order as soon as all earlier photos are done, so the files are the same
 * whatever the thread count and a run cut short keeps what it wrote.
 */
public final class MaskGenerator {

    /** Progress after each photo: done, total, generated, skipped, elapsed seconds. */
    public record Progress(int done, int total, int generated, int skipped, double seconds) { }


    private final GenerateConfig config;
    private final FaceDetector detector;
    private final Pfld68Landmarks landmarks;
    private final String detectorName;

    private final TemplateLibrary preloaded;

    public MaskGenerator(GenerateConfig config, FaceDetector detector, Pfld68Landmarks landmarks) {
        this(config, detector, landmarks, null);
    }

    /** With templates already loaded from {@code config.templates()} (null: load them in {@link #run}). */
    public MaskGenerator(GenerateConfig config, FaceDetector detector, Pfld68Landmarks landmarks, TemplateLibrary library) {
        this.preloaded = library;
        this.config = config;
        this.detector = detector;
        this.landmarks = landmarks;
        this.detectorName = detector.name();
    }

    /** The photos a run would process: image files under {@code dir}, sorted by relative path. */
    public static List<Path> listPhotos(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": faces folder not found");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(ImageFileNames::isImage)
                    .sorted()
                    .toList();
        }
    }

    public GenerationSummary run(Consumer<Progress> progress) throws IOException {
        long start = System.nanoTime();
        TemplateLibrary library = preloaded != null ? preloaded : TemplateLibrary.load(config.templates());
        List<Path> photos = listPhotos(config.faces());
        if (photos.isEmpty()) {
            throw new IOException(config.faces() + ": no image files found");
        }
        if (config.limit() > 0 && photos.size() > config.limit()) {
            photos = photos.subList(0, config.limit());
        }
        Path out = config.out();
        Files.createDirectories(out.resolve("masked"));
        Files.createDirectories(out.resolve("unmasked"));
        Files.createDirectories(out.resolve("incorrect"));
        FaceMasker masker = new FaceMasker(detector, landmarks, library, config);

        Map<String, Integer> skipped = new TreeMap<>();
        Map<String, Integer> methods = new TreeMap<>();
        int generated = 0;
        int total = photos.size();
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "masks-generate");
            t.setDaemon(true);
            return t;
        });
        try (BufferedWriter manifest = Files.newBufferedWriter(out.resolve("manifest.csv"));
             BufferedWriter skipLog = Files.newBufferedWriter(out.resolve("skipped.csv"))) {
            manifest.write(ManifestRow.header());
            manifest.newLine();
            skipLog.write("index,source,reason,detail");
            skipLog.newLine();
            for (TemplateLibrary.Rejected r : library.rejected()) {
                skipLog.write(CsvFiles.line(-1, r.file(), "template_" + r.reason(), r.message()));
                skipLog.newLine();
            }
            ExecutorCompletionService<FaceMasker.Outcome> ecs = new ExecutorCompletionService<>(pool);
            // Keep only a bounded number of photos in flight, so memory stays flat on big folders.
            int window = config.threads() * 4;
            int submitted = 0;
            TreeMap<Integer, FaceMasker.Outcome> pending = new TreeMap<>();
            int next = 0;
            int done = 0;
            int okSoFar = 0;
            while (done < total) {
                while (submitted < total && submitted - done < window) {
                    final int index = submitted;
                    final Path photo = photos.get(index);
                    String rel = config.faces().relativize(photo).toString().replace('\\', '/');
                    String stem = stemOf(rel);
                    ecs.submit(() -> write(masker.process(index, photo, rel, stem)));
                    submitted++;
                }
                FaceMasker.Outcome o = take(ecs);
                pending.put(o.index(), o);
                done++;
                if (o.generated()) {
                    okSoFar++;
                }
                while (!pending.isEmpty() && pending.firstKey() == next) {
                    FaceMasker.Outcome r = pending.pollFirstEntry().getValue();
                    if (r.generated()) {
                        manifest.write(r.row().csv());
                        manifest.newLine();
                        generated++;
                        methods.merge(r.row().method(), 1, Integer::sum);
                        methods.merge("incorrect:" + r.row().misplacement(), 1, Integer::sum);
                    } else {
                        skipLog.write(CsvFiles.line(r.index(), r.source(), r.reason(), r.detail()));
                        skipLog.newLine();
                        skipped.merge(r.reason(), 1, Integer::sum);
                    }
                    next++;
                }
                if (progress != null) {
                    progress.accept(new Progress(done, total, okSoFar, done - okSoFar, (System.nanoTime() - start) / 1e9));
                }
                if (done % 200 == 0) {
                    manifest.flush();
                    skipLog.flush();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        GenerationSummary summary = new GenerationSummary(total, generated, skipped, library.rejectedCounts(), methods,
                config.seed(), config.threads(), seconds);
        writeSummary(summary, library);
        return summary;
    }

    private static FaceMasker.Outcome take(ExecutorCompletionService<FaceMasker.Outcome> ecs) throws IOException {
        try {
            return ecs.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        }
    }

    /** Writes the two crops of a generated face (in the worker, so JPEG encoding runs in parallel). */
    private FaceMasker.Outcome write(FaceMasker.Outcome o) {
        if (o.generated()) {
            try {
                writeJpeg(o.masked(), config.out().resolve(o.row().fileMasked()), config.jpegQuality());
                writeJpeg(o.unmasked(), config.out().resolve(o.row().fileUnmasked()), config.jpegQuality());
                writeJpeg(o.incorrect(), config.out().resolve(o.row().fileIncorrect()), config.jpegQuality());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Drop the pixels: only the row travels on to the ordered writer.
            return new FaceMasker.Outcome(o.index(), o.source(), o.row(), null, null, null, null, null);
        }
        return o;
    }

    /** Writes a JPEG through a temporary file, so a crash never leaves a half-written image. */
    public static void writeJpeg(BufferedImage img, Path file, float quality) throws IOException {
        ImageEncoder.write(img, "jpeg", quality, file);
    }

    private void writeSummary(GenerationSummary s, TemplateLibrary library) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("faces_dir", config.faces().toAbsolutePath().normalize().toString());
        m.put("templates_dir", config.templates().toAbsolutePath().normalize().toString());
        m.put("seed", s.seed());
        m.put("limit", config.limit());
        m.put("photos", s.photos());
        m.put("generated", s.generated());
        m.put("skipped", s.skippedTotal());
        m.put("skipped_by_reason", new TreeMap<>(s.skipped()));
        m.put("methods", new TreeMap<>(s.methods()));
        m.put("templates_reference", library.reference().size());
        m.put("templates_masktheface", library.maskTheFace().size());
        m.put("textures", library.textures().size());
        m.put("templates_rejected_by_reason", new TreeMap<>(s.templatesRejected()));
        m.put("detector", detectorName);
        m.put("landmarks", "pfld-68");
        m.put("crop_expand", config.cropExpand());
        m.put("max_crop_side", config.maxCropSide());
        m.put("min_face", config.minFace());
        m.put("jpeg_quality", config.jpegQuality());
        m.put("threads", s.threads());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("seconds", Math.round(s.seconds() * 10) / 10.0);
        m.put("photos_per_second", Math.round(s.photosPerSecond() * 100) / 100.0);
        m.put("finished_at", Instant.now().toString());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(config.out().resolve("summary.json").toFile(), m);
    }

    static String stemOf(String rel) {
        int dot = rel.lastIndexOf('.');
        String s = dot > rel.lastIndexOf('/') ? rel.substring(0, dot) : rel;
        return s.replace("/", "__");
    }
}
