/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.flowtun.it.Figures.log;
import static org.flowtun.it.Figures.round;
import static org.flowtun.it.Figures.seconds;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * flowtun at fleet scale (not a test; run by {@code scripts/benchmark.sh}): the real distribution with a fleet of
 * real switches ({@link OvsFleet}, 100 by default) and chassis that exist only in the API (1,000 chassis in all);
 * networks of ten lports each on ten distinct chassis chosen at random (seeded), the lports of the real chassis
 * plugged into their switches. Each switch must hold exactly the flows of the networks it needs: checked against
 * what this class computes from the data it wrote (the flow table of docs/pipeline.md), not against flowtun's own view.
 *
 * <p>Figures (target/benchmarks/fleet.json): the fleet connected after the controller's start; one PATCH of every
 * lport until every switch is exact; flows per switch beside what "remote on every node" would need; one lport PUT
 * until its flows are on every switch that needs it; a network becoming needed on a switch; a restart until every
 * switch is exact again; the controller's heap and RSS.
 */
public class FleetBenchmark {
    private static final int SWITCHES = Integer.getInteger("flowtun.fleet.switches", 100);
    private static final int CHASSIS = Integer.getInteger("flowtun.fleet.chassis", 1000);
    private static final int NETWORKS = Integer.getInteger("flowtun.fleet.networks", 2000);
    private static final int PER_NETWORK = 10;
    private static final int SAMPLES = Integer.getInteger("flowtun.fleet.samples", 200);
    private static final int NEED_SAMPLES = Integer.getInteger("flowtun.fleet.need-samples", 20);
    private static final long SEED = 20_261_204L;
    /** Scrape /flowtun/metrics every second during the run, as Prometheus would (docs/operations.png). */
    private static final boolean SCRAPE = Boolean.parseBoolean(System.getProperty("flowtun.fleet.scrape", "true"));
    private static final List<String> TYPES = List.of("vxlan", "gre", "geneve");
    private static final Duration LONG = Duration.ofMinutes(10);
    /** Flows docs/pipeline.md gives: per local lport with a MAC, per remote one, per network with a local one. */
    private static final int LOCAL_FLOWS = 5;
    private static final int REMOTE_FLOWS = 2;
    private static final int NETWORK_FLOWS = 3;
    private static final String TUNNEL_COOKIE = "cookie=0xf702000000000000/0xffff000000000000";
    private static final Pattern REG7 = Pattern.compile("reg7=0x([0-9a-f]+)");
    private static final Pattern OPENFLOW_TIMEOUTS = Pattern.compile("br-int<->tcp:127\\.0\\.0\\.1:6653: "
        + "(connection timed out|no response to inactivity probe)");

    private final Restconf restconf = new Restconf(8181, LONG);
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Random random = new Random(SEED);
    /** lport to its chassis index (1..CHASSIS; 1..SWITCHES are the fleet's). */
    private final Map<String, Integer> chassisOf = new HashMap<>();
    /** lport to its network. */
    private final Map<String, String> networkOf = new HashMap<>();
    /** network to its lports. */
    private final Map<String, List<String>> lportsOf = new TreeMap<>();
    private KarafProcess karaf;
    private OvsFleet fleet;

