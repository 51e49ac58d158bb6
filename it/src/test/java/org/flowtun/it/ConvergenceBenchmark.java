/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.Test;

/**
 * Convergence benchmark (not a test: it prints figures and writes them to target/benchmarks/convergence.json;
 * run it with scripts/benchmark.sh). The real distribution (bin/start), one real Open vSwitch node connected over
 * OVSDB and OpenFlow:
 * <ul>
 *   <li>bulk: 10,000 remote ports (binding profiles) created in one RESTCONF request, until all 10,000 egress
 *       flows are in OVS, once as a POST (RESTCONF create) and once as a PATCH (merge) of the lports;</li>
 *   <li>single port: p50/p99 from one lport PUT to its flow in OVS, with those 20,000 ports present.</li>
 * </ul>
 */
public class ConvergenceBenchmark {
    private static final int BULK = Integer.getInteger("flowtun.bench.bulk", 10_000);
    private static final int SINGLE = Integer.getInteger("flowtun.bench.single", 200);

    /** Aluminium's RESTCONF checks each entry of a POST with a blocking read: 10,000 take tens of seconds. */
    private final Restconf restconf = new Restconf(8181, Duration.ofMinutes(10));

    @Test
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public void convergence() throws Exception {
        final Map<String, Object> figures = new LinkedHashMap<>();
        try (KarafProcess karaf = KarafProcess.unpack(Path.of("target", "bench-karaf").toAbsolutePath())) {
            karaf.setFlowtunConfig("datapath-type", "netdev");
            karaf.setFlowtunConfig("controller-target", "tcp:127.0.0.1:6653");
            karaf.start();
            Await.until(Duration.ofMinutes(4), () -> {
                try {
                    return restconf.get("flowtun-lport:lports").status == 200 ? null : "RESTCONF not ready";
                } catch (AssertionError e) {
                    return "RESTCONF not up";
                }
            });
            try (OvsNode node = OvsNode.start("bench", "chassis-bench", "10.99.8.1")) {
                TunnelPortChecks.awaitTunnelPorts(node, List.of("vxlan", "gre", "geneve"), "10.99.8.1");
                Await.until(Overlay.TIMEOUT, () -> node.vsctl("--columns=is_connected", "list", "Controller")
                    .contains("true") ? null : "not connected over OpenFlow");
                final Overlay overlay = new Overlay(restconf);
                overlay.network("bench-net", "vxlan", 4242);

                figures.put("bulk_ports", BULK);
                bulk(node, "post", figures, 0);
                bulk(node, "patch", figures, BULK);
                single(node, figures, 2 * BULK);
            }
        }
        final StringBuilder json = new StringBuilder("{\n");
        figures.forEach((key, value) -> json.append(json.length() > 2 ? ",\n" : "").append("  \"").append(key)
            .append("\": ").append(value instanceof String ? "\"" + value + "\"" : value));
        json.append("\n}\n");
        final Path out = Path.of("target", "benchmarks", "convergence.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json, StandardCharsets.UTF_8);
        System.out.println("flowtun convergence benchmark (" + out.toAbsolutePath() + "):\n" + json);
    }

    private void bulk(final OvsNode node, final String method, final Map<String, Object> figures, final int offset)
            throws Exception {
        final StringBuilder ports = new StringBuilder();
        for (int i = 0; i < BULK; i++) {
            final int n = offset + i;
            ports.append(i == 0 ? "" : ",").append("{\"id\":\"bulk-").append(n)
                .append("\",\"network\":\"bench-net\",\"binding-profile\":{\"host-ip\":\"10.").append(100 + n / 62500)
                .append('.').append(n / 250 % 250).append('.').append(n % 250 + 1).append("\"}}");
        }
        final long start = System.nanoTime();
        final Restconf.Reply reply = "post".equals(method)
            ? restconf.post("flowtun-lport:lports", "{\"flowtun-lport:lport\":[" + ports + "]}")
            : restconf.patch("flowtun-lport:lports", "{\"flowtun-lport:lports\":{\"lport\":[" + ports + "]}}");
        final long answered = System.nanoTime();
        assertEquals(reply.toString(), "post".equals(method) ? 201 : 200, reply.status);
        final int want = offset + BULK;
        Await.until(Duration.ofMinutes(5), () -> {
            final int have = egressFlows(node);
            return have >= want ? null : have + " of " + want + " egress flows";
        });
        final long done = System.nanoTime();
        figures.put(method + "_request_seconds", seconds(answered - start));
        figures.put(method + "_flows_after_answer_seconds", seconds(done - answered));
        figures.put(method + "_total_seconds", seconds(done - start));
    }

    private void single(final OvsNode node, final Map<String, Object> figures, final int present)
            throws Exception {
        final List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < SINGLE; i++) {
            final long key = 3_000_000 + i;
            final String id = "single-" + i;
            final long start = System.nanoTime();
            final Restconf.Reply reply = restconf.put("flowtun-lport:lports/lport=" + id, "{\"flowtun-lport:lport\":[{"
                + "\"id\":\"" + id + "\",\"network\":\"bench-net\",\"tunnel-key\":" + key
                + ",\"binding-profile\":{\"host-ip\":\"10.200.0." + (i % 250 + 1) + "\"}}]}");
            assertEquals(reply.toString(), 201, reply.status);
            while (!node.ofctl("dump-flows", "table=75,reg7=" + key).contains("reg7=")) {
                if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
                    throw new AssertionError("no flow for " + id + " after 30 s");
                }
            }
            latencies.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(latencies);
        figures.put("single_ports_present", present);
        figures.put("single_samples", SINGLE);
        figures.put("single_p50_ms", round(latencies.get(latencies.size() / 2)));
        figures.put("single_p99_ms", round(latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1)));
        figures.put("single_max_ms", round(latencies.get(latencies.size() - 1)));
    }

    private static int egressFlows(final OvsNode node) throws IOException {
        final String dump = node.ofctl("dump-flows", "table=75");
        int count = 0;
        for (int at = dump.indexOf("reg7="); at >= 0; at = dump.indexOf("reg7=", at + 1)) {
            count++;
        }
        return count;
    }

    private static String seconds(final long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static String round(final double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }
}
