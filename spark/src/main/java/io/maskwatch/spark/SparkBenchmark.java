package io.maskwatch.spark;

import io.maskwatch.cli.DetectCommand;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Photos/s of {@code maskwatch spark} (local[1], local[2]: one executor with 1 or 2 cores) against
 * {@code maskwatch detect} (--threads 1, 2) on the same photos, each run in a fresh JVM, rounds interleaved.
 * Prints processing throughput (each command's own summary), whole-run wall time, start-up and process CPU.
 *
 * <pre>java -cp 'spark/target/maskwatch-spark.jar:spark/target/lib/*' -Dmaskwatch.home=. \
 *     io.maskwatch.spark.SparkBenchmark [--limit 300] [--rounds 2] FOLDER...</pre>
 */
public final class SparkBenchmark {

    private static final Pattern RATE = Pattern.compile("([0-9.]+) images/s");
    private static final Pattern DETECT_START = Pattern.compile("models loaded in ([0-9.]+) s");
    private static final Pattern SPARK_START = Pattern.compile("Spark started in ([0-9.]+) s");
    private static final Pattern CPU = Pattern.compile("BENCH_CPU_SECONDS=([0-9.]+)");

    private SparkBenchmark() {
    }

    record Result(String name, int cores, double wallSeconds, double rate, double startSeconds, double cpuSeconds) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("--child-")) {
            child(args);
            return;
        }
        int limit = 300;
        int rounds = 2;
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> dirs.add(Path.of(args[i]));
            }
        }
        if (dirs.isEmpty()) {
            System.err.println("usage: SparkBenchmark [--limit N] [--rounds R] FOLDER...");
            System.exit(2);
        }
        List<String> photos = new ArrayList<>();
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                photos.addAll(s.map(Path::toString).filter(p -> p.toLowerCase(Locale.ROOT).endsWith(".jpg")).sorted().toList());
            }
        }
        photos = photos.subList(0, Math.min(limit, photos.size()));
        Path tmp = Files.createTempDirectory("maskwatch-spark-bench");
        System.out.printf(Locale.ROOT, "%d photos from %s; %d cores on this machine (load average %.1f); %d rounds%n",
                photos.size(), dirs, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), rounds);
        Map<String, List<Result>> all = new LinkedHashMap<>();
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (int cores : new int[] {1, 2}) {
                List<String> detect = new ArrayList<>(List.of("--child-detect"));
                detect.addAll(photos);
                detect.addAll(List.of("--threads", String.valueOf(cores), "--json", tmp.resolve("d" + n++ + ".jsonl").toString(),
                        "--no-progress"));
                add(all, run("detect", cores, detect, DETECT_START));
                List<String> spark = new ArrayList<>(List.of("--child-spark"));
                spark.addAll(photos);
                spark.addAll(List.of("--out", tmp.resolve("s" + n++).toString(), "--format", "jsonl",
                        "--master", "local[" + cores + "]"));
                add(all, run("spark", cores, spark, SPARK_START));
            }
        }
        System.out.println();
        System.out.println("| command | cores | images/s (processing) | whole run, s | start-up, s | process CPU, s | CPU ms/photo |");
        System.out.println("|---|---|---|---|---|---|---|");
        Map<Integer, Double> detectRate = new LinkedHashMap<>();
        for (List<Result> rs : all.values()) {
            Result best = rs.stream().max(Comparator.comparingDouble(Result::rate)).orElseThrow();
            if (best.name().equals("detect")) {
                detectRate.put(best.cores(), best.rate());
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.0f |%n", best.name(), best.cores(),
                    best.rate(), best.wallSeconds(), best.startSeconds(), best.cpuSeconds(),
                    1000 * best.cpuSeconds() / photos.size());
        }
        for (List<Result> rs : all.values()) {
            Result best = rs.stream().max(Comparator.comparingDouble(Result::rate)).orElseThrow();
            if (best.name().equals("spark")) {
                System.out.printf(Locale.ROOT, "Spark overhead with %d core(s): %.0f%% (processing photos/s vs detect)%n",
                        best.cores(), 100 * (detectRate.get(best.cores()) / best.rate() - 1));
            }
        }
        System.out.println("(best of " + rounds + " rounds; per-run figures above the table)");
    }

    private static void add(Map<String, List<Result>> all, Result r) {
        all.computeIfAbsent(r.name() + r.cores(), k -> new ArrayList<>()).add(r);
        System.out.printf(Locale.ROOT, "%s cores=%d: %.1f images/s, whole run %.1f s, start-up %.1f s, CPU %.1f s%n",
                r.name(), r.cores(), r.rate(), r.wallSeconds(), r.startSeconds(), r.cpuSeconds());
    }

    private static Result run(String name, int cores, List<String> args, Pattern start) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path")));
        if (System.getProperty("maskwatch.home") != null) {
            cmd.add("-Dmaskwatch.home=" + System.getProperty("maskwatch.home"));
        }
        cmd.add(SparkBenchmark.class.getName());
        cmd.addAll(args);
        Path log = Files.createTempFile("maskwatch-spark-bench", ".log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (code != 0) {
            throw new IllegalStateException(name + " exited with " + code + ":\n" + out);
        }
        return new Result(name, cores, wall, find(RATE, out), find(start, out), find(CPU, out));
    }

    private static double find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        double v = Double.NaN;
        while (m.find()) {
            v = Double.parseDouble(m.group(1));
        }
        if (Double.isNaN(v)) {
            throw new IllegalStateException("no '" + p + "' in:\n" + text);
        }
        return v;
    }

    /** One measured run in this JVM; prints the process CPU time at the end. */
    private static void child(String[] args) {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Object command = args[0].equals("--child-detect") ? new DetectCommand() : new SparkCommand();
        int code = new CommandLine(command).execute(rest);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.err.printf(Locale.ROOT, "BENCH_CPU_SECONDS=%.2f%n", os.getProcessCpuTime() / 1e9);
        System.exit(code);
    }
}
