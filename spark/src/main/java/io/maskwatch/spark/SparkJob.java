package io.maskwatch.spark;

import io.maskwatch.model.Checksums;
import io.maskwatch.model.ModelStore;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.Pipelines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The driver's side of the job: verifies and ships the models, reads the photos with Spark's binaryFile
 * source, scores them on the executors ({@link PhotoScorer}) and writes one row per photo.
 */
public final class SparkJob {

    public enum Format { PARQUET, JSONL }

    /** The columns of a result row: {@code detect}'s JSON fields, then the detector and the model checksums. */
    public static final StructType SCHEMA = new StructType()
            .add("image", DataTypes.StringType)
            .add("width", DataTypes.IntegerType)
            .add("height", DataTypes.IntegerType)
            .add("faces", DataTypes.createArrayType(new StructType()
                    .add("x1", DataTypes.DoubleType)
                    .add("y1", DataTypes.DoubleType)
                    .add("x2", DataTypes.DoubleType)
                    .add("y2", DataTypes.DoubleType)
                    .add("score", DataTypes.DoubleType)
                    .add("mask_probability", DataTypes.DoubleType)
                    .add("label", DataTypes.StringType)
                    .add("landmarks", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType)))))
            .add("error", DataTypes.StringType)
            .add("detector", DataTypes.StringType)
            .add("models", DataTypes.createArrayType(new StructType()
                    .add("id", DataTypes.StringType)
                    .add("sha256", DataTypes.StringType)));

    /** Files smaller than this share a task: a few photos per task keeps all cores busy to the end. */
    static final String MAX_PARTITION_BYTES = "32m";

    /**
     * What one run did. {@code seconds} is the time of the scoring job itself (reading, scoring, writing);
     * {@code errorSamples} the first few error messages.
     */
    public record Summary(long images, long faces, long unmasked, long errors, double seconds, List<String> errorSamples) {
        public double imagesPerSecond() {
            return seconds <= 0 ? 0 : images / seconds;
        }
    }

    /** Where the run's inputs and outputs are and how models reach the executors. */
    public record Io(List<String> inputs, String out, Format format, String annotated, boolean overwrite,
                     String executorModelDir) {
        public Io {
            inputs = List.copyOf(inputs);
        }
    }

    private SparkJob() {
    }

    /**
     * Runs the job.
     *
     * @throws IllegalArgumentException for inputs that match nothing (a usage error)
     * @throws io.maskwatch.model.ModelException when a model is missing or damaged
     */
    public static Summary run(SparkSession spark, ModelStore store, String detector, Double threshold, double minFace,
                              long maxPixels, Io io) {
        SparkContext sc = spark.sparkContext();
        HashMap<String, byte[]> bytes = new HashMap<>();
        List<ShippedModel> models = models(store, detector, io.executorModelDir(), bytes);
        // Executors get the model files in a broadcast (2-3 MB, once per executor). SparkContext.addFile was the
        // first choice, but in Spark 4.1 tasks of a SparkSession's jobs did not fetch files added that way.
        Broadcast<HashMap<String, byte[]>> shipped = io.executorModelDir() == null
                ? new JavaSparkContext(sc).broadcast(bytes) : null;

        Dataset<Row> files;
        String[] listed;
        try {
            files = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                    .load(io.inputs().toArray(new String[0]));
            listed = files.inputFiles();
        } catch (Exception e) { // Scala's checked AnalysisException: a path that does not exist
            if (e instanceof org.apache.spark.sql.AnalysisException a) {
                throw new IllegalArgumentException(a.getSimpleMessage(), e);
            }
            throw e;
        }
        if (listed.length == 0) {
            throw new IllegalArgumentException("no files match " + String.join(" ", io.inputs()));
        }
        JobSpec spec = new JobSpec(detector, threshold, minFace, maxPixels, models, io.executorModelDir(),
                io.annotated(), commonParent(listed));
        PhotoScorer.Counters counters = new PhotoScorer.Counters(sc.longAccumulator("images"),
                sc.longAccumulator("faces"), sc.longAccumulator("unmasked"), sc.longAccumulator("errors"));

        if (!sc.getConf().contains("spark.sql.files.maxPartitionBytes")) {
            spark.conf().set("spark.sql.files.maxPartitionBytes", MAX_PARTITION_BYTES);
        }
        long t0 = System.nanoTime();
        PhotoScorer scorer = new PhotoScorer(spec, counters, shipped);
        Dataset<String> lines = files.select("path", "content").mapPartitions(scorer, Encoders.STRING());
        write(spark, lines, io, io.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
        long images = counters.images().value();
        long errors = counters.errors().value();
        if (images < listed.length) { // Spark's file scan skips empty files: they get detect's error row
            List<String> missing = unscored(spark, listed, io);
            List<String> extra = new ArrayList<>();
            for (String path : missing) {
                String name = PhotoScorer.displayName(path);
                extra.add(scorer.line(Detection.failed(name, name + ": " + whyUnread(spark, path))));
            }
            write(spark, spark.createDataset(extra, Encoders.STRING()), io, SaveMode.Append);
            images += extra.size();
            errors += extra.size();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> samples = errors == 0 ? List.of() : errorSamples(spark, io);
        return new Summary(images, counters.faces().value(), counters.unmasked().value(), errors, seconds, samples);
    }

    private static void write(SparkSession spark, Dataset<String> lines, Io io, SaveMode mode) {
        if (io.format() == Format.JSONL) {
            lines.write().mode(mode).text(io.out()); // detect's JSON lines, as they are
        } else {
            spark.read().schema(SCHEMA).json(lines).write().mode(mode).parquet(io.out());
        }
    }

    /** Listed files without a result row (few: the empty ones). */
    private static List<String> unscored(SparkSession spark, String[] listed, Io io) {
        Dataset<Row> all = spark.createDataset(Arrays.asList(listed), Encoders.STRING()).toDF("path");
        Dataset<Row> done = read(spark, io.out(), io.format()).select("image");
        Dataset<Row> names = all.map((MapFunction<Row, Row>) r ->
                        RowFactory.create(r.getString(0), PhotoScorer.displayName(r.getString(0))),
                Encoders.row(new StructType().add("path", DataTypes.StringType)
                        .add("image", DataTypes.StringType)));
        List<String> out = new ArrayList<>();
        for (Row r : names.join(done, names.col("image").equalTo(done.col("image")), "left_anti")
                .select("path").collectAsList()) {
            out.add(r.getString(0));
        }
        return out;
    }

    /** detect's reason for a file Spark listed but did not read. */
    private static String whyUnread(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path); // java.nio.file.Path is imported
            long len = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(p).getLen();
            return len == 0 ? "empty file (0 bytes)" : "not read (" + len + " bytes; the file changed while the job ran?)";
        } catch (IOException e) {
            return "cannot read file (" + e.getMessage() + ")";
        }
    }

    /** The result rows of a finished run, whichever format it wrote. */
    public static Dataset<Row> read(SparkSession spark, String out, Format format) {
        return format == Format.JSONL ? spark.read().schema(SCHEMA).json(out) : spark.read().parquet(out);
    }

    private static List<String> errorSamples(SparkSession spark, Io io) {
        List<String> out = new ArrayList<>();
        for (Row r : read(spark, io.out(), io.format()).where("error IS NOT NULL").select("error").orderBy("error")
                .takeAsList(20)) {
            out.add(r.getString(0));
        }
        return out;
    }

    /**
     * Resolves the models through the driver's model store (which verifies them) and records size and SHA-256
     * for the executors' check. Unless the executors read a shared folder, the files' bytes go into {@code bytes}.
     */
    private static List<ShippedModel> models(ModelStore store, String detector, String sharedDir,
                                             Map<String, byte[]> bytes) {
        List<String> ids = Pipelines.modelIds(detector);
        List<ShippedModel> out = new ArrayList<>();
        for (String id : ids) {
            Path file = store.resolve(id);
            try {
                String sha = Checksums.compute(file);
                long size = Files.size(file);
                String name;
                if (sharedDir == null) {
                    name = file.getFileName().toString();
                    bytes.put(name, Files.readAllBytes(file));
                } else {
                    name = store.manifest().get(id).file();
                }
                out.add(new ShippedModel(id, name, sha, size));
            } catch (IOException e) {
                throw new UncheckedIOException("model " + id + " at " + file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The deepest folder that holds every listed file (Spark's URIs), so annotated images keep their layout. */
    static String commonParent(String[] files) {
        String prefix = null;
        for (String f : files) {
            String dir = f.substring(0, f.lastIndexOf('/') + 1);
            if (prefix == null) {
                prefix = dir;
            } else {
                int n = 0;
                int max = Math.min(prefix.length(), dir.length());
                while (n < max && prefix.charAt(n) == dir.charAt(n)) {
                    n++;
                }
                prefix = prefix.substring(0, prefix.lastIndexOf('/', n - 1) + 1);
            }
        }
        return prefix;
    }

    static String describe(Summary s, String master, int cores, double startSeconds) {
        return String.format(Locale.ROOT,
                "maskwatch spark: %d images, %d faces (%d unmasked), %d errors, %.1f images/s (%s, %d cores; Spark started in %.1f s)",
                s.images(), s.faces(), s.unmasked(), s.errors(), s.imagesPerSecond(), master, cores, startSeconds);
    }
}
