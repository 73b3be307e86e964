package io.maskwatch.cli;

import io.maskwatch.annotate.Annotator;
import io.maskwatch.cli.InputFiles.Input;
import io.maskwatch.detect.DetectorConfig;
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
            "Writes an annotated copy of each photo to --output (boxes: green masked, orange mask worn incorrectly, "
                + "red unmasked) and one JSON object per photo to --json (to stdout when neither --output nor --json "
                + "is given).",
            "Folders are searched recursively for .jpg .jpeg .png .webp .bmp .gif .tif files. INPUT - reads one "
                + "image from standard input."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every input was processed",
            "1:some inputs failed (the others were still processed and written), no images found, or --output cannot be written",
            "2:usage error (bad option or value, no inputs)"})
public final class DetectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files and/or folders; - for standard input.")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder for the annotated images, with the same names and subfolders. Other formats "
                    + "than JPEG, PNG and BMP are written as PNG: y.gif becomes y.gif.png. Each JSON line names "
                    + "its file (key annotated).")
    Path output;

    @Option(names = "--json", paramLabel = "FILE|-", description = "Write JSON Lines (one object per input) to FILE, or to stdout for '-'.")
    String json;

    @Mixin
    PipelineOptions pipelineOptions;

    @Mixin
    MinFaceOption minFaceOption;

    @Mixin
    MaxPixelsOption maxPixelsOption;

    @Mixin
    DecodeTimeoutOption decodeTimeoutOption;

    @Option(names = "--threads", paramLabel = "N",
            description = "Images processed in parallel (default: the number of cores).")
    Integer threads;

    @Option(names = "--no-progress", description = "No progress bar (none is drawn anyway when stderr is not a terminal).")
    boolean noProgress;

    @Option(names = "--boxes-only", description = "Annotated images get boxes without labels.")
    boolean boxesOnly;

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
        List<Input> items = expandInputs(err);
        if (items == null) {
            return 1;
        }
        if (output != null) {
            String problem = checkWritable(output);
            if (problem != null) { // once, here, not once per image
                err.println("maskwatch detect: cannot write to --output " + output + ": " + problem);
                err.flush();
                return 1;
            }
        }

        long t0 = System.nanoTime();
        Pipeline pipeline;
        try {
            pipeline = Pipelines.open(modelOptions.store(err), pipelineOptions.detector, DetectorConfig.DEFAULT,
                    pipelineOptions.faceCheck(), config, 1);
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
            DetectBatch batch = new DetectBatch(pipeline, limits, nThreads, new StageTimes(),
                    boxesOnly ? Annotator.Style.BOXES_ONLY : Annotator.Style.LABELS);
            summary = batch.run(items, output, false, o -> {
                if (jsonOut != null) {
                    try {
                        if (output == null) {
                            DetectionJson.writeLine(o.detection(), jsonOut);
                        } else {
                            DetectionJson.writeLine(o.detection(), o.annotated() == null ? null : o.annotated().toString(), jsonOut);
                        }
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
        } catch (IOException e) {
            err.println("maskwatch detect: cannot write --json " + json + ": " + IoMessages.describe(e));
            err.flush();
            return 1;
        } catch (UncheckedIOException e) {
            err.println("maskwatch detect: cannot write --json " + json + ": " + IoMessages.describe(e.getCause()));
            err.flush();
            return 1;
        }
        for (String line : errors) {
            err.println("error: " + line);
        }
        err.println(summaryLine(summary, nThreads, loadSeconds));
        err.flush();
        return summary.errors() > 0 ? 1 : 0;
    }

    /**
     * e.g. "maskwatch detect: 1 image, 8 faces (1 unmasked), no errors in 0.4 s; models loaded in 1.1 s", with
     * ", 2 incorrect" after "unmasked" when faces wear a mask under the nose or on the chin.
     */
    static String summaryLine(DetectBatch.Summary s, int threads, double loadSeconds) {
        String rate = s.images() > 1
                ? String.format(Locale.ROOT, " (%.1f images/s, %d %s)", s.imagesPerSecond(), threads, threads == 1 ? "thread" : "threads")
                : "";
        return String.format(Locale.ROOT, "maskwatch detect: %s, %s (%d unmasked%s), %s in %.1f s%s; models loaded in %.1f s",
                count(s.images(), "image"), count(s.faces(), "face"), s.unmasked(),
                s.incorrect() > 0 ? ", " + s.incorrect() + " incorrect" : "",
                s.errors() == 0 ? "no errors" : count(s.errors(), "error"), s.seconds(), rate, loadSeconds);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Null when annotated images can be written into the folder (made if missing), else why not. */
    static String checkWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".maskwatch-write-check", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException e) {
            return IoMessages.describe(e);
        }
    }

    private PipelineConfig pipelineConfig() {
        return pipelineOptions.config(minFaceOption.minFace());
    }

    private ImageLimits imageLimits() {
        return decodeTimeoutOption.limits(ImageLimits.DEFAULT.withMaxPixels(maxPixelsOption.maxPixels()));
    }

    private int threadCount() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw usage("--threads must be >= 1, got " + n);
        }
        return n;
    }

    /** The inputs; null (after saying why) when there is nothing to do: folders without images are not a usage error. */
    private List<Input> expandInputs(PrintWriter err) {
        long dashes = inputs.stream().filter(InputFiles.STDIN::equals).count();
        if (dashes > 1) {
            throw usage("'-' (standard input) can be given only once");
        }
        byte[] stdin = dashes == 0 ? null : readStdin(err);
        List<Input> items;
        try {
            items = InputFiles.expand(inputs, output, stdin);
        } catch (UncheckedIOException e) {
            err.println("maskwatch detect: " + e.getMessage());
            err.flush();
            return null;
        }
        boolean anyImage = items.stream().anyMatch(Input::ok);
        boolean onlyEmptyFolders = items.stream().allMatch(i -> i.ok() || (i.path() != null && Files.isDirectory(i.path())));
        if (!anyImage && onlyEmptyFolders) {
            items.forEach(i -> err.println("maskwatch detect: " + i.name() + ": " + i.problem()));
            err.flush();
            return null;
        }
        return items;
    }

    /** The whole of standard input, at most the file size limit (one byte more and the loader refuses it). */
    private byte[] readStdin(PrintWriter err) {
        try {
            long max = ImageLimits.DEFAULT.maxFileBytes();
            return System.in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw usage("cannot read standard input: " + IoMessages.describe(e));
        }
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
