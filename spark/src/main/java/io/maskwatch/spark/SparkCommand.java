package io.maskwatch.spark;

import io.maskwatch.cli.MaxPixelsOption;
import io.maskwatch.cli.MinFaceOption;
import io.maskwatch.cli.ModelOptions;
import io.maskwatch.cli.PipelineOptions;
import io.maskwatch.model.ModelException;
import io.maskwatch.pipeline.PipelineConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code maskwatch spark INPUT_GLOB... --out DIR}: the detect pipeline as a Spark job. On one machine it runs
 * Spark in-process ({@code local[*]}); on a cluster it is the main class given to spark-submit, which sets the
 * master. See docs/spark.md.
 */
@Command(name = "spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the detect pipeline over photo archives as an Apache Spark job: one row per photo (detect's",
            "JSON fields plus the detector and model checksums) as Parquet or JSON Lines, optional annotated images.",
            "Inputs are read with Spark's binaryFile source: files, folders (recursively) or globs on any file system",
            "the cluster has (file:, hdfs:, s3a:). Every file matched is treated as a photo.",
            "Run it with spark-submit on a cluster (docs/spark.md), or here with local[*]."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every photo was processed",
            "1:some photos failed (each has a row with its error) or the job could not run",
            "2:usage error (bad option, inputs that match nothing, output already there)"})
public final class SparkCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT_GLOB", description = "Photo files, folders or globs (quote globs).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder for the result rows.")
    String out;

    @Option(names = "--format", paramLabel = "parquet|jsonl", defaultValue = "parquet",
            description = "Output format (default: ${DEFAULT-VALUE}); jsonl writes detect's JSON lines in part files.")
    String format;

    @Option(names = "--annotated", paramLabel = "DIR",
            description = "Also write annotated photos here (path below the inputs' common folder kept).")
    String annotated;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit sets, else local[*]).")
    String master;

    @Mixin
    PipelineOptions pipelineOptions;

    @Mixin
    MinFaceOption minFaceOption;

    @Mixin
    MaxPixelsOption maxPixelsOption;

    @Option(names = "--executor-model-path", paramLabel = "DIR",
            description = "Executors read the models from this folder, which every node sees (same layout as"
                    + " models/); default: the driver ships its model files with the job.")
    String executorModelPath;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, as spark-submit's --conf (e.g. spark.executor.memory=2g); repeatable.")
    java.util.Map<String, String> sparkConf = new java.util.LinkedHashMap<>();

    @Option(names = "--overwrite", description = "Replace --out when it exists.")
    boolean overwrite;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    CommandSpec spec;

    /** Runs the command and exits with its code (for spark-submit and by hand). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PipelineConfig config = pipelineOptions.config(minFaceOption.minFace());
        if (pipelineOptions.changesBoxes()) {
            // the executors build the default pipeline from JobSpec, which carries neither choice
            throw usage("--no-face-check and --detector-boxes are not supported by spark: it runs the default pipeline");
        }
        long maxPixels = maxPixelsOption.maxPixels();
        SparkJob.Format fmt = switch (format.toLowerCase(Locale.ROOT)) {
            case "parquet" -> SparkJob.Format.PARQUET;
            case "jsonl", "json" -> SparkJob.Format.JSONL;
            default -> throw usage("--format must be parquet or jsonl, got '" + format + "'");
        };
        Double threshold = config.threshold().isPresent() ? config.threshold().getAsDouble() : null;

        long t0 = System.nanoTime();
        if ((master != null ? master : System.getProperty("spark.master", "local[*]")).startsWith("local")) {
            quietLogging(); // before any Spark class starts logging
        }
        SparkConf conf = new SparkConf(); // spark-submit's settings arrive as system properties
        sparkConf.forEach(conf::set);
        String chosenMaster = master != null ? master : conf.get("spark.master", "local[*]");
        boolean local = chosenMaster.startsWith("local");
        SparkSession.Builder builder = SparkSession.builder().config(conf).appName("maskwatch spark").master(chosenMaster);
        if (local) {
            if (!conf.contains("spark.ui.enabled")) {
                builder.config("spark.ui.enabled", "false"); // nobody watches a one-machine run; starts quicker
            }
            if (!conf.contains("spark.driver.host") && !conf.contains("spark.driver.bindAddress")) {
                builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        SparkSession spark = builder.getOrCreate();
        try {
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            SparkJob.Summary s;
            try {
                s = SparkJob.run(spark, modelOptions.store(err), pipelineOptions.detector(), threshold, minFaceOption.minFace(), maxPixels,
                        new SparkJob.Io(inputs, out, fmt, annotated, overwrite, executorModelPath));
            } catch (ModelException e) {
                err.println("maskwatch spark: " + e.getMessage());
                err.flush();
                return 1;
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            } catch (Exception e) { // Scala's checked AnalysisException: e.g. the output folder exists
                if (e instanceof org.apache.spark.sql.AnalysisException a) {
                    throw usage(a.getSimpleMessage());
                }
                throw e;
            }
            for (String line : s.errorSamples()) {
                err.println("error: " + line);
            }
            if (s.errors() > s.errorSamples().size()) {
                err.println("(" + (s.errors() - s.errorSamples().size()) + " more errors: see the error column)");
            }
            err.println(SparkJob.describe(s, chosenMaster, spark.sparkContext().defaultParallelism(), startSeconds));
            err.flush();
            return s.errors() > 0 ? 1 : 0;
        } finally {
            spark.stop();
            if (local) {
                ExecutorPipelines.closeAll(); // this JVM was the executor
            }
        }
    }

    /** Loggers whose warnings are expected in a normal run (as in log4j2-local.properties). */
    private static final List<String> QUIET_LOGGERS = List.of(
            "org.apache.spark.sql.execution.streaming.sinks.FileStreamSink", // a glob is first tried as a sink folder
            "org.apache.spark.sql.execution.streaming.FileStreamSink",
            "org.apache.hadoop.util.NativeCodeLoader",
            "org.apache.spark.util.Utils"); // "hostname resolves to a loopback address": local runs bind 127.0.0.1

    /** Warnings only, unless the user configured log4j (spark-submit runs have the cluster's own settings). */
    private static void quietLogging() {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "io/maskwatch/spark/log4j2-local.properties");
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // With the cli's lib folder on the class path, SLF4J may bind to slf4j-simple instead of log4j.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            for (String quiet : QUIET_LOGGERS) {
                System.setProperty("org.slf4j.simpleLogger.log." + quiet, "error");
            }
        }
        if (System.getProperty("slf4j.provider") == null) {
            try { // the cli's lib folder brings slf4j-simple, Spark brings log4j's binding: pick one, no warning
                Class.forName("org.slf4j.simple.SimpleServiceProvider", false, SparkCommand.class.getClassLoader());
                System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
            } catch (ClassNotFoundException e) {
                // only log4j's binding: nothing to choose
            }
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
