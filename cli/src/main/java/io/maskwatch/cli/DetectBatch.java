package io.maskwatch.cli;

import io.maskwatch.annotate.Annotator;
import io.maskwatch.cli.InputFiles.Input;
import io.maskwatch.cli.StageTimes.Stage;
import io.maskwatch.files.AtomicFiles;
import io.maskwatch.image.ImageEncoder;
import io.maskwatch.image.ImageLimits;
import io.maskwatch.image.ImageLoadException;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.Pipeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the pipeline over many images on a pool of threads (one image per thread; model sessions
 * with one intra-op thread each), writes annotated copies as each finishes, and hands the results
 * to a sink in input order. A failed image becomes a {@link Detection} with an error; the batch
 * goes on. Annotated images are written to a temporary name and renamed, so no half-written file
 * is ever left under its real name.
 */
public final class DetectBatch {


    /** One input's result and the annotated image written for it (null when none was written). */
    record Outcome(Detection detection, Path annotated) {
    }

    /** What a batch did; {@code seconds} is the wall time of the batch alone. */
    record Summary(int images, int faces, int unmasked, int incorrect, int errors, double seconds) {
        double imagesPerSecond() {
            return seconds <= 0 ? 0 : images / seconds;
        }
    }

    private final Pipeline pipeline;
    private final ImageLimits limits;
    private final int threads;
    private final StageTimes times;
    private final Annotator.Style style;

    DetectBatch(Pipeline pipeline, ImageLimits limits, int threads, StageTimes times) {
        this(pipeline, limits, threads, times, Annotator.Style.LABELS);
    }

    DetectBatch(Pipeline pipeline, ImageLimits limits, int threads, StageTimes times, Annotator.Style style) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        this.pipeline = pipeline;
        this.limits = limits;
        this.threads = threads;
        this.times = times;
        this.style = style;
    }

    /**
     * Processes the inputs. {@code outDir} null: no annotated images; {@code encodeOnly}: annotated
     * images are drawn and encoded but not written (benchmarks). {@code results} gets every input's
     * detection in input order, {@code errors} each error message (one line) as it is reported.
     */
    Summary run(List<Input> inputs, Path outDir, boolean encodeOnly, Consumer<Outcome> results,
                Consumer<String> errors, BatchProgress progress) {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "detect-worker");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger faces = new AtomicInteger();
        AtomicInteger unmasked = new AtomicInteger();
        AtomicInteger incorrect = new AtomicInteger();
        int failed = 0;
        try {
            List<Future<Outcome>> futures = new ArrayList<>(inputs.size());
            for (Input in : inputs) {
                futures.add(pool.submit(() -> {
                    try {
                        return process(in, outDir, encodeOnly);
                    } finally {
                        progress.step();
                    }
                }));
            }
            for (Future<Outcome> f : futures) {
                Outcome o = get(f);
                Detection d = o.detection();
                faces.addAndGet(d.faces().size());
                unmasked.addAndGet((int) d.unmaskedCount());
                incorrect.addAndGet((int) d.incorrectCount());
                if (!d.ok()) {
                    failed++;
                    errors.accept(d.error());
                }
                results.accept(o);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Summary(inputs.size(), faces.get(), unmasked.get(), incorrect.get(), failed, seconds);
    }

    /** One input, start to end; never throws. */
    Outcome process(Input in, Path outDir, boolean encodeOnly) {
        String name = in.name();
        if (!in.ok()) {
            return new Outcome(Detection.failed(name, name + ": " + in.problem()), null);
        }
        try {
            long t = System.nanoTime();
            BufferedImage image;
            try {
                image = in.stdin() ? ImageLoader.read(in.data(), name, limits) : ImageLoader.read(in.path(), limits);
            } catch (ImageLoadException e) {
                return new Outcome(refused(in, e), null);
            } finally {
                times.add(Stage.DECODE, System.nanoTime() - t);
            }
            Detection d = pipeline.detect(name, image);
            if (outDir != null || encodeOnly) {
                BufferedImage annotated = times.time(Stage.ANNOTATE, () -> Annotator.draw(image, d.faces(), style));
                Path target = outDir == null ? in.output() : outDir.resolve(in.output());
                String format = InputFiles.formatOf(target);
                byte[] bytes = times.time(Stage.ENCODE, () -> ImageEncoder.encode(annotated, format));
                if (!encodeOnly) {
                    try {
                        long w = System.nanoTime();
                        AtomicFiles.write(target, bytes);
                        times.add(Stage.WRITE, System.nanoTime() - w);
                    } catch (IOException e) {
                        return new Outcome(new Detection(name, d.width(), d.height(), d.faces(),
                                name + ": cannot write the annotated image (" + IoMessages.describe(e) + ")"), null);
                    }
                    return new Outcome(d, target);
                }
            }
            return new Outcome(d, null);
        } catch (OutOfMemoryError e) {
            return new Outcome(Detection.failed(name, name + ": out of memory (give Java more with MASKWATCH_JAVA_OPTS=-Xmx8g or use fewer --threads)"), null);
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
            return new Outcome(Detection.failed(name, name + ": processing failed (" + msg + ")"), null);
        }
    }

    /**
     * A file the loader refused. An image over the pixel limit keeps the size read from its header (nothing was
     * decoded) and its message names the option that lets it through.
     */
    private Detection refused(Input in, ImageLoadException e) {
        String name = in.name();
        if (e.kind() == ImageLoadException.Kind.TOO_LARGE && e.reason().startsWith("image too large")) {
            return new Detection(name, e.width(), e.height(), List.of(),
                    name + ": " + e.reason() + " (--max-pixels " + limits.maxPixels() + "; raise it to process this image)");
        }
        return Detection.failed(name, name + ": " + e.reason());
    }

    private static Outcome get(Future<Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // process() never throws
        }
    }
}
