package io.maskwatch.cli;

import io.maskwatch.cli.InputFiles.Input;
import io.maskwatch.image.ImageLimits;
import io.maskwatch.json.DetectionJson;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.ModelStore;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.PipelineConfig;
import io.maskwatch.pipeline.Pipelines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maskwatch detect INPUT...}: faces, masked or not, as annotated images and JSON Lines. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Finds every face in photos and decides whether it wears a mask.",
            "Writes an annotated copy of each photo to --output (boxes: green masked, orange mask worn incorrectly, red unmasked) and one JSON",
            "object per photo to --json (to stdout when neither --output nor --json is given).",
            "Folders are searched recursively for .jpg .jpeg .png .webp .bmp .gif .tif files."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every input was processed",
            "1:some inputs failed (the others were still processed and written)",
            "2:usage error (bad option, no inputs, no images found)"})
public final class DetectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files and/or folders.")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder for the annotated images (same names; folder structure of inputs kept).")
    Path output;

    @Option(names = "--json", paramLabel = "FILE|-", description = "Write JSON Lines (one object per input) to FILE, or to stdout for '-'.")
    String json;

    @Mixin
    PipelineOptions pipelineOptions;

    @Option(names = "--min-face", paramLabel = "PX", defaultValue = "0",
            description = "Ignore faces whose longer side is under PX pixels (default: ${DEFAULT-VALUE}).")
    double minFace;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "50000000",
            description = "Refuse images over N pixels, checked before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--threads", paramLabel = "N",
            description = "Images processed in parallel (default: the number of cores).")
    Integer threads;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PipelineConfig config = pipelineConfig();
        ImageLimits limits = imageLimits();
        int nThreads = threadCount();
        if (output != null && Files.exists(output) && !Files.isDirectory(output)) {
            throw usage("--output " + output + " exists and is not a folder");
        }
        List<Input> items = expandInputs();

        long t0 = System.nanoTime();
        OnnxNativeCache.use();
        Pipeline pipeline;
        try {
            pipeline = Pipelines.open(modelOptions.store(err), pipelineOptions.detector, config, 1);
        } catch (ModelException e) {
            err.println("maskwatch detect: " + e.getMessage());
            err.flush();
            return 1;
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;

        List<String> errors = new ArrayList<>();
        DetectBatch.Summary summary;
        try (pipeline; Writer jsonOut = openJson(); BatchProgress progress =
                BatchProgress.of("detect", items.size(), !noProgress, System.err)) {
            DetectBatch batch = new DetectBatch(pipeline, limits, nThreads, new StageTimes());
            summary = batch.run(items, output, false, d -> {
                if (jsonOut != null) {
                    try {
                        DetectionJson.writeLine(d, jsonOut);
                        jsonOut.flush(); // a line per finished image: nothing is lost if the run stops
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, line -> {
                if (progress.shown()) {
                    errors.add(line); // printed after the bar, which would overwrite them
                } else {
                    err.println("error: " + line);
                    err.flush();
                }
            }, progress);
        } catch (IOException | UncheckedIOException e) {
            err.println("maskwatch detect: cannot write " + json + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        for (String line : errors) {
            err.println("error: " + line);
        }
        err.println(String.format(Locale.ROOT,
                "maskwatch detect: %d images, %d faces (%d unmasked), %d errors, %.1f images/s (%d threads; models loaded in %.1f s)",
                summary.images(), summary.faces(), summary.unmasked(), summary.errors(),
                summary.imagesPerSecond(), nThreads, loadSeconds));
        err.flush();
        return summary.errors() > 0 ? 1 : 0;
    }

    private PipelineConfig pipelineConfig() {
        return pipelineOptions.config(minFace);
    }

    private ImageLimits imageLimits() {
        if (maxPixels < 1) {
            throw usage("--max-pixels must be >= 1, got " + maxPixels);
        }
        return ImageLimits.DEFAULT.withMaxPixels(maxPixels);
    }

    private int threadCount() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw usage("--threads must be >= 1, got " + n);
        }
        return n;
    }

    private List<Input> expandInputs() {
        List<Input> items;
        try {
            items = InputFiles.expand(inputs, output);
        } catch (UncheckedIOException e) {
            throw usage(e.getMessage());
        }
        boolean anyImage = items.stream().anyMatch(Input::ok);
        boolean onlyEmptyFolders = items.stream().allMatch(i -> i.ok() || Files.isDirectory(i.path()));
        if (!anyImage && onlyEmptyFolders) {
            throw usage(items.stream().map(i -> i.name() + ": " + i.problem()).reduce((a, b) -> a + "; " + b).orElse("no inputs"));
        }
        return items;
    }

    /** The JSON Lines destination: --json FILE, stdout for '-', stdout when nothing else is written. */
    private Writer openJson() throws IOException {
        if (json == null && output != null) {
            return null;
        }
        if (json == null || json.equals("-")) {
            PrintWriter out = spec.commandLine().getOut();
            return new Writer() { // stdout stays open after the command
                @Override
                public void write(char[] c, int off, int len) {
                    out.write(c, off, len);
                }

                @Override
                public void flush() {
                    out.flush();
                }

                @Override
                public void close() {
                    out.flush();
                }
            };
        }
        Path file = Path.of(json);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
