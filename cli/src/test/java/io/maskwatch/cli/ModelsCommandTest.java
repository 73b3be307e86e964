package io.maskwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import com.sun.net.httpserver.HttpServer;
import io.maskwatch.model.Checksums;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code maskwatch models} run as a user runs it, with downloads from a real HTTP server on loopback. */
class ModelsCommandTest {

    static final Path SHARED = SharedFolder.require();
    static final String YUNET_SHA = "25a606a145a5b6d7271ae138fbd00eba91dad8b83222ae3f2c7ecd0f4a7b0e31";

    @TempDir
    Path tmp;

    HttpServer server;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        byte[] model = Files.readAllBytes(SHARED.resolve("models/yunet/yunet_n_640_640.onnx"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/yunet.onnx", ex -> {
            ex.sendResponseHeaders(200, model.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(model);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** A manifest with one model that is on no folder of the model path, downloadable from the loopback server. */
    private Path manifest() throws IOException {
        Path m = tmp.resolve("manifest.json");
        Files.writeString(m, """
                {"models": {"test-yunet": {
                  "file": "test/yunet-copy.onnx", "sha256": "%s", "size": 317466,
                  "licence": "Apache-2.0", "url": "http://127.0.0.1:%d/yunet.onnx", "source": "loopback test server"}}}
                """.formatted(YUNET_SHA, server.getAddress().getPort()));
        return m;
    }

    @Test
    void listShowsEachModelWithStatusLicenceAndSource() throws IOException {
        Path dir = tmp.resolve("mine");
        Files.createDirectories(dir.resolve("yunet"));
        Files.copy(SHARED.resolve("models/yunet/yunet_n_640_640.onnx"), dir.resolve("yunet/yunet_n_640_640.onnx"));

        int rc = run("models", "--model-path", dir.toString(), "--offline", "--cache-dir", tmp.resolve("cache").toString());

        String o = out.toString();
        assertEquals(0, rc, o + err);
        assertTrue(o.contains("1. " + dir + " [flag]"), o);
        for (String id : new String[] {"retinaface-mnet025", "yunet-dynamic", "yunet-640", "yunet-masked", "pfld-68", "mask-classifier", "face-check"}) {
            assertTrue(o.contains(id), id + "\n" + o);
        }
        assertTrue(o.contains("yunet-640            verified   " + dir.resolve("yunet/yunet_n_640_640.onnx")), o);
        assertTrue(o.contains("licence: Apache-2.0"), o);
        assertTrue(o.contains("github.com/ShiqiYu/libfacedetection.train @ 0047ac24afb1a50a0c6105001c89d1b5b805dbf1"), o);
    }

    @Test
    void fetchDownloadsIntoTheCacheAndVerifyThenPasses() throws IOException {
        Path cache = tmp.resolve("cache");
        String[] common = {"--manifest", manifest().toString(), "--cache-dir", cache.toString()};

        assertEquals(1, run(concat(new String[] {"models", "verify"}, common)), out.toString());
        assertTrue(out.toString().contains("test-yunet           missing"), out.toString());

        int rc = run(concat(new String[] {"models", "fetch", "test-yunet"}, common));
        assertEquals(0, rc, out.toString() + err);
        Path got = cache.resolve("test/yunet-copy.onnx");
        assertEquals(YUNET_SHA, Checksums.compute(got));
        assertTrue(err.toString().contains("fetching model test-yunet"), err.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, run(concat(new String[] {"models", "verify", "test-yunet"}, common)), out.toString());
        assertTrue(out.toString().contains("test-yunet           verified   " + got), out.toString());

        // Damaged in the cache: verify fails and says so; fetch --offline refuses; fetch repairs it.
        Files.write(got, new byte[317466]);
        assertEquals(1, run(concat(new String[] {"models", "verify", "test-yunet"}, common)));
        assertTrue(out.toString().contains("test-yunet           corrupt"), out.toString());
        assertEquals(1, run(concat(new String[] {"models", "fetch", "test-yunet", "--offline"}, common)));
        assertTrue(err.toString().contains("offline mode is on"), err.toString());
        assertEquals(0, run(concat(new String[] {"models", "fetch", "test-yunet"}, common)), err.toString());
        assertEquals(YUNET_SHA, Checksums.compute(got));
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("models", "list", "no-such-model", "--offline"));
        assertTrue(err.toString().contains("unknown model id 'no-such-model'"), err.toString());
        assertEquals(2, run("models", "frobnicate"));
        assertTrue(err.toString().contains("unknown action 'frobnicate'"), err.toString());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
