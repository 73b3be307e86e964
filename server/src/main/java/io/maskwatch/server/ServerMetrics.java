package io.maskwatch.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What {@code GET /metrics} reports, in Prometheus text format: requests by route and status with a latency
 * histogram, images, faces and unmasked faces counted, worker/queue occupancy, and the JVM (heap, GC, threads).
 */
final class ServerMetrics implements AutoCloseable {

    /** Histogram buckets: a small photo takes tens of ms, a 4000 px one a second or more on 2 cores. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter images;
    private final Counter faces;
    private final Counter unmasked;

    ServerMetrics(WorkerPool pool, BooleanSupplier ready) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        images = Counter.builder("maskwatch.images").description("Images processed").register(registry);
        faces = Counter.builder("maskwatch.faces").description("Faces found").register(registry);
        unmasked = Counter.builder("maskwatch.unmasked.faces").description("Faces found without a mask")
                .register(registry);
        Gauge.builder("maskwatch.workers", pool, WorkerPool::workers).description("Worker threads")
                .register(registry);
        Gauge.builder("maskwatch.workers.busy", pool, WorkerPool::running)
                .description("Workers running an image now").register(registry);
        Gauge.builder("maskwatch.requests.inflight", pool, WorkerPool::inFlight)
                .description("Detect requests admitted (running or queued)").register(registry);
        Gauge.builder("maskwatch.requests.capacity", pool, WorkerPool::capacity)
                .description("Workers + queue: admitted requests beyond this get 503").register(registry);
        // Gauges hold their object weakly; the supplier is a lambda nothing else keeps, so hold it strongly
        // (without this the gauge reads NaN once the collector has run).
        Gauge.builder("maskwatch.ready", ready, r -> r.getAsBoolean() ? 1 : 0).strongReference(true)
                .description("1 once the models are loaded").register(registry);
        Gauge.builder("maskwatch.jvm.heap.peak", ServerMetrics::heapPeakBytes).baseUnit("bytes")
                .description("Sum of the heap pools' peak usage since start (an upper bound of the peak heap)")
                .register(registry);
    }

    /** Counts one finished HTTP request. */
    void request(String method, String route, int status, long nanos) {
        Timer.builder("maskwatch.http.requests")
                .description("HTTP requests by route and status, with latency")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** Counts one processed image and its faces. */
    void image(int faceCount, long unmaskedCount) {
        images.increment();
        faces.increment(faceCount);
        unmasked.increment(unmaskedCount);
    }

    String scrape() {
        return registry.scrape();
    }

    static long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
