/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.flowtun.it.Figures.log;
import static org.flowtun.it.Figures.percentile;
import static org.flowtun.it.Figures.round;
import static org.flowtun.it.Figures.seconds;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * flowtun's scale benchmark (not a test: it measures and writes figures to target/benchmarks/scale.json; run it
 * with scripts/benchmark.sh, which also plots them). The real distribution (bin/start), one real Open vSwitch node
 * connected over OVSDB and OpenFlow, and RESTCONF over HTTP:
 * <ol>
 *   <li>tunnel ports per node as 10, 100 and 1,000 chassis are registered: flowtun's, counted on the switch,
 *       against the per-chassis mesh (N−1 ports per type), whose ports are really created on the same switch
 *       and timed;</li>
 *   <li>bulk: 1,000 / 10,000 / 50,000 remote ports in one RESTCONF request until all their flows are in OVS,
 *       and the switch's own limit: the identical flows added with {@code ovs-ofctl --bundle add-flows};</li>
 *   <li>single port: p50/p95/p99 from one lport PUT to its flow in OVS, with 10,000 ports present;</li>
 *   <li>controller cost: heap after a full GC and RSS of the Karaf JVM, and flows on the node, at 0 / 10,000 /
 *       50,000 lports;</li>
 *   <li>a chassis IP change with 10,000 ports bound to it, until every flow carries the new IP;</li>
 *   <li>a controller restart with those 10,000 ports, flows deleted and stale flows added while it was down,
 *       until the switch holds exactly the flows it held before.</li>
 * </ol>
 */
public class ScaleBenchmark {
    private static final List<Integer> BULK = sizes("flowtun.bench.bulk", "1000,10000,50000");
    private static final List<Integer> CHASSIS = sizes("flowtun.bench.chassis", "10,100,1000");
    private static final int SINGLE = Integer.getInteger("flowtun.bench.single", 200);
    private static final int BOUND = Integer.getInteger("flowtun.bench.bound", 10_000);
    /** Loggers (classes, packages) to log at DEBUG in the controller, e.g. where a bulk's time goes. */
    private static final List<String> DEBUG_LOGGERS = Arrays.stream(System.getProperty("flowtun.bench.debug", "")
        .split(",")).map(String::trim).filter(logger -> !logger.isEmpty()).collect(Collectors.toList());
    private static final int TAMPERED = 200;
    private static final List<String> TYPES = List.of("vxlan", "gre", "geneve");
    private static final String NET = "bench-net";
    /** The bench node's own VM on {@value #NET}, which makes the node need the network. */
    private static final String ANCHOR = "bench-anchor";
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Pattern FLOW_COUNT = Pattern.compile("flow_count=(\\d+)");
    /** flowtun's egress table (Pipeline.EGRESS): one tunnel app flow per remote port (and one per local port). */
    private static final int EGRESS_TABLE = 75;
    private static final Pattern REG7 = Pattern.compile("reg7=0x[0-9a-f]+\\b");

    private final Restconf restconf = new Restconf(8181, LONG);
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<Map<String, Object>> cost = new ArrayList<>();
    private KarafProcess karaf;
    private OvsNode node;
    /** br-int's egress table (one flow per remote port), watched for when flows land. */
    private FlowMonitor egress;

