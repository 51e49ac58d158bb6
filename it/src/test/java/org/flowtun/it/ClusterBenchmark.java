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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

/**
 * Benchmark (not a test; run by scripts/benchmark.sh): a real three-member cluster ({@link KarafCluster}) and two real
 * switches pointed at all three. Figures (target/benchmarks/cluster.json): 10,000 lports in one PATCH through a member
 * that does not run flowtun's jobs, until both switches hold all their flows (100 networks, each with a VM on both
 * switches and 98 lports on API-only chassis: about 20,600 flows per switch, one of the two switches usually mastered
 * by another member than the jobs' owner); single-lport PUTs through that member until the egress flow is on both
 * switches (300 first, reported apart, then 200 measured); the owner killed, until a PUT through a survivor has its
 * flows; each member's RSS.
 */
public class ClusterBenchmark {
    private static final int NETWORKS = Integer.getInteger("flowtun.cluster.networks", 100);
    private static final int PER_NETWORK = 100;
    private static final int API_CHASSIS = PER_NETWORK - 2;
    private static final int SAMPLES = Integer.getInteger("flowtun.cluster.samples", 200);
    private static final int WARMUP = Integer.getInteger("flowtun.cluster.warmup", 300);
    private static final int LOCAL_FLOWS = 5;
    private static final int REMOTE_FLOWS = 2;
    private static final int NETWORK_FLOWS = 3;

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Random random = new Random(20_261_207L);
    private int written;

