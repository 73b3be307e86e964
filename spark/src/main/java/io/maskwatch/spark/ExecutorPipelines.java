package io.maskwatch.spark;

import io.maskwatch.model.ModelManifest;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import io.maskwatch.model.ModelStoreConfig.ModelDir;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.Pipelines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;

/**
 * The pipelines of one executor JVM: one per job setting and thread count, so one ONNX Runtime session per
 * model, shared by all task threads of the executor (ONNX Runtime's Run is thread-safe). Created on first
 * use, closed when the JVM shuts down. Model files are verified (size and SHA-256 the driver saw) by core's
 * {@link ModelStore} before a session is opened.
 */
final class ExecutorPipelines {

    private record Key(JobSpec spec, int threads) {
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
    static Pipeline get(JobSpec spec, int intraOpThreads) {
        return PIPELINES.computeIfAbsent(new Key(spec, intraOpThreads), k -> open(spec, intraOpThreads));
    }

    private static Pipeline open(JobSpec spec, int intraOpThreads) {
        Path dir = Path.of(spec.executorModelDir() != null ? spec.executorModelDir() : SparkFiles.getRootDirectory());
        ModelManifest manifest = new ModelManifest(spec.models().stream().map(ShippedModel::entry).toList(),
                "shipped by the driver");
        ModelStore store = new ModelStore(new ModelStoreConfig(List.of(new ModelDir(dir, "executor")),
                Path.of(System.getProperty("java.io.tmpdir"), "maskwatch-spark-models"), true, manifest,
                line -> System.err.println(line), Duration.ofSeconds(30)));
        return Pipelines.open(store, spec.detector(), spec.pipelineConfig(), intraOpThreads);
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
