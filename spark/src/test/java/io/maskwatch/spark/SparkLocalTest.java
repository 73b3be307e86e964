package io.maskwatch.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.image.ImageLoader;
import io.maskwatch.json.DetectionJson;
import io.maskwatch.pipeline.Detection;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code local[2]} on the annotated photo sets: the same results as {@code maskwatch detect}. */
class SparkLocalTest {

    /** Seed of the Kaggle sample (the whole set would take minutes on 2 cores). */
    static final long KAGGLE_SEED = 13;
    static final int KAGGLE_SAMPLE = 60;

    @TempDir
    Path tmp;

    @Test
    void referenceSetJsonlWithAnnotatedImages() throws Exception {
        Path images = Results.shared("datasets/reference-photos-validation/images");
        Map<String, Detection> expected = Results.detect(List.of(images.toString()), tmp.resolve("detect.jsonl"));
        assertEquals(137, expected.size());

        Results.Run run = Results.run(new SparkCommand(), List.of(images + "/*.jpg", "--out", tmp.resolve("out").toString(),
                "--format", "jsonl", "--master", "local[2]", "--annotated", tmp.resolve("annotated").toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("137 images"), run.err());
        Map<String, Detection> actual = Results.jsonlOutput(tmp.resolve("out"));
        Results.assertSame(expected, actual);

        for (String name : expected.keySet()) {
            Path annotated = tmp.resolve("annotated").resolve(name);
            BufferedImage img = ImageLoader.read(annotated);
            assertEquals(expected.get(name).width(), img.getWidth(), annotated.toString());
        }
    }

    @Test
    void kaggleSampleParquet() throws Exception {
        Path images = Results.shared("datasets/kaggle-face-mask-voc/images");
        List<String> all;
        try (var s = Files.list(images)) {
            all = new ArrayList<>(s.map(Path::toString).filter(p -> p.endsWith(".jpg")).sorted().toList());
        }
        Collections.shuffle(all, new Random(KAGGLE_SEED));
        List<String> sample = all.subList(0, KAGGLE_SAMPLE);
        Map<String, Detection> expected = Results.detect(sample, tmp.resolve("detect.jsonl"));

        List<String> args = new ArrayList<>(sample);
        args.addAll(List.of("--out", tmp.resolve("out").toString(), "--master", "local[2]", "--detector", "yunet"));
        Results.Run run = Results.run(new SparkCommand(), args);
        assertEquals(0, run.exitCode(), run.err());

        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            var rows = SparkJob.read(spark, tmp.resolve("out").toString(), SparkJob.Format.PARQUET);
            assertEquals(SparkJob.SCHEMA.fieldNames().length, rows.schema().fieldNames().length);
            Map<String, Detection> actual = new TreeMap<>();
            List<String> json = rows.toJSON().collectAsList();
            actual.putAll(Results.byFileName(json));
            Results.assertSame(expected, actual);
            Row models = rows.select("models").first();
            // the detector, its face check, the masked-face detector asked for boxes and the classifier, each with its checksum
            assertEquals(io.maskwatch.pipeline.Pipelines.modelIds("yunet").size(), models.getList(0).size());
            assertEquals(4, models.getList(0).size());
        } finally {
            spark.stop();
        }
        assertTrue(DetectionJson.toJson(expected.values().iterator().next()).startsWith("{\"image\""));
    }

    @Test
    void inputsThatMatchNothingAreAUsageError() {
        Results.Run run = Results.run(new SparkCommand(), List.of(tmp.resolve("nothing-here/*.jpg").toString(),
                "--out", tmp.resolve("out").toString(), "--master", "local[1]"));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("nothing-here"), run.err());
    }

    @Test
    void optionsItsExecutorsCannotHonourAreAUsageError() {
        for (String option : List.of("--no-face-check", "--detector-boxes")) {
            Results.Run run = Results.run(new SparkCommand(), List.of(tmp.toString(), option,
                    "--out", tmp.resolve("out").toString(), "--master", "local[1]"));
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains(option) && run.err().contains("not supported by spark"), run.err());
        }
    }
}
