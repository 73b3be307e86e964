package io.maskwatch.cli;

import io.maskwatch.classify.MaskClassifier;
import io.maskwatch.classify.OnnxMaskClassifier;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.Dataset;
import io.maskwatch.dataset.DatasetException;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.dataset.DatasetWarning;
import io.maskwatch.dataset.ImageList;
import io.maskwatch.dataset.LabelMap;
import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.detect.Detectors;
import io.maskwatch.eval.Evaluation;
import io.maskwatch.eval.EvaluationRunner;
import io.maskwatch.eval.Evaluator;
import io.maskwatch.eval.ImageRun;
import io.maskwatch.eval.ReportWriter;
import io.maskwatch.eval.SubsetMetrics;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.ModelStore;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.PipelineConfig;
import io.maskwatch.pipeline.Pipelines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code maskwatch evaluate}: the reference's evaluation protocol on an annotated set, as a report folder. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Scores the detect pipeline on an annotated set of photos.",
            "The reference design's protocol: a face is found when a detection overlaps it with IoU > 0.5 (of "
                + "several, the one with the lowest P(masked) counts). Writes report.json, report.html, "
                + "roc_pipeline.png, roc_classifier.png and faces.csv to --report.",
            "Sets: PASCAL VOC (annotations/*.xml beside images/) or the makesense.ai CSV layout "
                + "(annotations.csv beside images/), recognised automatically.",
            "Labels: with_mask, masked, mask = masked; without_mask, no_mask, not_masked, unmasked = unmasked; "
                + "mask_weared_incorrect counts as unmasked and is also reported apart (change with --labels). "
                + "See docs/evaluation.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the report was written",
            "1:the report was written but some photos could not be processed, or models could not be loaded",
            "2:usage error, or the set cannot be read (unknown labels; any warning with --strict)"})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "The annotated set.")
    Path dataset;

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "Folder for the report (created).")
    Path report;

    @Mixin
    PipelineOptions pipelineOptions;

    @Option(names = "--min-face", paramLabel = "PX", defaultValue = "20",
            description = "Report everything also for faces of at least PX pixels (a face's size is the shorter side of its box; default: ${DEFAULT-VALUE}).")
    double minFace;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Label mapping added to the defaults: lines 'label = masked|unmasked|incorrect', and"
                    + " 'incorrect_counts_as = masked|unmasked'.")
    Path labels;

    @Option(names = "--images-from", paramLabel = "FILE",
            description = "Only the photos listed in FILE (one file name per line, # comments), e.g. the held-out"
                    + " list a training run writes.")
    Path imagesFrom;

    @Option(names = "--strict", description = "Treat every warning about the set (missing image, box outside the image,"
            + " malformed row) as an error.")
    boolean strict;

    @Option(names = "--threads", paramLabel = "N", description = "Photos processed in parallel (default: the number of cores).")
    Integer threads;

    @Option(names = "--no-progress", description = "No progress bar (none is drawn anyway when stderr is not a terminal).")
    boolean noProgress;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            return usage(err, "--threads must be >= 1, got " + nThreads);
        }
        PipelineConfig config;
        try {
            // the pipeline keeps every face; the report applies --min-face itself
            config = pipelineOptions.config(0);
        } catch (ParameterException e) {
            return usage(err, e.getMessage());
        }
        if (!(minFace >= 0)) {
            return usage(err, "--min-face must be >= 0, got " + minFace);
        }

        Dataset set;
        try {
            LabelMap map = labels == null ? LabelMap.DEFAULT : LabelMap.load(labels);
            set = DatasetReaders.read(dataset, new DatasetOptions(map, strict));
            if (imagesFrom != null) {
                set = set.restrictTo(ImageList.load(imagesFrom));
            }
        } catch (DatasetException e) {
            err.println("maskwatch evaluate: " + e.getMessage());
            err.flush();
            return 2;
        }
        List<DatasetWarning> warnings = set.warnings();
        warnings.stream().limit(20).forEach(w -> err.println("warning: " + w));
        if (warnings.size() > 20) {
            err.println("... and " + (warnings.size() - 20) + " more warnings (all in report.json)");
        }
        if (set.images().isEmpty()) {
            err.println("maskwatch evaluate: " + dataset + ": no photos to evaluate");
            err.flush();
            return 2;
        }
        err.printf(Locale.ROOT, "%s: %d photos, %d faces (%s)%n", dataset, set.images().size(), set.faceCount(),
                String.join(", ", set.classCounts().entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT)).toList()));
        err.flush();

        long t0 = System.nanoTime();
        Pipeline pipeline;
        ModelStore store;
        try {
            store = modelOptions.store(err);
            pipeline = Pipelines.open(store, pipelineOptions.detector, DetectorConfig.DEFAULT, pipelineOptions.faceCheck(),
                    config, 1);
        } catch (ModelException e) {
            err.println("maskwatch evaluate: " + e.getMessage());
            err.flush();
            return 1;
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        try (pipeline) {
            double t = config.threshold().orElse(pipeline.classifier().defaultThreshold());
            long t1 = System.nanoTime();
            List<ImageRun> runs;
            try (BatchProgress bar = BatchProgress.of("evaluate", set.images().size(), !noProgress, System.err)) {
                runs = EvaluationRunner.run(pipeline, set.images(), nThreads, r -> bar.step());
            }
            double runSeconds = (System.nanoTime() - t1) / 1e9;
            Map<String, String> prov = provenance(set, pipeline, t, nThreads, loadSeconds, runSeconds);
            List<String> warningText = new ArrayList<>();
            warnings.forEach(w -> warningText.add(w.toString()));
            Evaluation ev = Evaluator.evaluate(dataset.toString(), runs, set.labels(), t, minFace, warningText, prov);
            List<Path> files = ReportWriter.write(ev, set.images(), report);
            ev.errors().forEach(x -> err.println("error: " + x));
            summary(out, ev);
            out.printf(Locale.ROOT, "report: %s (%s)%n", report, String.join(", ",
                    files.stream().map(p -> p.getFileName().toString()).toList()));
            out.printf(Locale.ROOT, "%d photos in %.1f s (%.1f photos/s, %d threads; models loaded in %.1f s)%n",
                    runs.size(), runSeconds, runs.size() / Math.max(runSeconds, 1e-9), nThreads, loadSeconds);
            out.flush();
            err.flush();
            return ev.errors().isEmpty() ? 0 : 1;
        } catch (IOException e) {
            err.println("maskwatch evaluate: cannot write the report to " + report + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static void summary(PrintWriter out, Evaluation e) {
        out.printf(Locale.ROOT, "%s: %d photos, %d faces, threshold %.4f%n", e.dataset(), e.images(), e.faces(), e.threshold());
        line(out, "all faces", e.all(), e.images());
        line(out, "faces >= " + (long) e.minFace() + " px", e.minFaceSubset(), e.images());
        io.maskwatch.eval.DetectorBreakdown b = io.maskwatch.eval.DetectorSections.breakdown(e);
        out.printf(Locale.ROOT, "  spurious %d = %d on real faces nobody annotated (ignore list: %s) + %d not faces;"
                        + " found but box mismatched (IoU 0.3-0.5) %d%n", b.spurious(), b.spuriousUnannotatedFaces(),
                b.ignoreListBoxes() == 0 ? "none for this set" : b.ignoreListBoxes() + " boxes",
                b.spuriousNonFaces(), b.mismatched().size());
        out.printf(Locale.ROOT, "  95%% intervals: recall %s, TNR %s, FNR %s%n", interval(b.recall()), interval(b.tnr()),
                interval(b.fnr()));
        out.printf(Locale.ROOT, "  reference design: recall 94%%, TNR 87%%, FNR 4%%, 19 spurious on 135 photos, classifier accuracy 90%%%n");
    }

    private static void line(PrintWriter out, String name, SubsetMetrics s, int images) {
        out.printf(Locale.ROOT, "  %-17s recall %s (%d/%d), spurious %d, TNR %s, FNR %s (detected only: TNR %s, FNR %s),"
                        + " pipeline AUC %s, classifier accuracy %s, AUC %s%n",
                name + ":", pct(s.detector().recall()), s.detector().matched(), s.detector().faces(), s.detector().spurious(),
                pct(s.pipeline().tnr()), pct(s.pipeline().fnr()), pct(s.pipeline().tnrDetected()), pct(s.pipeline().fnrDetected()),
                num(s.pipeline().auc()), pct(s.classifier().accuracy()), num(s.classifier().auc()));
    }

    private static String interval(io.maskwatch.eval.Wilson w) {
        return pct(w.value()) + " [" + pct(w.low()) + ", " + pct(w.high()) + "]";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private Map<String, String> provenance(Dataset set, Pipeline pipeline, double t, int nThreads,
                                           double loadSeconds, double runSeconds) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", "maskwatch evaluate --dataset " + dataset + " --report " + report + " --detector " + pipelineOptions.detector
                + (pipelineOptions.threshold != null ? " --threshold " + pipelineOptions.threshold : "") + " --min-face " + ReportMinFace.fmt(minFace)
                + (labels != null ? " --labels " + labels : "") + (imagesFrom != null ? " --images-from " + imagesFrom : "")
                + (strict ? " --strict" : "") + (pipelineOptions.noFaceCheck ? " --no-face-check" : "")
                + (pipelineOptions.detectorBoxes ? " --detector-boxes" : ""));
        p.put("dataset_format", set.format().name().toLowerCase(Locale.ROOT));
        if (imagesFrom != null) {
            p.put("images_from", imagesFrom.toString());
        }
        p.put("detector", pipelineOptions.detector);
        p.put("threshold_source", pipelineOptions.threshold != null ? "--threshold" : "classifier metadata");
        p.put("incorrect_counts_as", set.labels().incorrectCountsAs().key());
        MaskClassifier c = pipeline.classifier();
        if (c instanceof OnnxMaskClassifier onnx) {
            p.put("classifier_model", onnx.model().toString());
            onnx.metadata().forEach((k, v) -> {
                if (k.startsWith("maskwatch.")) {
                    p.put("classifier_" + k.substring("maskwatch.".length()), v);
                }
            });
        }
        p.put("threads", Integer.toString(nThreads));
        p.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        p.put("models_loaded_s", String.format(Locale.ROOT, "%.1f", loadSeconds));
        p.put("run_s", String.format(Locale.ROOT, "%.1f", runSeconds));
        p.put("created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("maskwatch", "0.1.0");
        p.put("git_commit", io.maskwatch.eval.GitCommit.of(Path.of(System.getProperty("maskwatch.home", "."))));
        return p;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("maskwatch evaluate: " + message);
        err.println("Try 'maskwatch evaluate --help'.");
        err.flush();
        return 2;
    }

    /** The pipelineOptions.detector names, for picocli's help text. */
    static final class DetectorChoices extends ArrayList<String> {
        DetectorChoices() {
            super(Detectors.NAMES);
        }
    }

    /** Formats the min face size without a trailing .0. */
    private static final class ReportMinFace {
        static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