    @Test
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public void scale() throws Exception {
        figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
        try (KarafProcess process = KarafProcess.unpack(Path.of("target", "bench-karaf").toAbsolutePath())) {
            karaf = process;
            karaf.setFlowtunConfig("datapath-type", "netdev");
            karaf.setFlowtunConfig("controller-target", "tcp:127.0.0.1:6653");
            for (String logger : DEBUG_LOGGERS) {
                karaf.debugLog(logger);
            }
            karaf.start();
            restconf.awaitReady();
            try (OvsNode started = TunnelPortChecks.startConnected("bench", "chassis-bench", "10.99.8.1", TYPES);
                    FlowMonitor monitor = started.monitor(EGRESS_TABLE)) {
                node = started;
                egress = monitor;
                new Overlay(restconf).network(NET, "vxlan", 4242);
                // a node holds a network's remote ports only while it has a local port on it
                node.addVmPort("anchor", ANCHOR);
                anchor();
                cost.add(costAt(0));
                tunnelPortsVersusMesh();
                final List<Map<String, Object>> bulk = new ArrayList<>();
                for (int size : BULK) {
                    bulk.add(bulk(size));
                }
                figures.put("bulk", bulk);
                figures.put("cost", cost);
                chassisIpChange();
                restart();
            }
        }
        final Path out = Path.of("target", "benchmarks", "scale.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(figures), StandardCharsets.UTF_8);
        System.out.println("flowtun scale benchmark: " + out.toAbsolutePath());
    }

    /** Registers chassis up to each count; counts flowtun's tunnel ports; creates and times a mesh's ports. */
    private void tunnelPortsVersusMesh() throws Exception {
        final List<Map<String, Object>> rows = new ArrayList<>();
        int registered = 1;
        for (int count : CHASSIS) {
            final StringBuilder chassis = new StringBuilder();
            for (int i = registered; i < count; i++) {
                chassis.append(chassis.length() == 0 ? "" : ",").append("{\"id\":\"chassis-").append(i)
                    .append("\",\"ip\":\"").append(ip(252, i)).append("\",\"tunnel-types\":[")
                    .append(TYPES.stream().map(t -> "\"flowtun-types:" + t + "\"").collect(Collectors.joining(",")))
                    .append("]}");
            }
            if (chassis.length() > 0) {
                final Restconf.Reply reply = restconf.patch("flowtun-chassis:chassis-registry",
                    "{\"flowtun-chassis:chassis-registry\":{\"chassis\":[" + chassis + "]}}");
                assertEquals(reply.toString(), 200, reply.status);
            }
            registered = count;
            // give flowtun time to react to the new chassis before the ports are counted
            Thread.sleep(3_000);
            final long flowtunPorts = Arrays.stream(node.vsctl("list-ports", "br-int").split("\n"))
                .filter(port -> port.endsWith("-tunnel-port")).count();
            final int meshPorts = (count - 1) * TYPES.size();
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("chassis", count);
            row.put("flowtun_ports_per_node", flowtunPorts);
            row.put("mesh_ports_per_node", meshPorts);
            row.put("flowtun_ports_cloud", flowtunPorts * count);
            row.put("mesh_ports_cloud", (long) meshPorts * count);
            row.put("mesh_create_seconds", seconds(createMesh(meshPorts)));
            rows.add(row);
            log("tunnel ports", row);
        }
        figures.put("tunnel_ports", rows);
    }

    /** Creates {@code ports} per-peer tunnel ports on a bridge of their own, until OVS gave each an ofport. */
    private long createMesh(final int ports) throws Exception {
        node.vsctl("--may-exist", "add-br", "br-mesh", "--", "set", "Bridge", "br-mesh", "datapath_type=netdev");
        final long start = System.nanoTime();
        final int batch = 250;
        for (int from = 0; from < ports; from += batch) {
            final List<String> args = new ArrayList<>(List.of("--no-wait"));
            for (int i = from; i < Math.min(ports, from + batch); i++) {
                final String type = TYPES.get(i % TYPES.size());
                final String name = "m" + type.charAt(0) + i;
                args.addAll(List.of("--", "add-port", "br-mesh", name, "--", "set", "Interface", name,
                    "type=" + type, "options:remote_ip=" + ip(251, i / TYPES.size()), "options:key=flow",
                    "options:local_ip=10.99.8.1"));
            }
            node.vsctl(args.toArray(new String[0]));
        }
        Await.until(LONG, () -> {
            final int ready = meshOfports();
            return ready >= ports ? null : ready + " of " + ports + " mesh ports have an ofport";
        });
        final long elapsed = System.nanoTime() - start;
        // deleting thousands of ports keeps ovs-vswitchd busy for seconds: wait, so as not to slow what comes next
        node.vsctlWithin(300, "del-br", "br-mesh");
        return elapsed;
    }

    private int meshOfports() throws IOException {
        int ready = 0;
        for (String line : node.vsctl("--bare", "--columns=name,ofport", "list", "Interface").split("\n\n")) {
            final String[] cells = line.trim().split("\n");
            if (cells.length == 2 && cells[0].matches("m[a-z]\\d+") && cells[1].matches("[1-9]\\d*")) {
                ready++;
            }
        }
        return ready;
    }

    /** {@code size} remote ports in one PATCH until their flows are in OVS; then the switch's own time. */
    private Map<String, Object> bulk(final int size) throws Exception {
        final StringBuilder ports = new StringBuilder();
        for (int i = 0; i < size; i++) {
            ports.append(i == 0 ? "" : ",").append("{\"id\":\"bulk-").append(i).append("\",\"network\":\"")
                .append(NET).append("\",\"binding-profile\":{\"host-ip\":\"").append(ip(100 + i / 62_500, i))
                .append("\"}}");
        }
        if (!DEBUG_LOGGERS.isEmpty()) {
            // to find the request in the controller's log
            log("bulk request sent", Map.of("ports", size, "at", LocalTime.now()));
        }
        egress.mark();
        final long start = System.nanoTime();
        final Restconf.Reply reply = restconf.patch("flowtun-lport:lports",
            "{\"flowtun-lport:lports\":{\"lport\":[" + ports + "]}}");
        final long answered = System.nanoTime();
        assertEquals(reply.toString(), 200, reply.status);
        final long done = awaitEgressFlows(size);
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("ports", size);
        row.put("request_seconds", seconds(answered - start));
        row.put("flows_in_ovs_seconds", seconds(done - start));
        final double bundle = switchBulkSeconds();
        row.put("ovs_bundle_seconds", bundle);
        row.put("ratio_to_ovs_bundle", round((done - start) / 1e9 / bundle, 2));
        row.put("ports_per_second", Math.round(size / ((done - start) / 1e9)));
        log("bulk", row);
        // the single-port figures with the second size present (10,000 by default)
        final boolean single = BULK.indexOf(size) == Math.min(1, BULK.size() - 1);
        if (single) {
            figures.put("single_port", singlePorts(size));
        }
        cost.add(costAt(size + (single ? SINGLE : 0)));
        deleteLports();
        return row;
    }

    /**
     * The switch's own limit: the egress flows flowtun installed, dumped and added to an empty OpenFlow 1.4 bridge
     * of the same switch in one bundle by ovs-ofctl.
     */
    private double switchBulkSeconds() throws Exception {
        final List<String> flows = node.flows().stream().filter(flow -> flow.contains("table=75,"))
            .collect(Collectors.toList());
        final Path file = node.dir().resolve("bundle.flows");
        Files.write(file, flows, StandardCharsets.UTF_8);
        node.vsctl("--may-exist", "add-br", "br-limit", "--", "set", "Bridge", "br-limit", "datapath_type=netdev",
            "protocols=OpenFlow13,OpenFlow14", "fail_mode=secure");
        final long start = System.nanoTime();
        node.bundleAddFlows("br-limit", file);
        final long elapsed = System.nanoTime() - start;
        node.vsctl("del-br", "br-limit");
        return seconds(elapsed);
    }

    private Map<String, Object> singlePorts(final int present) throws Exception {
        final List<Double> latencies = new ArrayList<>();
        final List<Double> requests = new ArrayList<>();
        for (int i = 0; i < SINGLE; i++) {
            final long key = 3_000_000 + i;
            final String id = "single-" + i;
            egress.mark();
            final long start = System.nanoTime();
            final Restconf.Reply reply = restconf.put("flowtun-lport:lports/lport=" + id, "{\"flowtun-lport:lport\":[{"
                + "\"id\":\"" + id + "\",\"network\":\"" + NET + "\",\"tunnel-key\":" + key
                + ",\"binding-profile\":{\"host-ip\":\"" + ip(200, i) + "\"}}]}");
            assertEquals(reply.toString(), 201, reply.status);
            requests.add((System.nanoTime() - start) / 1e6);
            final long landed = egress.await(1, FlowMonitor.addedOrModified(reg7(key)), Duration.ofSeconds(30));
            latencies.add((landed - start) / 1e6);
        }
        final List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("ports_present", present);
        row.put("samples", SINGLE);
        row.put("p50_ms", round(percentile(sorted, 50), 1));
        row.put("p95_ms", round(percentile(sorted, 95), 1));
        row.put("p99_ms", round(percentile(sorted, 99), 1));
        row.put("max_ms", round(sorted.get(sorted.size() - 1), 1));
        // how much of it is the RESTCONF PUT itself (until its 201)
        final List<Double> sortedRequests = new ArrayList<>(requests);
        Collections.sort(sortedRequests);
        row.put("request_p50_ms", round(percentile(sortedRequests, 50), 1));
        row.put("request_p99_ms", round(percentile(sortedRequests, 99), 1));
        log("single port", row);
        row.put("latencies_ms", latencies.stream().map(v -> round(v, 1)).collect(Collectors.toList()));
        return row;
    }

    /**
     * Heap after a full GC (the bytes of live objects, from the class histogram's total, and what G1 reports as
     * used, which also counts its regions' slack) and RSS of the Karaf JVM, and flows on the node, with
     * {@code lports} present.
     */
    private Map<String, Object> costAt(final int lports) throws Exception {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("lports", lports);
        row.putAll(Figures.jvmMemory(karaf.pid(), Path.of("target", "benchmarks", "heap-histogram-" + lports
            + ".txt")));
        row.put("flows_on_node", node.flows().size());
        if (!cost.isEmpty() && lports >= 10_000) {
            perLport(row, "live_heap_mb", "live_bytes_per_lport", lports);
            perLport(row, "heap_after_gc_mb", "heap_bytes_per_lport", lports);
        }
        log("cost", row);
        return row;
    }

    /** The growth of {@code figure} (MB) since the first measurement (no lports), per lport in bytes. */
    private void perLport(final Map<String, Object> row, final String figure, final String name, final int lports) {
        final Object base = cost.get(0).get(figure);
        final Object now = row.get(figure);
        if (base != null && now != null) {
            row.put(name, Math.round(((Double) now - (Double) base) * 1024 * 1024 / lports));
        }
    }

    /** {@value #BOUND} ports bound to one remote chassis; its IP changes; until every flow carries the new one. */
    private void chassisIpChange() throws Exception {
        putChassis("chassis-far", "10.250.0.1");
        final StringBuilder ports = new StringBuilder();
        for (int i = 0; i < BOUND; i++) {
            ports.append(i == 0 ? "" : ",").append("{\"id\":\"far-").append(i).append("\",\"network\":\"")
                .append(NET).append("\",\"chassis\":\"chassis-far\"}");
        }
        egress.mark();
        final Restconf.Reply reply = restconf.patch("flowtun-lport:lports",
            "{\"flowtun-lport:lports\":{\"lport\":[" + ports + "]}}");
        assertEquals(reply.toString(), 200, reply.status);
        awaitEgressFlows(BOUND);
        egress.mark();
        final long start = System.nanoTime();
        putChassis("chassis-far", "10.250.0.2");
        final String next = "load:0xafa0002->NXM_NX_TUN_IPV4_DST[]";
        final long done = egress.await(BOUND, distinctFlows(FlowMonitor.addedOrModified(next)), LONG);
        // the switch's own view agrees: every flow has the new address, none the old
        Await.until(LONG, () -> {
            final String dump = node.ofctl("dump-flows", "table=75");
            final int rewritten = occurrences(dump, next);
            return rewritten >= BOUND && !dump.contains("load:0xafa0001->") ? null
                : rewritten + " of " + BOUND + " flows rewritten";
        });
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("ports", BOUND);
        row.put("all_flows_rewritten_seconds", seconds(done - start));
        log("chassis IP change", row);
        figures.put("chassis_ip_change", row);
    }

    /**
     * Stops the controller with {@value #BOUND} ports in place; while it is down, deletes some of their flows and
     * adds stale flowtun flows; starts it and waits until the switch holds exactly the flows it held before.
     */
    private void restart() throws Exception {
        final List<String> before = Overlay.withoutCookies(node.flows());
        karaf.stop();
        final List<String> deleted = before.stream()
            .filter(flow -> flow.contains("table=75,") && flow.contains("reg7=")).limit(TAMPERED)
            .collect(Collectors.toList());
        for (String flow : deleted) {
            node.ofctl("del-flows", "table=75," + flow.substring(flow.indexOf("reg7=")).split(" ")[0]);
        }
        final List<String> stale = new ArrayList<>();
        for (int i = 0; i < TAMPERED; i++) {
            stale.add(String.format(Locale.ROOT, "cookie=0x%x,table=75,priority=100,reg7=0x%x,actions=drop",
                0xF7FF000000000000L + i, 9_000_000 + i));
        }
        final Path file = node.dir().resolve("stale.flows");
        Files.write(file, stale, StandardCharsets.UTF_8);
        node.ofctl("add-flows", file.toString());
        final Set<String> wanted = new HashSet<>(before);
        final Set<String> restored = deleted.stream().map(ScaleBenchmark::reg7Of).collect(Collectors.toSet());
        final Set<String> gone = stale.stream().map(ScaleBenchmark::reg7Of).collect(Collectors.toSet());
        egress.mark();
        final long start = System.nanoTime();
        final long startMillis = System.currentTimeMillis();
        karaf.start();
        restconf.awaitReady();
        final long restconfUp = System.nanoTime();
        // the switch reports when the deleted flows are back and the stale ones gone (one bundle brings both) ...
        final long back = egress.await(TAMPERED, distinctFlows(FlowMonitor.addedOrModified()
            .and(line -> restored.contains(reg7Of(line)))), LONG);
        final long removed = egress.await(TAMPERED, distinctFlows(line -> line.contains("event=DELETED")
            && gone.contains(reg7Of(line))), LONG);
        final long evented = Math.max(back, removed);
        // ... and then its whole table must be exactly what it was: if not at once, the time it is
        final boolean exact = new HashSet<>(Overlay.withoutCookies(node.flows())).equals(wanted);
        Await.until(LONG, () -> {
            final Set<String> now = new HashSet<>(Overlay.withoutCookies(node.flows()));
            if (now.equals(wanted)) {
                return null;
            }
            final long missing = wanted.stream().filter(flow -> !now.contains(flow)).count();
            return missing + " flows missing, " + now.stream().filter(flow -> !wanted.contains(flow)).count()
                + " stale";
        });
        final long done = exact ? evented : System.nanoTime();
        // when flowtun saw the switch (its OpenFlow connection and its OVSDB bridge), from the controller's log: the
        // switch's own is_connected column is refreshed seconds late
        final long connected = start + (lastLogTime("FlowReconciler.*: switch .* connected") - startMillis)
            * 1_000_000;
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("ports", BOUND);
        row.put("flows_on_node", before.size());
        row.put("flows_deleted_while_down", TAMPERED);
        row.put("stale_flows_added_while_down", TAMPERED);
        row.put("restconf_up_seconds", seconds(restconfUp - start));
        row.put("switch_connected_seconds", seconds(connected - start));
        row.put("reconciled_seconds", seconds(done - start));
        row.put("reconciled_after_connect_seconds", seconds(done - connected));
        log("restart", row);
        figures.put("restart", row);
    }

    /** The time (epoch ms) of the last log line matching {@code regex}; karaf.log's times are the machine's. */
    private long lastLogTime(final String regex) throws IOException {
        final List<String> lines = Files.readAllLines(karaf.log(), StandardCharsets.UTF_8);
        final Pattern pattern = Pattern.compile(regex);
        for (int i = lines.size() - 1; i >= 0; i--) {
            final String line = lines.get(i);
            if (pattern.matcher(line).find()) {
                return LocalDateTime.parse(line.substring(0, line.indexOf(' ')).replace(',', '.'))
                    .atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
            }
        }
        throw new AssertionError("no log line matches " + regex);
    }

    private void putChassis(final String id, final String address) {
        final Restconf.Reply reply = restconf.put("flowtun-chassis:chassis-registry/chassis=" + id,
            "{\"flowtun-chassis:chassis\":[{\"id\":\"" + id + "\",\"ip\":\"" + address
                + "\",\"tunnel-types\":[\"flowtun-types:vxlan\"]}]}");
        if (reply.status != 201 && reply.status != 204) {
            throw new AssertionError(reply.toString());
        }
    }

    private void deleteLports() throws Exception {
        final Restconf.Reply reply = restconf.delete("flowtun-lport:lports");
        assertEquals(reply.toString(), 204, reply.status);
        Await.until(LONG, () -> {
            final int left = egressFlowCount();
            return left == 0 ? null : left + " egress flows left";
        });
        anchor();
    }

    /** The bench node's own lport on {@value #NET}, bound to it (its VM port is plugged). */
    private void anchor() {
        final Restconf.Reply reply = restconf.put("flowtun-lport:lports/lport=" + ANCHOR,
            "{\"flowtun-lport:lport\":[{\"id\":\"" + ANCHOR + "\",\"network\":\"" + NET
                + "\",\"chassis\":\"chassis-bench\"}]}");
        assertEquals(reply.toString(), 201, reply.status);
    }

    /**
     * When (System.nanoTime()) the switch reported the last of {@code count} egress flows (table 75, one flow per
     * remote port) added since the monitor's mark; then checks the switch holds exactly that many.
     */
    private long awaitEgressFlows(final int count) throws Exception {
        final long done = egress.await(count, distinctFlows(FlowMonitor.addedOrModified("NXM_NX_TUN_IPV4_DST")),
            LONG);
        assertEquals("egress flows on the switch", count, egressFlowCount());
        return done;
    }

    /** Accepts the first event of each reg7 (remote port) among those {@code event} accepts. */
    private static Predicate<String> distinctFlows(final Predicate<String> event) {
        final Set<String> seen = new HashSet<>();
        return line -> {
            final String reg7 = reg7Of(line);
            return event.test(line) && reg7 != null && seen.add(reg7);
        };
    }

    /** The reg7 match of a flow or flow event as the switch prints it ({@code reg7=0x5}); null without one. */
    private static String reg7Of(final String flow) {
        final Matcher reg7 = REG7.matcher(flow);
        return reg7.find() ? reg7.group() : null;
    }

    /** How the switch prints a reg7 match, e.g. {@code reg7=0x2dc6c0 } (the space ends the value). */
    private static String reg7(final long key) {
        return "reg7=0x" + Long.toHexString(key) + " ";
    }

    private int egressFlowCount() throws IOException {
        final Matcher count = FLOW_COUNT.matcher(node.ofctl("dump-aggregate",
            "table=75,cookie=0xf702000000000000/0xffff000000000000"));
        if (!count.find()) {
            throw new IOException("no flow_count in ovs-ofctl dump-aggregate");
        }
        return Integer.parseInt(count.group(1));
    }

    private static int occurrences(final String text, final String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** 10.{second}.x.y, distinct for an index below 62,500. */
    private static String ip(final int second, final int index) {
        return "10." + second + "." + index / 250 % 250 + "." + (index % 250 + 1);
    }

    private static List<Integer> sizes(final String property, final String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::trim)
            .map(Integer::valueOf).collect(Collectors.toList());
    }
}
