package io.maskwatch.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1: a Master and a Worker, each in its own JVM, on ephemeral
 * ports; the Worker starts executors in JVMs of their own. There is no Spark distribution: Spark's jars
 * come from {@code classPath}, so SPARK_HOME is an empty folder with the {@code jars/} the Worker's command
 * builder looks for, and executors get the same class path through {@code spark.executor.extraClassPath}.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://[0-9.]+:\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    final Path dir;
    final String classPath;
    final String masterUrl;
    private final List<Process> processes = new ArrayList<>();

    /**
     * Starts the cluster: a worker with {@code workerCores} cores and {@code workerMemory} (e.g. "2g").
     *
     * @param classPath Spark's and maskwatch's jars and classes, for Master, Worker and executors
     */
    StandaloneCluster(Path dir, String classPath, int workerCores, String workerMemory) throws IOException, InterruptedException {
        this.dir = dir;
        this.classPath = classPath;
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        boolean ok = false;
        try {
            Process master = start("master", List.of("org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"), sparkHome);
            Matcher m = await(master, dir.resolve("master.log"), MASTER_URL);
            this.masterUrl = m.group(1);
            Process worker = start("worker", List.of("org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
                    "--cores", String.valueOf(workerCores), "--memory", workerMemory,
                    "--work-dir", Files.createDirectories(dir.resolve("work")).toString(), masterUrl), sparkHome);
            await(worker, dir.resolve("worker.log"), Pattern.compile("Successfully registered with master"));
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    /** The settings a driver needs to run on this cluster from this class path. */
    Map<String, String> driverConf() {
        return Map.of(
                "spark.executor.extraClassPath", classPath,
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1",
                "spark.ui.enabled", "false");
    }

    /** The executors' own log files (stderr), to show when a test fails. */
    String executorLogs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var s = Files.walk(dir.resolve("work"))) {
            for (Path p : s.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
                sb.append("==== ").append(p).append('\n');
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> sb.append(l).append('\n'));
            }
        }
        return sb.toString();
    }

    /** How many executor JVMs the Worker has started (one folder each under work/APP/). */
    long executorCount() throws IOException {
        try (var s = Files.walk(dir.resolve("work"), 2)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d+") && Files.isDirectory(p)).count();
        }
    }

    private Process start(String name, List<String> mainAndArgs, Path sparkHome) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classPath));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove("SPARK_CONF_DIR");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static Matcher await(Process p, Path log, Pattern pattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("Spark process exited with " + p.exitValue() + ":\n" + text);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no '" + pattern + "' in " + log + " within " + START_TIMEOUT + ":\n"
                + Files.readString(log, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) { // worker first: it stops its executors
            Process p = processes.get(i);
            List<ProcessHandle> children = p.descendants().toList(); // executors
            p.destroy();
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }
}
