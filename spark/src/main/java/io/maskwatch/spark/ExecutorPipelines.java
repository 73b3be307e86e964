package io.maskwatch.spark;

import io.maskwatch.model.ModelManifest;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import io.maskwatch.model.ModelStoreConfig.ModelDir;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.Pipelines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The pipelines of one executor JVM: one per job setting and thread count, so one ONNX Runtime session per
 * model, shared by all task threads of the executor (ONNX Runtime's Run is thread-safe). Created on first
 * use, closed when the JVM shuts down. The model files come from the driver (a broadcast variable, unpacked
 * into a temporary folder) or from a folder every node sees; either way core's {@link ModelStore} checks
 * their size and SHA-256 against what the driver verified before a session is opened.
 */
final class ExecutorPipelines {

    /** What decides a pipeline: not the job's input or output folders, so later jobs reuse it. */
    private record Key(String detector, Double threshold, double minFace, List<ShippedModel> models,
                       String modelDir, int threads) {
        Key(JobSpec spec, int threads) {
            this(spec.detector(), spec.threshold(), spec.minFace(), spec.models(), spec.executorModelDir(), threads);
        }
    }

    private static final Map<Key, Pipeline> PIPELINES = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorPipelines::closeAll, "maskwatch-close-models"));
    }

    private ExecutorPipelines() {
    }

    /**
     * The pipeline for {@code spec}, its sessions with {@code intraOpThreads} threads each (spark.task.cpus).
     *
     * @throws io.maskwatch.model.ModelException when a model is missing or does not match the driver's
     */
    static Pipeline get(JobSpec spec, int intraOpThreads, Supplier<Map<String, byte[]>> shipped) {
        return PIPELINES.computeIfAbsent(new Key(spec, intraOpThreads), k -> open(spec, intraOpThreads, shipped));
    }

    private static Pipeline open(JobSpec spec, int intraOpThreads, Supplier<Map<String, byte[]>> shipped) {
        Path dir = spec.executorModelDir() != null ? Path.of(spec.executorModelDir()) : unpack(shipped.get());
        ModelManifest manifest = new ModelManifest(spec.models().stream().map(ShippedModel::entry).toList(),
                "shipped by the driver");
        ModelStore store = new ModelStore(new ModelStoreConfig(List.of(new ModelDir(dir, "executor")),
                Path.of(System.getProperty("java.io.tmpdir"), "maskwatch-spark-models"), true, manifest,
                line -> System.err.println(line), Duration.ofSeconds(30)));
        return Pipelines.open(store, spec.detector(), spec.pipelineConfig(), intraOpThreads);
    }

    /** Writes the model files the driver sent into a fresh local folder (removed when the JVM exits). */
    private static Path unpack(Map<String, byte[]> files) {
        try {
            Path dir = Files.createTempDirectory("maskwatch-spark-models");
            dir.toFile().deleteOnExit();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = dir.resolve(f.getKey());
                Files.write(target, f.getValue());
                target.toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the models to a temporary folder: " + e.getMessage(), e);
        }
    }

    /** Closes every pipeline (tests; the shutdown hook). */
    static synchronized void closeAll() {
        for (Pipeline p : PIPELINES.values()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                System.err.println("maskwatch: closing a pipeline failed: " + e);
            }
        }
        PIPELINES.clear();
    }
}
