package io.maskwatch.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Drives a running maskwatch server with N concurrent clients for a fixed time, each posting photos (raw body)
 * one after another, and reports requests/s, latency percentiles, responses by status, and the server's heap
 * (sampled from its /metrics every half second). A client that gets 503 waits for Retry-After, as a well-behaved
 * client does. Run it against a server in another process so the heap figures are the server's alone:
 * {@code maskwatch serve loadtest --url http://127.0.0.1:8080/ --clients 16 --duration 60}.
 */
public final class LoadTest {

    private static final Pattern HEAP_USED = Pattern.compile(
            "(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)$");
    private static final Pattern HEAP_MAX = Pattern.compile(
            "(?m)^jvm_memory_max_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)$");
    private static final Pattern HEAP_PEAK = Pattern.compile("(?m)^maskwatch_jvm_heap_peak_bytes ([0-9.eE+-]+)$");

    /**
     * @param url        the server's base URL
     * @param clients    concurrent clients
     * @param duration   how long to send
     * @param images     photos sent in turn (each client starts at a different one)
     * @param apiKey     sent as X-API-Key when present
     * @param annotated  ask for annotated=true (adds PNG encoding to each request)
     */
    public record Options(URI url, int clients, Duration duration, List<Path> images, Optional<String> apiKey,
                          boolean annotated) {
        public Options {
            if (clients < 1) throw new IllegalArgumentException("clients must be >= 1: " + clients);
            if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be > 0");
            if (images.isEmpty()) throw new IllegalArgumentException("no images to send");
            images = List.copyOf(images);
        }
    }

    /** What one run measured. Latencies are of completed requests, in milliseconds. */
    public record Report(int clients, double seconds, long requests, Map<String, Long> byStatus, double[] latencyMs,
                         double[] okLatencyMs, long faces, long serverHeapUsedMax, long serverHeapPeak,
                         long serverHeapMax, int heapSamples) {

        public double requestsPerSecond() {
            return requests / seconds;
        }

        public long count(String status) {
            return byStatus.getOrDefault(status, 0L);
        }

        /** 5xx other than the deliberate 503, plus transport errors. */
        public long unexpectedErrors() {
            return byStatus.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("5") && !e.getKey().equals("503") || e.getKey().startsWith("io:"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        public static double percentile(double[] sorted, double p) {
            if (sorted.length == 0) return Double.NaN;
            int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "maskwatch load test: %d clients for %.1f s, %d cores on this machine%n", clients,
                    seconds, Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "  requests:   %d (%.1f/s); 200: %d (%.1f images/s), faces found: %d%n", requests,
                    requestsPerSecond(), count("200"), count("200") / seconds, faces);
            out.printf(Locale.ROOT, "  by status:  %s%n", String.join(", ", byStatus.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + ": " + e.getValue()).toList()));
            out.printf(Locale.ROOT, "  latency 200 (ms): p50 %.0f  p95 %.0f  p99 %.0f  max %.0f%n",
                    percentile(okLatencyMs, 50), percentile(okLatencyMs, 95), percentile(okLatencyMs, 99),
                    percentile(okLatencyMs, 100));
            out.printf(Locale.ROOT, "  latency all (ms): p50 %.0f  p95 %.0f  p99 %.0f%n",
                    percentile(latencyMs, 50), percentile(latencyMs, 95), percentile(latencyMs, 99));
            out.printf(Locale.ROOT, "  server heap: max sampled used %s, peak (sum of pool peaks) %s, limit %s (%d samples)%n",
                    mib(serverHeapUsedMax), mib(serverHeapPeak), mib(serverHeapMax), heapSamples);
            out.printf(Locale.ROOT, "  unexpected errors (5xx other than 503, transport): %d%n", unexpectedErrors());
        }

        private static String mib(long bytes) {
            return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
        }
    }

    private LoadTest() {
    }

    /** The photos of a folder (sorted by name): .jpg .jpeg .png .webp .bmp .gif. */
    public static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(jpe?g|png|webp|bmp|gif)")).sorted().toList();
        }
    }

    public static Report run(Options o) throws InterruptedException {
        List<byte[]> bodies = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Path p : o.images()) {
            try {
                bodies.add(Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            types.add(n.endsWith(".png") ? "image/png" : n.endsWith(".webp") ? "image/webp"
                    : n.endsWith(".bmp") ? "image/bmp" : n.endsWith(".gif") ? "image/gif" : "image/jpeg");
        }
        URI detect = o.url().resolve("api/v1/detect" + (o.annotated() ? "?annotated=true" : ""));
        URI metrics = o.url().resolve("metrics");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();

        Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
        List<double[]> perClientLatency = new ArrayList<>();
        List<double[]> perClientOk = new ArrayList<>();
        LongAdder faces = new LongAdder();
        AtomicLong ioErrors = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + o.duration().toNanos();
        AtomicLong heapUsedMax = new AtomicLong(-1);
        int[] samples = {0};

        Thread sampler = new Thread(() -> {
            while (System.nanoTime() < deadline + 1_000_000_000L && !Thread.currentThread().isInterrupted()) {
                sample(client, metrics, heapUsedMax, samples);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "loadtest-sampler");
        sampler.setDaemon(true);
        sampler.start();

        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < o.clients(); c++) {
            final int id = c;
            double[][] lat = {new double[1024]};
            double[][] ok = {new double[1024]};
            int[] n = {0, 0};
            Thread t = new Thread(() -> {
                int next = (int) ((long) id * bodies.size() / o.clients());
                while (System.nanoTime() < deadline) {
                    int i = next++ % bodies.size();
                    HttpRequest.Builder b = HttpRequest.newBuilder(detect).timeout(Duration.ofSeconds(120))
                            .header("Content-Type", types.get(i))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)));
                    o.apiKey().ifPresent(k -> b.header("X-API-Key", k));
                    long t0 = System.nanoTime();
                    String status;
                    long retryAfterMs = 0;
                    try {
                        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                        status = Integer.toString(r.statusCode());
                        if (r.statusCode() == 200) {
                            faces.add(countFaces(r.body()));
                        } else if (r.statusCode() == 503) {
                            retryAfterMs = 1000L * r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                        }
                    } catch (IOException e) {
                        status = "io:" + e.getClass().getSimpleName();
                        if (ioErrors.incrementAndGet() <= 3) {
                            System.err.println("loadtest: " + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
                    if (n[0] == lat[0].length) lat[0] = Arrays.copyOf(lat[0], n[0] * 2);
                    lat[0][n[0]++] = ms;
                    if (status.equals("200")) {
                        if (n[1] == ok[0].length) ok[0] = Arrays.copyOf(ok[0], n[1] * 2);
                        ok[0][n[1]++] = ms;
                    }
                    if (retryAfterMs > 0) {
                        long sleep = Math.min(retryAfterMs, (deadline - System.nanoTime()) / 1_000_000);
                        if (sleep > 0) {
                            try {
                                Thread.sleep(sleep);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                }
                synchronized (perClientLatency) {
                    perClientLatency.add(Arrays.copyOf(lat[0], n[0]));
                    perClientOk.add(Arrays.copyOf(ok[0], n[1]));
                }
            }, "loadtest-client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join(5000);
        String last = fetch(client, metrics);
        long peak = last == null ? -1 : (long) sum(HEAP_PEAK, last);
        long max = last == null ? -1 : (long) sum(HEAP_MAX, last);
        sample(client, metrics, heapUsedMax, samples);

        Map<String, Long> statuses = new TreeMap<>();
        byStatus.forEach((k, v) -> statuses.put(k, v.sum()));
        double[] all = perClientLatency.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        double[] oks = perClientOk.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        return new Report(o.clients(), seconds, all.length, statuses, all, oks, faces.sum(), heapUsedMax.get(), peak,
                max, samples[0]);
    }

    private static void sample(HttpClient client, URI metrics, AtomicLong heapUsedMax, int[] samples) {
        String m = fetch(client, metrics);
        if (m != null) {
            long used = (long) sum(HEAP_USED, m);
            heapUsedMax.accumulateAndGet(used, Math::max);
            samples[0]++;
        }
    }

    private static String fetch(HttpClient client, URI uri) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static double sum(Pattern p, String text) {
        double s = 0;
        for (Matcher m = p.matcher(text); m.find(); ) {
            s += Double.parseDouble(m.group(1));
        }
        return s;
    }

    /** Faces in a detect response, without a JSON parser on the hot path. */
    private static int countFaces(String json) {
        int n = 0;
        for (int i = json.indexOf("\"mask_probability\""); i >= 0; i = json.indexOf("\"mask_probability\"", i + 1)) {
            n++;
        }
        return n;
    }

    /** {@code LoadTest URL CLIENTS SECONDS IMAGE_DIR}: the same as {@code maskwatch serve loadtest}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: LoadTest URL CLIENTS SECONDS IMAGE_DIR");
            System.exit(2);
        }
        Report r = run(new Options(URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/"),
                Integer.parseInt(args[1]), Duration.ofSeconds(Long.parseLong(args[2])), images(Path.of(args[3])),
                Optional.ofNullable(System.getenv("MASKWATCH_API_KEY")), false));
        r.print(System.out);
        System.exit(r.unexpectedErrors() == 0 ? 0 : 1);
    }
}