    @Test
    public void fleet() throws Exception {
        figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
        figures.put("switches", SWITCHES);
        figures.put("chassis", CHASSIS);
        figures.put("networks", NETWORKS);
        figures.put("lports", NETWORKS * PER_NETWORK);
        final Path base = Path.of("target", "fleet").toAbsolutePath();
        final long fleetStart = System.nanoTime();
        try (OvsFleet started = OvsFleet.start(base.resolve("ovs"), SWITCHES, "fleet");
                KarafProcess process = KarafProcess.unpack(base.resolve("karaf"));
                MetricsRecorder recorder = new MetricsRecorder(8181, SCRAPE)) {
            fleet = started;
            karaf = process;
            figures.put("fleet_started_seconds", seconds(System.nanoTime() - fleetStart));
            karaf.setFlowtunConfig("datapath-type", "netdev");
            karaf.setFlowtunConfig("controller-target", "tcp:127.0.0.1:6653");
            fleet.connect();
            recorder.phase("controller start");
            connectFleet("start");
            recorder.phase("chassis, networks");
            writeData();
            recorder.phase("lports PATCH");
            bulk();
            recorder.phase("single lport PUTs");
            singlePorts();
            recorder.phase("networks becoming needed");
            networkBecomingNeeded();
            figures.put("controller", Figures.jvmMemory(karaf.pid(), null));
            figures.put("fleet_rss_mb", fleet.rssMegabytes());
            recorder.phase("controller restart");
            restart();
            figures.put("openflow_handshake_timeouts", openflowTimeouts());
            recorder.write(Path.of("target", "benchmarks", "operations.json"));
        }
        final Path out = Path.of("target", "benchmarks", "fleet.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(figures), StandardCharsets.UTF_8);
        log("fleet written", Map.of("file", out.toAbsolutePath()));
    }

    /** Starts the controller and times it until every switch of the fleet has its tunnel ports and OpenFlow. */
    private void connectFleet(final String figure) throws Exception {
        final long start = System.nanoTime();
        karaf.start();
        restconf.awaitReady();
        final long restconfUp = System.nanoTime();
        Await.until(LONG, () -> {
            final int ports = tunnelPortsWithOfport();
            return ports == SWITCHES * TYPES.size() ? null : ports + " tunnel ports with an ofport";
        });
        final long tunnelPorts = System.nanoTime();
        Await.until(LONG, () -> {
            for (OvsFleet.Node node : fleet.nodes()) {
                if (!node.connected()) {
                    return node.systemId + " not connected";
                }
            }
            return null;
        });
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("restconf_up_seconds", seconds(restconfUp - start));
        row.put("all_tunnel_ports_seconds", seconds(tunnelPorts - start));
        row.put("all_connected_seconds", seconds(System.nanoTime() - start));
        log(figure, row);
        figures.put(figure, row);
    }

    private int tunnelPortsWithOfport() {
        final Restconf.Reply reply = restconf.get("flowtun-state:tunnel-ports");
        if (reply.status != 200) {
            return 0;
        }
        int count = 0;
        for (var node : reply.json().get("flowtun-state:tunnel-ports").path("node")) {
            for (var port : node.path("tunnel-port")) {
                if (port.path("ofport").asLong() > 0) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The API-only chassis and the networks, and every lport's placement (written by {@link #bulk()}). */
    private void writeData() throws Exception {
        final StringBuilder chassis = new StringBuilder();
        for (int i = SWITCHES + 1; i <= CHASSIS; i++) {
            chassis.append(chassis.length() == 0 ? "" : ",").append("{\"id\":\"").append(chassisId(i))
                .append("\",\"ip\":\"").append(chassisIp(i)).append("\",\"tunnel-types\":[\"flowtun-types:vxlan\"]}");
        }
        expectOk(restconf.patch("flowtun-chassis:chassis-registry",
            "{\"flowtun-chassis:chassis-registry\":{\"chassis\":[" + chassis + "]}}"));
        final StringBuilder networks = new StringBuilder();
        for (int j = 1; j <= NETWORKS; j++) {
            networks.append(j == 1 ? "" : ",").append("{\"id\":\"").append(network(j))
                .append("\",\"network-type\":\"flowtun-types:vxlan\",\"segmentation-id\":").append(10_000 + j)
                .append('}');
            final List<Integer> all = new ArrayList<>();
            for (int c = 1; c <= CHASSIS; c++) {
                all.add(c);
            }
            java.util.Collections.shuffle(all, random);
            final List<String> members = new ArrayList<>();
            for (int k = 0; k < PER_NETWORK; k++) {
                final String lport = "p" + j + "-" + k;
                chassisOf.put(lport, all.get(k));
                networkOf.put(lport, network(j));
                members.add(lport);
            }
            lportsOf.put(network(j), members);
        }
        expectOk(restconf.patch("flowtun-network:networks",
            "{\"flowtun-network:networks\":{\"network\":[" + networks + "]}}"));
        // the VMs of the fleet's chassis are plugged first: the PATCH then finds them in place
        final Map<Integer, List<String>> plugged = new HashMap<>();
        chassisOf.forEach((lport, c) -> {
            if (c <= SWITCHES) {
                plugged.computeIfAbsent(c, x -> new ArrayList<>()).add(lport);
            }
        });
        for (OvsFleet.Node node : fleet.nodes()) {
            node.plug(plugged.getOrDefault(node.index, List.of()));
        }
        figures.put("lports_local_on_fleet", plugged.values().stream().mapToInt(List::size).sum());
    }

    /** One PATCH of every lport, until every switch is exact. */
    private void bulk() throws Exception {
        final StringBuilder body = new StringBuilder();
        for (Map.Entry<String, Integer> entry : new TreeMap<>(chassisOf).entrySet()) {
            body.append(body.length() == 0 ? "" : ",").append(lportJson(entry.getKey(), networkOf.get(entry.getKey()),
                entry.getValue(), null));
        }
        final long start = System.nanoTime();
        final Restconf.Reply reply = restconf.patch("flowtun-lport:lports",
            "{\"flowtun-lport:lports\":{\"lport\":[" + body + "]}}");
        final long answered = System.nanoTime();
        expectOk(reply);
        final long counted = awaitExpectedCounts();
        final Map<String, Long> keys = new Overlay(restconf).lportKeys(chassisOf.keySet());
        final int exact = exactSwitches(keys);
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("lports", chassisOf.size());
        row.put("request_seconds", seconds(answered - start));
        row.put("every_switch_exact_seconds", seconds(counted - start));
        row.put("switches_exact", exact);
        final List<Integer> flows = new ArrayList<>();
        final List<Integer> everywhere = new ArrayList<>();
        for (OvsFleet.Node node : fleet.nodes()) {
            flows.add(node.flowtunFlowCount());
            everywhere.add(flowsIfRemoteEverywhere(node.index));
        }
        row.put("flows_per_switch_mean", round(flows.stream().mapToInt(Integer::intValue).average().orElse(0), 1));
        row.put("flows_per_switch_max", flows.stream().mapToInt(Integer::intValue).max().orElse(0));
        row.put("flows_fleet_total", flows.stream().mapToInt(Integer::intValue).sum());
        row.put("flows_per_switch_if_remote_everywhere_mean",
            round(everywhere.stream().mapToInt(Integer::intValue).average().orElse(0), 1));
        row.put("flows_fleet_total_if_remote_everywhere", everywhere.stream().mapToInt(Integer::intValue).sum());
        row.put("switches_without_local_lports", fleet.nodes().stream()
            .filter(node -> neededNetworks(node.index).isEmpty()).count());
        log("bulk", row);
        figures.put("bulk", row);
        assertEquals("switches exact after the bulk", SWITCHES, exact);
    }

    /** One lport at a time, bound to an API-only chassis: PUT until its egress flow is on every switch needing it. */
    private void singlePorts() throws Exception {
        final List<FlowMonitor> monitors = new ArrayList<>();
        try {
            for (OvsFleet.Node node : fleet.nodes()) {
                monitors.add(node.monitor(75));
            }
            final List<Double> latencies = new ArrayList<>();
            final List<Double> requests = new ArrayList<>();
            final List<Integer> needing = new ArrayList<>();
            final List<String> candidates = lportsOf.keySet().stream()
                .filter(network -> !switchesNeeding(network).isEmpty()).collect(Collectors.toList());
            for (int i = 0; i < SAMPLES; i++) {
                final String network = candidates.get(random.nextInt(candidates.size()));
                final List<Integer> targets = switchesNeeding(network);
                final long key = 5_000_000L + i;
                final String lport = "single-" + i;
                final int chassis = SWITCHES + 1 + random.nextInt(CHASSIS - SWITCHES);
                targets.forEach(index -> monitors.get(index - 1).mark());
                final long start = System.nanoTime();
                final Restconf.Reply reply = restconf.put("flowtun-lport:lports/lport=" + lport,
                    "{\"flowtun-lport:lport\":[" + lportJson(lport, network, chassis, key) + "]}");
                requests.add((System.nanoTime() - start) / 1e6);
                assertEquals(reply.toString(), 201, reply.status);
                final long landed = FlowMonitor.egressLanded(targets.stream().map(index -> monitors.get(index - 1))
                    .collect(Collectors.toList()), key, start);
                latencies.add((landed - start) / 1e6);
                needing.add(targets.size());
                chassisOf.put(lport, chassis);
                networkOf.put(lport, network);
                lportsOf.get(network).add(lport);
            }
            final Map<String, Object> row = Figures.distribution(latencies);
            row.put("lports_present", chassisOf.size());
            row.put("switches_needing_mean", round(needing.stream().mapToInt(Integer::intValue).average()
                .orElse(0), 2));
            row.put("request", Figures.distribution(requests));
            log("single port", row);
            row.put("latencies_ms", latencies.stream().map(v -> round(v, 1)).collect(Collectors.toList()));
            figures.put("single_port", row);
        } finally {
            for (FlowMonitor monitor : monitors) {
                monitor.close();
            }
        }
    }

    /**
     * A switch's first local lport on a network it did not need: its VM plugged, then the lport PUT; until every
     * other lport of the network has its egress flow there.
     */
    private void networkBecomingNeeded() throws Exception {
        final List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < NEED_SAMPLES; i++) {
            final OvsFleet.Node node = fleet.nodes().get(random.nextInt(SWITCHES));
            final Set<String> needed = neededNetworks(node.index);
            final List<String> others = lportsOf.keySet().stream().filter(network -> !needed.contains(network))
                .collect(Collectors.toList());
            final String network = others.get(random.nextInt(others.size()));
            final int remote = lportsOf.get(network).size();
            final String lport = "needs-" + i;
            node.plug(List.of(lport));
            try (FlowMonitor monitor = node.monitor(75)) {
                final long start = System.nanoTime();
                final Restconf.Reply reply = restconf.put("flowtun-lport:lports/lport=" + lport,
                    "{\"flowtun-lport:lport\":[" + lportJson(lport, network, node.index, null) + "]}");
                assertEquals(reply.toString(), 201, reply.status);
                final long done = monitor.await(remote, distinct(FlowMonitor.addedOrModified("NXM_NX_TUN_IPV4_DST")),
                    Duration.ofSeconds(60));
                latencies.add((done - start) / 1e6);
            }
            chassisOf.put(lport, node.index);
            networkOf.put(lport, network);
            lportsOf.get(network).add(lport);
        }
        final Map<String, Object> row = Figures.distribution(latencies);
        row.put("remote_lports_brought", PER_NETWORK);
        log("network becoming needed", row);
        figures.put("network_becoming_needed", row);
    }

    /** Stops the controller; starts it; until every switch holds exactly the flows and groups it held before. */
    private void restart() throws Exception {
        final Map<Integer, Set<String>> before = new HashMap<>();
        for (OvsFleet.Node node : fleet.nodes()) {
            before.put(node.index, flowsAndGroups(node));
        }
        karaf.stop();
        final long start = System.nanoTime();
        connectFleet("restart");
        int[] stale = new int[1];
        int[] missing = new int[1];
        Await.until(LONG, () -> {
            stale[0] = 0;
            missing[0] = 0;
            for (OvsFleet.Node node : fleet.nodes()) {
                final Set<String> now = flowsAndGroups(node);
                final Set<String> wanted = before.get(node.index);
                stale[0] += now.stream().filter(flow -> !wanted.contains(flow)).count();
                missing[0] += wanted.stream().filter(flow -> !now.contains(flow)).count();
            }
            return stale[0] == 0 && missing[0] == 0 ? null : missing[0] + " missing, " + stale[0] + " stale";
        });
        @SuppressWarnings("unchecked")
        final Map<String, Object> row = (Map<String, Object>) figures.get("restart");
        row.put("every_switch_exact_seconds", seconds(System.nanoTime() - start));
        row.put("stale", stale[0]);
        row.put("missing", missing[0]);
        log("restart", row);
    }

    /** The switch's flowtun flows, cookies aside, and its groups. */
    private static Set<String> flowsAndGroups(final OvsFleet.Node node) throws IOException {
        final Set<String> held = new HashSet<>(Overlay.withoutCookies(node.flows()));
        held.addAll(node.groups());
        return held;
    }

    /** When (System.nanoTime()) every switch held as many flowtun flows as its needed networks require. */
    private long awaitExpectedCounts() throws Exception {
        final Map<Integer, Integer> expected = new HashMap<>();
        fleet.nodes().forEach(node -> expected.put(node.index, expectedFlows(node.index)));
        final Set<Integer> done = new HashSet<>();
        long last = System.nanoTime();
        final long deadline = last + LONG.toNanos();
        while (done.size() < SWITCHES) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError((SWITCHES - done.size()) + " switches without their flows");
            }
            for (OvsFleet.Node node : fleet.nodes()) {
                if (!done.contains(node.index) && node.flowtunFlowCount() == expected.get(node.index)) {
                    done.add(node.index);
                    last = System.nanoTime();
                }
            }
        }
        return last;
    }

    /**
     * How many switches hold exactly the remote lports of their needed networks (the egress flows: each lport's
     * key and its chassis' IP), as many flowtun flows as those networks require, and a flood group for each.
     */
    private int exactSwitches(final Map<String, Long> keys) throws IOException {
        int exact = 0;
        for (OvsFleet.Node node : fleet.nodes()) {
            final Set<String> wanted = new HashSet<>();
            for (String network : neededNetworks(node.index)) {
                for (String lport : lportsOf.get(network)) {
                    if (chassisOf.get(lport) != node.index) {
                        wanted.add(Long.toHexString(keys.get(lport)) + "->" + chassisIp(chassisOf.get(lport)));
                    }
                }
            }
            final Set<String> held = new HashSet<>();
            for (String flow : node.ofctl("dump-flows", "table=75," + TUNNEL_COOKIE).split("\n")) {
                final Matcher reg7 = REG7.matcher(flow);
                final Matcher dst = Pattern.compile("load:0x([0-9a-f]+)->NXM_NX_TUN_IPV4_DST").matcher(flow);
                if (reg7.find() && dst.find()) {
                    held.add(reg7.group(1) + "->" + ipv4(Long.parseLong(dst.group(1), 16)));
                }
            }
            // one flood group per network with a local lport (every needed network, with no routers here)
            final boolean groups = node.groups().size() == neededNetworks(node.index).size();
            if (held.equals(wanted) && groups && node.flowtunFlowCount() == expectedFlows(node.index)) {
                exact++;
            } else {
                log("not exact", Map.of("switch", node.systemId, "missing", wanted.stream()
                    .filter(flow -> !held.contains(flow)).count(), "stale", held.stream()
                    .filter(flow -> !wanted.contains(flow)).count()));
            }
        }
        return exact;
    }

    /** The networks with an lport of the switch's chassis (no routers here, so nothing more). */
    private Set<String> neededNetworks(final int index) {
        return chassisOf.entrySet().stream().filter(entry -> entry.getValue() == index)
            .map(entry -> networkOf.get(entry.getKey())).collect(Collectors.toSet());
    }

    private List<Integer> switchesNeeding(final String network) {
        return lportsOf.get(network).stream().map(chassisOf::get).filter(c -> c <= SWITCHES).distinct().sorted()
            .collect(Collectors.toList());
    }

    /** docs/pipeline.md's flows for the switch: its local lports, the remote ones of its networks, the networks. */
    private int expectedFlows(final int index) {
        int flows = 0;
        for (String network : neededNetworks(index)) {
            flows += NETWORK_FLOWS;
            for (String lport : lportsOf.get(network)) {
                flows += chassisOf.get(lport) == index ? LOCAL_FLOWS : REMOTE_FLOWS;
            }
        }
        return flows;
    }

    /** What the switch would hold if every lport were remote on every node (flowtun before needed networks). */
    private int flowsIfRemoteEverywhere(final int index) {
        final Set<String> needed = neededNetworks(index);
        final long local = chassisOf.values().stream().filter(c -> c == index).count();
        return (int) (needed.size() * NETWORK_FLOWS + local * LOCAL_FLOWS
            + (chassisOf.size() - local) * REMOTE_FLOWS);
    }

    private int openflowTimeouts() throws IOException {
        int timeouts = 0;
        for (OvsFleet.Node node : fleet.nodes()) {
            for (String line : Files.readAllLines(node.dir.resolve("ovs-vswitchd.log"), StandardCharsets.UTF_8)) {
                if (OPENFLOW_TIMEOUTS.matcher(line).find()) {
                    timeouts++;
                }
            }
        }
        return timeouts;
    }

    private static Predicate<String> distinct(final Predicate<String> event) {
        final Set<String> seen = new HashSet<>();
        return line -> {
            final Matcher reg7 = REG7.matcher(line);
            return event.test(line) && reg7.find() && seen.add(reg7.group(1));
        };
    }

    private static String lportJson(final String id, final String network, final int chassis, final Long key) {
        return "{\"id\":\"" + id + "\",\"network\":\"" + network + "\",\"chassis\":\"" + chassisId(chassis)
            + "\",\"mac-address\":\"" + mac(id) + "\"" + (key == null ? "" : ",\"tunnel-key\":" + key) + "}";
    }

    private static String mac(final String lport) {
        final int hash = lport.hashCode();
        return String.format(Locale.ROOT, "fa:16:%02x:%02x:%02x:%02x", hash >>> 24, hash >>> 16 & 0xff,
            hash >>> 8 & 0xff, hash & 0xff);
    }

    private static String network(final int index) {
        return "net-" + index;
    }

    private static String chassisId(final int index) {
        return index <= SWITCHES ? "fleet-" + index : "virt-" + index;
    }

    private static String chassisIp(final int index) {
        return index <= SWITCHES ? OvsFleet.localIp(index) : "10.101." + index / 256 + "." + index % 256;
    }

    private static String ipv4(final long value) {
        return (value >>> 24) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff);
    }

    private static void expectOk(final Restconf.Reply reply) {
        if (reply.status != 200 && reply.status != 201 && reply.status != 204) {
            throw new AssertionError(reply.toString());
        }
    }
}
