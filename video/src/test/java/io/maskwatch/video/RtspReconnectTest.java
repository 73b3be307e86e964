package io.maskwatch.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real RTSP server (GStreamer) on 127.0.0.1 serves a video to watch running as its own process; the server is
 * killed and restarted mid-way; watch reconnects and goes on; SIGTERM then ends every open track and flushes.
 */
class RtspReconnectTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void reconnectsAfterTheServerDiesAndEndsTracksOnSigterm(@TempDir Path dir) throws Exception {
        Path video = VideoFixtures.shortVideo();
        Path script = dir.resolve("rtsp_server.py");
        try (InputStream in = RtspReconnectTest.class.getResourceAsStream("rtsp_server.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        int port = VideoFixtures.freePort();
        Process server = startServer(script, port, video, dir.resolve("server1.log"));
        Process watch = null;
        Path events = dir.resolve("events.jsonl");
        Path err = dir.resolve("watch.err");
        try {
            MqttEventsTest.waitForPort(port, server);
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                    WatchCommand.class.getName(), "rtsp://127.0.0.1:" + port + "/live",
                    "--events", events.toString(), "--read-timeout", "2"));
            cmd.addAll(VideoFixtures.modelArgs());
            watch = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(err.toFile())
                    .redirectOutput(dir.resolve("watch.out").toFile()).start();
            Process w = watch;
            waitUntil(120, () -> count(events, "track_start") > 0, w, err);
            int before = lines(events).size();

            server.destroyForcibly(); // the server dies without a goodbye
            server.waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(3000);
            server = startServer(script, port, video, dir.resolve("server2.log"));
            MqttEventsTest.waitForPort(port, server);
            waitUntil(120, () -> read(err).contains("reconnected") && lines(events).size() > before + 1, w, err);

            watch.destroy(); // SIGTERM
            assertTrue(watch.waitFor(60, TimeUnit.SECONDS), "watch did not stop after SIGTERM: " + read(err));
            String stderr = read(err);
            System.out.println("watch's stderr in the reconnect test:\n" + stderr);
            assertTrue(stderr.matches("(?s).*\\d+ reconnects.*") && !stderr.contains(" 0 reconnects"), stderr);

            List<WatchEvent> ev = lines(events).stream().map(WatchEvent::fromJson).toList();
            Set<Long> started = new HashSet<>();
            Set<Long> ended = new HashSet<>();
            for (WatchEvent e : ev) {
                if (e.type().equals("track_start")) {
                    started.add(e.track());
                } else if (e.type().equals("track_end")) {
                    assertTrue(ended.add(e.track()), "one end per track: " + e.toJson());
                }
            }
            assertTrue(started.size() >= 2, "people before and after the outage: " + ev.size() + " events");
            assertEquals(started, ended, "SIGTERM ends every open track");
            // time goes on from when the stream was first opened
            double lastTime = ev.get(ev.size() - 1).time();
            assertTrue(lastTime > ev.get(0).time() + 3, "time since the stream was opened: " + lastTime);
        } finally {
            if (watch != null && watch.isAlive()) {
                watch.destroyForcibly();
            }
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process startServer(Path script, int port, Path video, Path log) throws Exception {
        assertTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is missing");
        return new ProcessBuilder(PYTHON.toString(), script.toString(), Integer.toString(port), video.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void waitUntil(int seconds, BooleanSupplier done, Process watch, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            assertTrue(watch.isAlive(), "watch exited: " + read(err));
            assertTrue(System.nanoTime() < deadline, "timed out; watch said: " + read(err));
            Thread.sleep(200);
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p).stream().filter(s -> s.endsWith("}")).toList() : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static long count(Path p, String type) {
        return lines(p).stream().filter(l -> l.contains("\"type\":\"" + type + "\"")).count();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