    @Test
    public void clusterFigures() throws Exception {
        try (KarafCluster cluster = KarafCluster.start(3, Path.of("target", "cluster-bench"));
                OvsFleet fleet = OvsFleet.start(Path.of("target", "cluster-bench-ovs").toAbsolutePath(), 2, "cb")) {
            fleet.connect(cluster.managerTargets());
            final int owner = cluster.awaitOwner(0);
            final int follower = cluster.other(owner, 0);
            final Restconf restconf = cluster.restconf(follower);
            figures.put("owner", "member-" + owner);
            figures.put("writes_through", "member-" + follower);
            for (OvsFleet.Node node : fleet.nodes()) {
                Await.until(Overlay.TIMEOUT, () -> node.connected() && node.vsctl("--columns=name", "list",
                    "Interface").contains("vxlan-tunnel-port") ? null : node.systemId + " not ready");
            }
            bulk(restconf, fleet);
            singlePorts(restconf, fleet);
            failover(cluster, owner, fleet);
            final Map<String, Object> rss = new LinkedHashMap<>();
            for (int i = 1; i <= cluster.size(); i++) {
                rss.put("member-" + i, cluster.member(i).rssMegabytes());
            }
            figures.put("rss_mb", rss);
            Figures.log("cluster memory", rss);
        }
        final Path out = Path.of("target", "benchmarks", "cluster.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(figures), StandardCharsets.UTF_8);
        Figures.log("cluster written", Map.of("file", out.toAbsolutePath()));
    }

    /** The API-only chassis and the networks, then every lport in one PATCH through the follower. */
    private void bulk(final Restconf restconf, final OvsFleet fleet) throws Exception {
        final StringBuilder chassis = new StringBuilder();
        for (int c = 1; c <= API_CHASSIS; c++) {
            chassis.append(c == 1 ? "" : ",").append("{\"id\":\"api-").append(c).append("\",\"ip\":\"10.101.0.")
                .append(c).append("\",\"tunnel-types\":[\"flowtun-types:vxlan\"]}");
        }
        expectOk(restconf.patch("flowtun-chassis:chassis-registry",
            "{\"flowtun-chassis:chassis-registry\":{\"chassis\":[" + chassis + "]}}"));
        final StringBuilder networks = new StringBuilder();
        final StringBuilder lports = new StringBuilder();
        final List<String> onSwitch1 = new ArrayList<>();
        final List<String> onSwitch2 = new ArrayList<>();
        for (int j = 1; j <= NETWORKS; j++) {
            networks.append(j == 1 ? "" : ",").append("{\"id\":\"bn-").append(j)
                .append("\",\"network-type\":\"flowtun-types:vxlan\",\"segmentation-id\":").append(20_000 + j)
                .append('}');
            for (int k = 0; k < PER_NETWORK; k++) {
                final String lport = "b" + j + "-" + k;
                final String where = k == 0 ? "cb-1" : k == 1 ? "cb-2" : "api-" + (k - 1);
                (k == 0 ? onSwitch1 : k == 1 ? onSwitch2 : new ArrayList<String>()).add(lport);
                lports.append(lports.length() == 0 ? "" : ",").append(lportJson(lport, "bn-" + j, where));
            }
        }
        expectOk(restconf.patch("flowtun-network:networks",
            "{\"flowtun-network:networks\":{\"network\":[" + networks + "]}}"));
        fleet.nodes().get(0).plug(onSwitch1);
        fleet.nodes().get(1).plug(onSwitch2);
        final int expected = NETWORKS * (NETWORK_FLOWS + LOCAL_FLOWS + (PER_NETWORK - 1) * REMOTE_FLOWS);
        final long start = System.nanoTime();
        final Restconf.Reply reply = restconf.patch("flowtun-lport:lports",
            "{\"flowtun-lport:lports\":{\"lport\":[" + lports + "]}}");
        final long answered = System.nanoTime();
        expectOk(reply);
        for (OvsFleet.Node node : fleet.nodes()) {
            Await.until(Duration.ofMinutes(5), () -> node.flowtunFlowCount() == expected ? null
                : node.systemId + " holds " + node.flowtunFlowCount() + " of " + expected + " flows");
        }
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("lports", NETWORKS * PER_NETWORK);
        row.put("flows_per_switch", expected);
        row.put("request_seconds", Figures.round(Figures.seconds(answered - start), 2));
        row.put("every_switch_complete_seconds", Figures.round(Figures.seconds(System.nanoTime() - start), 2));
        figures.put("bulk_through_follower", row);
        Figures.log("bulk through a follower", row);
    }

    /**
     * One lport at a time through the follower, on an API-only chassis: until its egress flow is on both switches.
     * The first {@code WARMUP} PUTs after the bulk (fresh JVMs: much of this path not yet compiled, the compiler
     * threads of three JVMs sharing the cores) are reported apart; the figure is the {@code SAMPLES} after them.
     */
    private void singlePorts(final Restconf restconf, final OvsFleet fleet) throws Exception {
        final List<FlowMonitor> monitors = new ArrayList<>();
        try {
            for (OvsFleet.Node node : fleet.nodes()) {
                monitors.add(node.monitor(75));
            }
            final Map<String, Object> first = singlePortSeries(restconf, monitors, "w-", 5_000_000L, WARMUP);
            final Map<String, Object> row = singlePortSeries(restconf, monitors, "s-", 6_000_000L, SAMPLES);
            row.put("after_warmup_puts", WARMUP);
            row.put("first_puts_after_start", first);
            figures.put("single_port_through_follower", row);
            Figures.log("single port through a follower", row);
        } finally {
            for (FlowMonitor monitor : monitors) {
                monitor.close();
            }
        }
    }

    private Map<String, Object> singlePortSeries(final Restconf restconf, final List<FlowMonitor> monitors,
            final String prefix, final long firstKey, final int count) throws Exception {
        final List<Double> latencies = new ArrayList<>();
        final List<Double> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final String lport = prefix + i;
            final long key = firstKey + i;
            monitors.forEach(FlowMonitor::mark);
            final long start = System.nanoTime();
            final Restconf.Reply reply = restconf.put("flowtun-lport:lports/lport=" + lport,
                "{\"flowtun-lport:lport\":[" + lportJson(lport, "bn-" + (1 + random.nextInt(NETWORKS)), "api-"
                    + (1 + random.nextInt(API_CHASSIS))).replace("}", ",\"tunnel-key\":" + key + "}") + "]}");
            requests.add((System.nanoTime() - start) / 1e6);
            assertEquals(reply.toString(), 201, reply.status);
            latencies.add((FlowMonitor.egressLanded(monitors, key, start) - start) / 1e6);
        }
        final Map<String, Object> row = Figures.distribution(latencies);
        row.put("request", Figures.distribution(requests));
        return row;
    }

