/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrapes flowtun's Prometheus endpoint every second during a benchmark, as Prometheus would, and keeps what the
 * Grafana dashboard (docs/operations.md) shows: flows wanted, confirmed, missing and stale over the switches (sum
 * and worst switch), replacements, the convergence histogram's buckets, lports, heap and RSS; with the benchmark's
 * phases marked. Written as JSON for {@code scripts/plot-benchmarks.py} (docs/operations.png).
 */
final class MetricsRecorder implements AutoCloseable {
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI endpoint;
    private final long start = System.nanoTime();
    private final List<Map<String, Object>> samples = new ArrayList<>();
    private final List<Map<String, Object>> phases = new ArrayList<>();
    private final ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "metrics-recorder");
        thread.setDaemon(true);
        return thread;
    });

    /** Scrapes every second, or (with {@code enabled} false, to measure what scraping costs) never. */
    MetricsRecorder(final int port, final boolean enabled) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/flowtun/metrics");
        if (enabled) {
            scraper.scheduleAtFixedRate(this::scrape, 0, 1, TimeUnit.SECONDS);
        }
    }

    /** Marks the start of a phase of the benchmark (shown on the plot). */
    synchronized void phase(final String name) {
        phases.add(Map.of("t", seconds(), "phase", name));
    }

    private double seconds() {
        return Figures.round((System.nanoTime() - start) / 1e9, 1);
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void scrape() {
        final double at = seconds();
        final String body;
        try {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(5)).GET().build(), BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // the controller is starting or stopping: no sample, as Prometheus records none
                return;
            }
            body = response.body();
        } catch (IOException | RuntimeException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("t", at);
        final Map<String, Double> sums = new TreeMap<>();
        final Map<String, Double> maxima = new TreeMap<>();
        final Map<String, Double> buckets = new TreeMap<>((a, b) -> Double.compare(le(a), le(b)));
        for (Map.Entry<String, Double> sample : PrometheusText.samples(body).entrySet()) {
            final String name = PrometheusText.name(sample.getKey());
            final String labels = sample.getKey().substring(name.length());
            final double value = sample.getValue();
            if ("flowtun_flow_convergence_seconds_bucket".equals(name)) {
                final Matcher le = LE.matcher(labels);
                if (le.find()) {
                    buckets.put(le.group(1), value);
                }
            } else if (name.startsWith("flowtun_switch_") || name.equals("flowtun_node_tunnel_ports")) {
                sums.merge(name, value, Double::sum);
                maxima.merge(name, value, Math::max);
            } else if (name.equals("jvm_memory_bytes_used") && labels.contains("heap\"")
                    && !labels.contains("nonheap")) {
                row.put("heap_mb", Figures.round(value / 1e6, 1));
            } else if (name.equals("process_resident_memory_bytes")) {
                row.put("rss_mb", Figures.round(value / 1e6, 1));
            } else if (name.equals("flowtun_lports") || name.equals("flowtun_flow_convergence_seconds_count")
                    || name.equals("flowtun_locality_batch_seconds_count")) {
                row.put(name, value);
            }
        }
        row.put("sum", sums);
        row.put("max", maxima);
        row.put("convergence_buckets", buckets);
        synchronized (this) {
            samples.add(row);
        }
    }

    private static double le(final String bound) {
        return "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
    }

    /** Stops scraping and writes the series to {@code file}. */
    void write(final Path file) throws IOException {
        scraper.shutdownNow();
        final Map<String, Object> out = new LinkedHashMap<>();
        synchronized (this) {
            out.put("interval_seconds", 1);
            out.put("phases", new ArrayList<>(phases));
            out.put("samples", new ArrayList<>(samples));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.write(out), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        scraper.shutdownNow();
    }
}
