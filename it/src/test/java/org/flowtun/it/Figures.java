/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmarks' arithmetic and measurements: percentiles, rounding, the controller JVM's heap and RSS. */
final class Figures {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)");

    private Figures() {
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(final List<Double> sorted, final int percent) {
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
    }

    /** p50, p95, p99 and max of the values (milliseconds), rounded to 0.1. */
    static Map<String, Object> distribution(final List<Double> values) {
        final List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("samples", sorted.size());
        row.put("p50_ms", round(percentile(sorted, 50), 1));
        row.put("p95_ms", round(percentile(sorted, 95), 1));
        row.put("p99_ms", round(percentile(sorted, 99), 1));
        row.put("max_ms", round(sorted.get(sorted.size() - 1), 1));
        return row;
    }

    static double seconds(final long nanos) {
        return round(nanos / 1e9, 2);
    }

    static double round(final double value, final int digits) {
        final double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /**
     * The JVM's heap after a full GC (the live objects, from the class histogram's total, which runs a full GC
     * first; and what G1 reports as used) and its RSS, in MB; the histogram's first lines go to
     * {@code histogramFile} when it is not null.
     */
    static Map<String, Object> jvmMemory(final String pid, final Path histogramFile)
            throws IOException, InterruptedException {
        run("jcmd", pid, "GC.run");
        final Matcher used = HEAP_USED.matcher(run("jcmd", pid, "GC.heap_info"));
        final List<String> histogram = List.of(run("jcmd", pid, "GC.class_histogram").split("\n"));
        final Matcher total = HISTOGRAM_TOTAL.matcher(histogram.get(histogram.size() - 1));
        if (histogramFile != null) {
            Files.createDirectories(histogramFile.getParent());
            final List<String> kept = new ArrayList<>(histogram.subList(0, Math.min(45, histogram.size())));
            kept.add(histogram.get(histogram.size() - 1));
            Files.write(histogramFile, kept, StandardCharsets.UTF_8);
        }
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("live_heap_mb", total.find() ? round(Long.parseLong(total.group(1)) / 1024.0 / 1024.0, 1) : null);
        row.put("heap_after_gc_mb", used.find() ? round(Long.parseLong(used.group(1)) / 1024.0, 1) : null);
        final String rss = Files.readAllLines(Path.of("/proc", pid, "status")).stream()
            .filter(line -> line.startsWith("VmRSS:")).findFirst().orElse("VmRSS: 0 kB");
        row.put("rss_mb", round(Long.parseLong(rss.replaceAll("\\D+", "")) / 1024.0, 1));
        return row;
    }

    static String run(final String... command) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    static void log(final String what, final Map<String, Object> row) {
        System.out.println("[benchmark] " + what + ": " + row);
    }
}
