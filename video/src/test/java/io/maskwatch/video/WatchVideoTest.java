package io.maskwatch.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.maskwatch.video.bench.PersonScore;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * watch on a real video made of annotated photos: one alert per unmasked person, events in the documented format,
 * to a file and a real webhook, the annotated video and the snapshots written, and a missing source reported
 * without stopping the other.
 */
class WatchVideoTest {

    private static final Set<String> KEYS = Set.of("type", "source", "track", "time", "frame", "label",
            "mask_probability", "box", "snapshot");

    @Test
    void oneAlertPerUnmaskedPersonWithEveryOutput(@TempDir Path dir) throws Exception {
        Path video = VideoFixtures.photoVideo();
        List<String> posted = Collections.synchronizedList(new ArrayList<>());
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        Path events = dir.resolve("events.jsonl");
        Path output = dir.resolve("annotated.mp4");
        Path snapshots = dir.resolve("snapshots");
        Path missing = dir.resolve("nope.mp4");
        VideoFixtures.Run run;
        try {
            run = VideoFixtures.watch(new WatchCommand(), List.of(video.toString(), missing.toString(),
                    "--events", events.toString(), "--output", output.toString(), "--snapshots", snapshots.toString(),
                    "--webhook", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook", "--blur", "none"));
        } finally {
            hook.stop(0);
        }
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(missing + ": no such file"), run.err());

        // the format: exactly the documented keys, known types and labels
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(events).stream().filter(s -> !s.isBlank()).toList();
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            Set<String> keys = new HashSet<>();
            n.fieldNames().forEachRemaining(keys::add);
            assertEquals(KEYS, keys, line);
            assertTrue(Set.of("track_start", "alert", "track_end").contains(n.get("type").asText()), line);
            assertTrue(Set.of("masked", "incorrect", "unmasked", "unknown").contains(n.get("label").asText()), line);
            assertEquals(Set.of("x1", "y1", "x2", "y2"), fieldNames(n.get("box")), line);
            assertTrue(n.get("track").isIntegralNumber() && n.get("frame").isIntegralNumber(), line);
        }
        List<WatchEvent> ev = VideoFixtures.events(events);
        assertTrue(ev.stream().allMatch(e -> e.source().equals(video.toString())));

        // each track: one start, at most one alert, one end, in that order
        Map<Long, List<String>> byTrack = new HashMap<>();
        ev.forEach(e -> byTrack.computeIfAbsent(e.track(), k -> new ArrayList<>()).add(e.type()));
        for (var t : byTrack.entrySet()) {
            List<String> types = t.getValue();
            assertEquals("track_start", types.get(0), "track " + t.getKey() + ": " + types);
            assertEquals("track_end", types.get(types.size() - 1), "track " + t.getKey() + ": " + types);
            assertTrue(types.size() == 2 || types.equals(List.of("track_start", "alert", "track_end")),
                    "track " + t.getKey() + ": " + types);
        }

        // per person, against the annotations
        PersonScore score = PersonScore.of(VideoFixtures.shots(), ev, 20);
        System.out.println("watch on " + VideoFixtures.PHOTOS + ": " + score + "; missed " + score.missed()
                + "; wrong " + score.wrong());
        assertTrue(score.unmaskedPeople() >= 10, score.toString());
        // The 95% target is for the full set (watch-bench accuracy, docs/watch.md); on these 16 people one miss is 6%.
        assertTrue(score.unmaskedAlerted() >= score.unmaskedPeople() - 1, score + "; missed " + score.missed());
        assertEquals(0, score.duplicateAlerts(), score.toString());
        // The full set's target is 3% wrong alerts (docs/watch.md); on this sample of ~17 alerts one is 6%.
        assertTrue(score.wrongAlerts() <= 1, score + "; wrong " + score.wrong());

        // snapshots: one JPEG per alert, named in the alert event
        List<WatchEvent> alerts = ev.stream().filter(e -> e.type().equals("alert")).toList();
        for (WatchEvent a : alerts) {
            assertNotNull(a.snapshot(), a.toJson());
            BufferedImage img = ImageIO.read(Path.of(a.snapshot()).toFile());
            assertNotNull(img, a.snapshot());
            assertTrue(img.getWidth() >= a.box().width(), a.toJson());
        }
        try (var s = Files.list(snapshots)) {
            assertEquals(alerts.size(), s.filter(p -> p.toString().endsWith(".jpg")).count());
        }

        // the annotated video of the first of two sources: every frame, at the source's size
        assertTrue(Files.notExists(dir.resolve("annotated-2.mp4")), "nothing is written for the missing source");
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(dir.resolve("annotated-1.mp4").toFile())) {
            g.start();
            assertEquals(1280, g.getImageWidth());
            assertEquals(720, g.getImageHeight());
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            assertEquals(80, frames);
        }

        // the webhook got every event (delivered before watch returned)
        assertEquals(lines, List.copyOf(posted));
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
