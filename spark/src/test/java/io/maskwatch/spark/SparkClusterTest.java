package io.maskwatch.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.pipeline.Detection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real standalone cluster (Master, Worker and two executors, each a JVM of its own, on
 * 127.0.0.1) gives the same rows as {@code maskwatch detect} on the same photos, broken files included.
 */
class SparkClusterTest {

    @TempDir
    Path tmp;

    @Test
    void clusterRowsEqualDetect() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path images = Results.shared("datasets/reference-photos-validation/images");
        List<Path> all;
        try (var s = Files.list(images)) {
            all = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        for (int i = 0; i < 6; i++) { // every 20th photo: 1 to 13 faces, masked and unmasked
            Path p = all.get(i * 20);
            Files.copy(p, photos.resolve(p.getFileName()));
        }
        byte[] jpeg = Files.readAllBytes(all.get(1));
        Files.write(photos.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        Files.write(photos.resolve("empty.jpg"), new byte[0]);
        Files.writeString(photos.resolve("notes.jpg"), "not a photo\n", StandardCharsets.UTF_8);
        Files.write(photos.resolve("garbage.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2});

        Map<String, Detection> expected = Results.detect(List.of(photos.toString()), tmp.resolve("detect.jsonl"));
        assertEquals(10, expected.size());
        assertEquals(4, expected.values().stream().filter(d -> !d.ok()).count(), "detect's errors: " + expected);

        try (StandaloneCluster cluster = new StandaloneCluster(tmp.resolve("cluster"), Results.testClassPath(), 2, "2g")) {
            List<String> args = new ArrayList<>(List.of(photos.toString(), "--out", tmp.resolve("out").toString(),
                    "--format", "jsonl", "--master", cluster.masterUrl, "--annotated", tmp.resolve("annotated").toString(),
                    // two executors of one core each: two JVMs, each with its own copy of the models
                    "--conf", "spark.executor.cores=1", "--conf", "spark.executor.memory=768m",
                    "--conf", "spark.sql.files.maxPartitionBytes=1m", "--conf", "spark.sql.files.openCostInBytes=256k"));
            cluster.driverConf().forEach((k, v) -> args.addAll(List.of("--conf", k + "=" + v)));
            Results.Run run = Results.run(new SparkCommand(), args);
            String logs = cluster.executorLogs();
            assertEquals(1, run.exitCode(), "exit code 1: some photos failed\n" + run.err() + "\n" + logs);
            assertTrue(run.err().contains("10 images") && run.err().contains("4 errors"), run.err());
            assertEquals(2, cluster.executorCount(), "executor JVMs\n" + logs);

            Map<String, Detection> actual = Results.jsonlOutput(tmp.resolve("out"));
            Results.assertSame(expected, actual);
            for (Detection d : actual.values()) {
                assertTrue(d.image().startsWith(photos.toString()), d.image());
            }
            String anyLine = Files.readAllLines(Files.list(tmp.resolve("out"))
                    .filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow()).get(0);
            assertTrue(anyLine.contains("\"detector\":\"yunet\"") && anyLine.contains("\"id\":\"mask-classifier\""), anyLine);
            for (Detection d : expected.values()) {
                Path annotated = tmp.resolve("annotated").resolve(Path.of(d.image()).getFileName());
                assertEquals(d.ok(), Files.isRegularFile(annotated), annotated.toString());
            }
        }
    }
}
