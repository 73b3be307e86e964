package io.maskwatch.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events to a real mosquitto broker (Debian's package) on loopback, read back by a subscriber. */
class MqttEventsTest {

    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    @Test
    void everyEventIsPublishedOnItsTopic(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(MOSQUITTO), "mosquitto is not installed (apt-get install mosquitto; .ci/run does)");
        Path video = VideoFixtures.shortVideo();
        int port = VideoFixtures.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Process broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        try {
            waitForPort(port, broker);
            String url = "tcp://127.0.0.1:" + port;
            MqttClient sub = new MqttClient(url, "maskwatch-test-sub", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            sub.connect(o);
            List<String[]> received = Collections.synchronizedList(new ArrayList<>());
            sub.subscribe("maskwatch/#", 1, (topic, m) ->
                    received.add(new String[] {topic, new String(m.getPayload(), StandardCharsets.UTF_8)}));
            Path events = dir.resolve("events.jsonl");
            VideoFixtures.Run run = VideoFixtures.watch(new WatchCommand(),
                    List.of(video.toString(), "--events", events.toString(), "--mqtt", url));
            assertEquals(0, run.exitCode(), run.err());
            List<String> lines = Files.readAllLines(events).stream().filter(s -> !s.isBlank()).toList();
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"alert\"")), "the video has unmasked people: " + lines);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (received.size() < lines.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            sub.disconnect();
            sub.close();
            assertEquals(lines.size(), received.size());
            String key = MqttSink.sourceKey(video.toString());
            assertEquals("short-480p.mp4", key);
            for (int i = 0; i < lines.size(); i++) {
                WatchEvent e = WatchEvent.fromJson(lines.get(i));
                assertEquals("maskwatch/" + key + "/" + e.type(), received.get(i)[0]);
                assertEquals(lines.get(i), received.get(i)[1]);
            }
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void waitForPort(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the server exited early");
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on port " + port + " after 20 s");
    }
}
