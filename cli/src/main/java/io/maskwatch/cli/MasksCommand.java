package io.maskwatch.cli;

import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.detect.Detectors;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.masks.ContactSheet;
import io.maskwatch.masks.GenerateConfig;
import io.maskwatch.masks.GenerationSummary;
import io.maskwatch.masks.MaskGenerator;
import io.maskwatch.masks.Pfld68Landmarks;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.ModelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code maskwatch masks generate}: artificial masked faces for classifier training. */
@Command(name = "masks", mixinStandardHelpOptions = true,
        description = "Artificial masked faces for classifier training.",
        subcommands = {MasksCommand.Generate.class})
public final class MasksCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {
                "Pastes mask templates onto the faces of unmasked photos: detects the largest face, finds 68 landmarks "
                    + "(PFLD), places a reference template (nose bridge to chin, rotated with the face) or a MaskTheFace "
                    + "template (six-point perspective warp, side view for turned heads, recoloured or patterned), "
                    + "and writes masked/, unmasked/ and incorrect/ (the same mask worn under the nose or on the chin) crops of the same region plus manifest.csv, skipped.csv and summary.json.",
                "",
                "Exit codes: 0 all photos used, 1 some photos or templates skipped (counted by reason), 2 usage error."})
    static final class Generate implements Callable<Integer> {

        @Option(names = "--faces", required = true, paramLabel = "DIR",
                description = "Folder of unmasked face photos (searched recursively), e.g. datasets/vggface2-sample in the shared data.")
        Path faces;

        @Option(names = "--templates", required = true, paramLabel = "DIR",
                description = "Mask templates: reference/*.png and masktheface/{templates,masks.cfg,textures}, "
                        + "e.g. datasets/mask-templates in the shared data.")
        Path templates;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
        Path out;

        @Option(names = "--seed", defaultValue = "" + GenerateConfig.DEFAULT_SEED, paramLabel = "N",
                description = "Seed of every random choice; the same seed gives the same files (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
                description = "Use only the first N photos in path order (default: all).")
        int limit;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
        Integer threads;

        @Option(names = "--detector", paramLabel = "NAME",
                description = "Face detector: ${COMPLETION-CANDIDATES} (default: the pipeline's default).",
                completionCandidates = PipelineOptions.DetectorNames.class)
        String detector;

        @Option(names = "--min-face", defaultValue = "32", paramLabel = "PX",
                description = "Skip faces smaller than PX pixels (the shorter side of the box; default: ${DEFAULT-VALUE}).")
        double minFace;

        @Option(names = "--crop-expand", defaultValue = "2.0", paramLabel = "X",
                description = "Written region = this × the face box's longer side, centred, clipped to the photo (default ${DEFAULT-VALUE}).")
        double cropExpand;

        @Option(names = "--max-crop", defaultValue = "384", paramLabel = "PX",
                description = "Shrink written crops to at most this many pixels on the longer side (default ${DEFAULT-VALUE}).")
        int maxCrop;

        @Option(names = "--contact-sheet", paramLabel = "FILE",
                description = "Contact sheet PNG of 48 random results (default: OUT/contact-sheet.png).")
        Path contactSheet;

        @Mixin
        ModelOptions models;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            for (Path p : new Path[] {faces, templates}) {
                if (!Files.isDirectory(p)) {
                    err.println("maskwatch masks generate: " + p + ": folder not found");
                    err.flush();
                    return 2;
                }
            }
            String detectorName = detector == null ? Detectors.DEFAULT : detector;
            if (!Detectors.NAMES.contains(detectorName)) {
                err.println("maskwatch masks generate: unknown detector '" + detectorName + "' (choose from " + Detectors.NAMES + ")");
                err.flush();
                return 2;
            }
            GenerateConfig config;
            try {
                int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
                config = new GenerateConfig(faces, templates, out, seed, limit, t, cropExpand, maxCrop, minFace, 0.92f);
            } catch (IllegalArgumentException e) {
                err.println("maskwatch masks generate: " + e.getMessage());
                err.flush();
                return 2;
            }
            GenerationSummary s;
            try {
                ModelStore store = models.store(err);
                Path pfldModel = store.resolve("pfld-68");
                int total = MaskGenerator.listPhotos(faces).size();
                if (limit > 0) {
                    total = Math.min(total, limit);
                }
                try (FaceDetector det = Detectors.create(detectorName, DetectorConfig.DEFAULT, store::resolve, 1);
                     Pfld68Landmarks pfld = new Pfld68Landmarks(pfldModel, 1);
                     Progress progress = new Progress(total, err)) {
                    err.printf(Locale.ROOT, "maskwatch masks: %d photos from %s, detector %s, seed %d, %d threads%n",
                            total, faces, detectorName, seed, config.threads());
                    err.flush();
                    s = new MaskGenerator(config, det, pfld).run(progress::update);
                }
            } catch (ModelException e) {
                err.println("maskwatch masks generate: " + e.getMessage());
                err.flush();
                return 1;
            } catch (IOException e) {
                err.println("maskwatch masks generate: " + e.getMessage());
                err.flush();
                return 1;
            }
            Path sheet = contactSheet != null ? contactSheet : out.resolve("contact-sheet.png");
            if (s.generated() > 0) {
                try {
                    ContactSheet.write(out, sheet, 48, seed, 128, 8);
                    String name = sheet.getFileName().toString().replaceFirst("\\.png$", "");
                    ContactSheet.write(out, sheet.resolveSibling(name + "-incorrect.png"), 48, seed, 128, 8, "file_incorrect");
                } catch (IOException e) {
                    err.println("maskwatch masks generate: contact sheet: " + e.getMessage());
                }
            }
            err.printf(Locale.ROOT, "maskwatch masks: %d photos, %d masked faces written, %d skipped%s%s, %.1f s (%.1f photos/s, %d threads)%n",
                    s.photos(), s.generated(), s.skippedTotal(), counts(" ", s.skipped()),
                    s.templatesRejected().isEmpty() ? "" : ", template files rejected" + counts(" ", s.templatesRejected()),
                    s.seconds(), s.photosPerSecond(), s.threads());
            err.println("maskwatch masks: " + out.resolve("manifest.csv") + ", " + out.resolve("skipped.csv") + ", "
                    + (s.generated() > 0 ? sheet : "no contact sheet"));
            err.flush();
            return s.anyFailed() ? 1 : 0;
        }

        private static String counts(String prefix, Map<String, Integer> m) {
            if (m.isEmpty()) {
                return "";
            }
            return prefix + "(" + m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** Detector names for picocli's help text. */
    static final class DetectorNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Detectors.NAMES.iterator();
        }
    }

    /** A progress bar on a terminal; a line every 10 seconds otherwise (logs, nohup). */
    private static final class Progress implements AutoCloseable {
        private final ProgressBar bar;
        private final PrintWriter err;
        private final int total;
        private long lastLine;
        private int firstDone = -1;
        private double firstSeconds;

        Progress(int total, PrintWriter err) {
            this.total = total;
            this.err = err;
            this.lastLine = System.nanoTime();
            this.bar = System.console() == null ? null : new ProgressBarBuilder()
                    .setTaskName("masks").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err, 100))
                    .setUnit(" img", 1).showSpeed().build();
        }

        void update(MaskGenerator.Progress p) {
            if (bar != null) {
                bar.stepTo(p.done());
                bar.setExtraMessage(p.skipped() + " skipped");
                return;
            }
            long now = System.nanoTime();
            if (firstDone < 0) {
                // The rate is measured from the first finished photo on (template loading comes before it).
                firstDone = p.done();
                firstSeconds = p.seconds();
            }
            if (p.done() == total || now - lastLine > 10_000_000_000L) {
                lastLine = now;
                double rate = (p.done() - firstDone) / Math.max(p.seconds() - firstSeconds, 1e-9);
                String eta = p.done() - firstDone < 10 ? "" : String.format(Locale.ROOT, ", ETA %.0f s", (total - p.done()) / rate);
                err.printf(Locale.ROOT, "masks: %d/%d photos, %d masked, %d skipped, %.1f photos/s%s%n",
                        p.done(), total, p.generated(), p.skipped(), p.done() / Math.max(p.seconds(), 1e-9), eta);
                err.flush();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
