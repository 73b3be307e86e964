package io.maskwatch.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.maskwatch.annotate.Annotator;
import io.maskwatch.cli.InputFiles;
import io.maskwatch.image.ImageLoadException;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.json.DetectionJson;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.Pipeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The work of one task: for each {@code (path, content)} row of Spark's binaryFile source, decode, run the
 * pipeline, optionally write the annotated image, and emit {@code detect}'s JSON line plus the detector and
 * model checksums. A photo that fails becomes a line with {@code error}; this never throws for one photo.
 */
final class PhotoScorer implements MapPartitionsFunction<Row, String> {

    private static final JsonFactory JSON = new JsonFactory();

    private final JobSpec spec;
    private final Counters counters;
    private final Broadcast<HashMap<String, byte[]>> models; // null when executors read a shared folder

    /** Totals for the summary (accumulators: a retried task may count twice, so they are for display only). */
    record Counters(LongAccumulator images, LongAccumulator faces, LongAccumulator unmasked, LongAccumulator errors)
            implements java.io.Serializable {
    }

    PhotoScorer(JobSpec spec, Counters counters, Broadcast<HashMap<String, byte[]>> models) {
        this.spec = spec;
        this.counters = counters;
        this.models = models;
    }

    @Override
    public Iterator<String> call(Iterator<Row> rows) {
        TaskContext task = TaskContext.get();
        int threads = task == null ? 1 : Math.max(1, task.cpus());
        // A model problem fails the job: no photo could be scored.
        Pipeline pipeline = ExecutorPipelines.get(spec, threads, () -> models.value());
        FileSystem annotatedFs = annotatedFileSystem();
        List<String> out = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            Detection d = score(pipeline, r.getString(0), r.getAs(1), annotatedFs);
            counters.images().add(1);
            counters.faces().add(d.faces().size());
            counters.unmasked().add(d.unmaskedCount());
            if (!d.ok()) {
                counters.errors().add(1);
            }
            out.add(line(d));
        }
        return out.iterator();
    }

    /** The image name used in results and errors: a local path as such, any other file system as a URI. */
    static String displayName(String sparkPath) {
        URI u = URI.create(sparkPath);
        return "file".equals(u.getScheme()) ? u.getPath() : sparkPath;
    }

    private Detection score(Pipeline pipeline, String path, byte[] content, FileSystem annotatedFs) {
        String name = displayName(path);
        try {
            BufferedImage image;
            try {
                image = ImageLoader.read(content, name, spec.limits());
            } catch (ImageLoadException e) {
                return Detection.failed(name, name + ": " + e.reason());
            }
            Detection d = pipeline.detect(name, image);
            if (annotatedFs != null) {
                Path target = annotatedTarget(path);
                try {
                    BufferedImage annotated = Annotator.draw(image, d.faces());
                    writeAtomically(annotatedFs, target,
                            io.maskwatch.image.ImageEncoder.encode(annotated, InputFiles.formatOf(java.nio.file.Path.of(target.getName()))));
                } catch (IOException | UncheckedIOException e) {
                    return new Detection(name, d.width(), d.height(), d.faces(),
                            name + ": cannot write the annotated image " + target + " (" + e.getMessage() + ")");
                }
            }
            return d;
        } catch (OutOfMemoryError e) {
            return Detection.failed(name, name + ": out of memory (give executors more with --executor-memory)");
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
            return Detection.failed(name, name + ": processing failed (" + msg + ")");
        }
    }

    /** detect's JSON object, then the detector and the models that produced it. */
    String line(Detection d) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            DetectionJson.writeFields(d, g);
            g.writeStringField("detector", spec.detector());
            g.writeArrayFieldStart("models");
            for (ShippedModel m : spec.models()) {
                g.writeStartObject();
                g.writeStringField("id", m.id());
                g.writeStringField("sha256", m.sha256());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /** Where the annotated copy of {@code path} goes: its path below the inputs' common parent, detect's naming. */
    private Path annotatedTarget(String path) {
        String rel = relativeTo(path, spec.inputRoot());
        return new Path(spec.annotatedDir(), InputFiles.outputName(java.nio.file.Path.of(rel)).toString());
    }

    static String relativeTo(String path, String root) {
        String p = URI.create(path).getPath();
        String r = URI.create(root).getPath();
        if (!r.endsWith("/")) {
            r = r + "/";
        }
        return p.startsWith(r) ? p.substring(r.length()) : p.substring(p.lastIndexOf('/') + 1);
    }

    private FileSystem annotatedFileSystem() {
        if (spec.annotatedDir() == null) {
            return null;
        }
        try {
            return new Path(spec.annotatedDir()).getFileSystem(hadoopConf());
        } catch (IOException e) {
            throw new UncheckedIOException("--annotated " + spec.annotatedDir() + ": " + e.getMessage(), e);
        }
    }

    /** Hadoop settings as Spark gives them to its own readers: spark.hadoop.* from the application's conf. */
    private static Configuration hadoopConf() {
        Configuration conf = new Configuration();
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            for (Tuple2<String, String> kv : env.conf().getAll()) {
                if (kv._1().startsWith("spark.hadoop.")) {
                    conf.set(kv._1().substring("spark.hadoop.".length()), kv._2());
                }
            }
        }
        return conf;
    }

    /** Written under a hidden temporary name and renamed, so no half-written image carries the real name. */
    private static void writeAtomically(FileSystem fs, Path target, byte[] bytes) throws IOException {
        TaskContext task = TaskContext.get();
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + (task == null ? 0 : task.taskAttemptId()) + ".part");
        try (OutputStream o = fs.create(tmp, true)) {
            o.write(bytes);
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

}