    /** The owner killed: until a PUT through a survivor (retried while no shard leads) has its egress flows. */
    private void failover(final KarafCluster cluster, final int owner, final OvsFleet fleet) throws Exception {
        final int survivor = cluster.other(owner, 0);
        final Restconf restconf = cluster.restconf(survivor);
        final long key = 7_000_000L;
        final int ownershipLeader = cluster.shardLeader("entity-ownership-operational");
        final int mastered = mastersOn(cluster, owner, fleet);
        final List<List<String>> flowsBefore = new ArrayList<>();
        for (OvsFleet.Node node : fleet.nodes()) {
            flowsBefore.add(node.flows());
        }
        final long killed = System.nanoTime();
        cluster.member(owner).signal("KILL");
        Await.until(KarafCluster.TAKEOVER, () -> {
            final Restconf.Reply reply = restconf.put("flowtun-lport:lports/lport=after-kill",
                "{\"flowtun-lport:lport\":[" + lportJson("after-kill", "bn-1", "api-1").replace("}",
                    ",\"tunnel-key\":" + key + "}") + "]}");
            return reply.status == 201 || reply.status == 204 ? null : "PUT after the kill: " + reply;
        });
        final double accepted = Figures.seconds(System.nanoTime() - killed);
        for (OvsFleet.Node node : fleet.nodes()) {
            Await.until(KarafCluster.TAKEOVER, () -> node.ofctl("dump-flows", "table=75,reg7=" + key)
                .contains("NXM_NX_TUN_IPV4_DST") ? null : node.systemId + ": no egress flow for after-kill yet");
        }
        final double failover = Figures.seconds(System.nanoTime() - killed);
        // flows older than the kill: those the new owner kept (a replaced flow's age starts again at 0)
        final List<String> kept = new ArrayList<>();
        for (OvsFleet.Node node : fleet.nodes()) {
            final double sinceKill = Figures.seconds(System.nanoTime() - killed);
            final List<Double> ages = node.flowtunFlowAges();
            kept.add(ages.stream().filter(age -> age >= sinceKill).count() + "/" + ages.size());
        }
        // what the takeover changed on the switches besides the new port's flows (nothing, if the new owner places
        // the state as the dead one had)
        Thread.sleep(3000);
        final List<String> changed = new ArrayList<>();
        for (int i = 0; i < fleet.nodes().size(); i++) {
            final List<String> after = fleet.nodes().get(i).flows();
            final List<String> gone = new ArrayList<>(flowsBefore.get(i));
            gone.removeAll(new HashSet<>(after));
            final List<String> come = new ArrayList<>(after);
            come.removeAll(new HashSet<>(flowsBefore.get(i)));
            come.removeIf(flow -> flow.contains("reg7=0x" + Long.toHexString(key)) || flow.contains(
                "load:0x" + Long.toHexString(key) + "->NXM_NX_REG7"));
            changed.add(gone.size() + " gone, " + come.size() + " new" + (gone.isEmpty() ? "" : "; gone: "
                + gone.subList(0, Math.min(2, gone.size()))) + (come.isEmpty() ? "" : "; new: "
                + come.subList(0, Math.min(2, come.size()))));
        }
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("killed", "member-" + owner);
        row.put("new_owner", "member-" + cluster.awaitOwner(owner));
        row.put("entity_ownership_shard_leader", "member-" + ownershipLeader);
        row.put("switches_the_killed_member_mastered", mastered);
        row.put("put_accepted_seconds", Figures.round(accepted, 1));
        row.put("failover_seconds", Figures.round(failover, 1));
        row.put("flows_kept_by_the_new_owner", kept);
        row.put("flows_changed_by_the_takeover", changed);
        figures.put("failover", row);
        Figures.log("owner killed", row);
    }

    /** How many of the switches have {@code member} as their OpenFlow master (their master controller's target). */
    private static int mastersOn(final KarafCluster cluster, final int member, final OvsFleet fleet)
            throws IOException {
        final String target = "tcp:" + cluster.address(member) + ":6653";
        int count = 0;
        for (OvsFleet.Node node : fleet.nodes()) {
            for (String line : node.vsctl("--format=csv", "--data=bare", "--no-headings", "--columns=target,role",
                    "list", "Controller").split("\n")) {
                if (line.trim().equals(target + ",master")) {
                    count++;
                }
            }
        }
        return count;
    }

    /** An lport with a MAC address of its own (the n-th lport written). */
    private String lportJson(final String id, final String network, final String chassis) {
        final int n = ++written;
        return "{\"id\":\"" + id + "\",\"network\":\"" + network + "\",\"chassis\":\"" + chassis
            + "\",\"mac-address\":\"" + String.format(Locale.ROOT, "fa:16:3e:%02x:%02x:%02x", n >> 16 & 0xff,
                n >> 8 & 0xff, n & 0xff) + "\"}";
    }

    private static void expectOk(final Restconf.Reply reply) {
        if (reply.status / 100 != 2) {
            throw new AssertionError(reply.toString());
        }
    }
}
