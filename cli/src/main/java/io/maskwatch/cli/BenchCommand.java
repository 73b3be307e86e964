package io.maskwatch.cli;

import io.maskwatch.cli.InputFiles.Input;
import io.maskwatch.cli.StageTimes.Stage;
import io.maskwatch.detect.Detectors;
import io.maskwatch.image.ImageLimits;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.SharedFolder;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.PipelineConfig;
import io.maskwatch.pipeline.Pipelines;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code maskwatch bench}: images/s of the detect pipeline on a folder of photos, all cores, with
 * the time per stage. Runs what {@code maskwatch detect --output} runs (decode, detect, classify,
 * annotate, encode) except the final file write, so disk speed does not enter the figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measures the speed of the detect pipeline on a folder of photos.",
            "Images/s on all cores, milliseconds per image for each stage (decode, detect, classify, annotate, encode), the model load "
                + "time and the whole run since the JVM started."})
public final class BenchCommand implements Callable<Integer> {

    static final String DEFAULT_IMAGES = "datasets/reference-photos-validation/images";

    @Option(names = "--images", paramLabel = "DIR",
            description = "Folder of photos (default: the shared validation photos, " + DEFAULT_IMAGES + ").")
    Path images;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = Detectors.DEFAULT,
            description = "Face detector: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = PipelineOptions.DetectorNames.class)
    String detector;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Passes over the folder after the first; the first pass warms the JIT up (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--threads", paramLabel = "N", description = "Images processed in parallel (default: the number of cores).")
    Integer threads;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    CommandSpec spec;

    private static final List<Stage> STAGES = List.of(Stage.DECODE, Stage.DETECT, Stage.CLASSIFY, Stage.ANNOTATE, Stage.ENCODE);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int cores = Runtime.getRuntime().availableProcessors();
        int nThreads = threads == null ? cores : threads;
        if (nThreads < 1) throw usage("--threads must be >= 1, got " + nThreads);
        if (repeat < 0) throw usage("--repeat must be >= 0, got " + repeat);
        PipelineOptions.checkDetector(detector, spec);
        Path dir = images != null ? images : defaultImages()
                .orElseThrow(() -> usage("no --images given and ../shared/" + DEFAULT_IMAGES + " not found"));
        if (!Files.isDirectory(dir)) throw usage("--images " + dir + ": not a folder");
        List<Input> items = InputFiles.expand(List.of(dir.toString()), null).stream().filter(Input::ok).toList();
        if (items.isEmpty()) throw usage(dir + ": no images in this folder");

        long t0 = System.nanoTime();
        Pipeline pipeline;
        try {
            pipeline = Pipelines.open(modelOptions.store(err), detector, PipelineConfig.DEFAULT, 1);
        } catch (ModelException e) {
            err.println("maskwatch bench: " + e.getMessage());
            return 1;
        }
        double loadMs = (System.nanoTime() - t0) / 1e6;
        out.printf(Locale.ROOT, "maskwatch bench: %d images in %s, detector %s, %d threads on %d cores (%s, %s)%n",
                items.size(), dir, detector, nThreads, cores, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        out.printf(Locale.ROOT, "model load: %.0f ms%n", loadMs);
        out.flush();

        StageTimes times = new StageTimes();
        int errors = 0;
        try (pipeline) {
            Pipeline timed = times.timed(pipeline);
            DetectBatch batch = new DetectBatch(timed, ImageLimits.DEFAULT, nThreads, times);
            List<String> errorLines = new ArrayList<>();
            for (int pass = 1; pass <= 1 + repeat; pass++) {
                times.reset();
                double cpu0 = processCpuSeconds();
                int[] faces = new int[1];
                DetectBatch.Summary s = batch.run(items, null, true, o -> faces[0] += o.detection().faces().size(),
                        errorLines::add, BatchProgress.none());
                errors += s.errors();
                long ok = s.images() - s.errors();
                out.printf(Locale.ROOT, "pass %d%s: %d images, %d faces, %.2f s = %.1f images/s; ms per image (per thread): %s%n",
                        pass, pass == 1 ? " (cold)" : "", s.images(), s.faces(), s.seconds(), s.imagesPerSecond(),
                        times.perImageLine(ok, STAGES));
                double cpu = processCpuSeconds() - cpu0;
                if (cpu > 0) {
                    // On a shared machine wall time depends on the neighbours; CPU time much less so.
                    out.printf(Locale.ROOT, "  process CPU %.2f s = %.1f ms per image; %d free cores would give %.1f images/s%n",
                            cpu, cpu * 1000 / s.images(), cores, s.images() / (cpu / cores));
                }
                out.flush();
            }
            errorLines.stream().distinct().forEach(l -> err.println("error: " + l));
        }
        double sinceStart = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        int total = items.size() * (1 + repeat);
        out.printf(Locale.ROOT, "whole run since JVM start: %.2f s for %d images = %.1f images/s (model load and JIT warm-up included); process CPU %.2f s%n",
                sinceStart, total, total / sinceStart, processCpuSeconds());
        out.flush();
        return errors > 0 ? 1 : 0;
    }

    /** CPU time of this process in seconds (all threads, JIT and GC included); -1 when the JVM cannot tell. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? -1 : ns / 1e9;
        }
        return -1;
    }

    /** ../shared/datasets/reference-photos-validation/images beside the project, if present. */
    static Optional<Path> defaultImages() {
        return SharedFolder.find().map(r -> r.resolve(DEFAULT_IMAGES)).filter(Files::isDirectory);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
