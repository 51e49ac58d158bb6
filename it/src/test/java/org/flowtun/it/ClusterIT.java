/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Test;

/**
 * A real three-member cluster of the flowtun distribution (each member in its own network namespace with its own
 * address, configured with bin/configure-cluster, started with bin/start) and two real switches whose OVSDB has
 * every member as a manager. flowtun's jobs run on one member; writes go through others; members are killed,
 * restarted and paused while the switches' tables are sampled: a wanted flow never leaves a switch, nothing stale
 * is ever written, and the flows end exact.
 */
public class ClusterIT {
    private static final int MEMBERS = 3;
    private static final long SEGMENT = 700;
    private static final String NETWORK = "net-cl";
    private static final Duration TAKEOVER = KarafCluster.TAKEOVER;
    /** What flowtun logs when a switch's flows were written in one go. */
    private static final String WRITE_DONE = "flowtun flows of .* replaced|reconciled flows of";

    private final Map<String, Integer> switchOf = new LinkedHashMap<>();
    private final Map<String, String> macOf = new TreeMap<>();
    private final Map<String, Long> keys = new TreeMap<>();
    private KarafCluster cluster;
    private OvsFleet fleet;
    private long networkKey;

    @After
    public void tearDown() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    public void oneOwnerAnyMemberAnswersAndNoWantedFlowIsEverMissing() throws Exception {
        final long started = System.nanoTime();
        cluster = KarafCluster.start(MEMBERS, Path.of("target", "cluster"));
        assertTrue(Files.readString(cluster.member(2).home().resolve("etc/org.flowtun.cfg"), StandardCharsets.UTF_8)
            .contains("controller-target = tcp:10.98.0.1:6653,tcp:10.98.0.2:6653,tcp:10.98.0.3:6653"));
        final int firstOwner = awaitOwner(0);
        Figures.log("cluster up", Map.of("seconds", Figures.round(Figures.seconds(System.nanoTime() - started), 1),
            "owner", "member-" + firstOwner));

        // two switches, each with all three members as OVSDB managers; flowtun makes all three their controllers
        fleet = OvsFleet.start(Path.of("target", "cluster-ovs").toAbsolutePath(), 2, "cl");
        fleet.connect(cluster.managerTargets());
        for (OvsFleet.Node node : fleet.nodes()) {
            Await.until(Overlay.TIMEOUT, () -> controllers(node, "is_connected", "true") == MEMBERS ? null
                : node.systemId + ": controllers " + node.vsctl("--columns=target,is_connected,role", "list",
                    "Controller"));
            Await.until(Overlay.TIMEOUT, () -> node.vsctl("--columns=name", "list", "Interface")
                .contains("vxlan-tunnel-port") ? null : node.systemId + ": no vxlan-tunnel-port yet");
        }

        // written through a member that does not run the jobs: flows exact on both switches
        final int follower = other(firstOwner, 0);
        final Overlay overlay = new Overlay(restconf(follower));
        overlay.network(NETWORK, "vxlan", SEGMENT);
        addPort(overlay, "vm-1", 1);
        addPort(overlay, "vm-2", 2);
        networkKey = overlay.networkKey(NETWORK);
        awaitExact();

        // switch 1 takes its master member for a slave (another connection claimed the master role, as a member
        // resumed after a pause can): that member drops its connection, the cluster gives the switch a master it
        // knows, and a port written afterwards gets its flows
        final OvsFleet.Node first = fleet.nodes().get(0);
        final long claimedAt = System.currentTimeMillis();
        RoleClaim.claimMaster(first.dir.resolve("br-int.mgmt"));
        final long claimed = System.nanoTime();
        addPort(overlay, "vm-6", 1);
        awaitExact();
        final double exactAfterClaim = Figures.seconds(System.nanoTime() - claimed);
        int dropped = 0;
        for (int i = 1; i <= MEMBERS; i++) {
            dropped += cluster.logLines(i, claimedAt, Long.MAX_VALUE, "dropping this member's OpenFlow connection")
                .size();
        }
        assertEquals("connections dropped by the member the switch took for a slave", 1, dropped);
        Await.until(Overlay.TIMEOUT, () -> controllers(first, "is_connected", "true") == MEMBERS
            && controllers(first, "role", "master") == 1 ? null : first.systemId + ": controllers "
                + first.vsctl("--columns=target,is_connected,role", "list", "Controller"));
        Figures.log("switch role lost", Map.of("exact_seconds", Figures.round(exactAfterClaim, 1),
            "reconnected_seconds", Figures.round(Figures.seconds(System.nanoTime() - claimed), 1)));
        final Map<Integer, List<String>> before = wanted();

        // the owner hands the leadership of the other shards to another member (which can then give the jobs and
        // the switches away, and write the switches' inventory, at once when the owner dies)
        Await.until(Duration.ofSeconds(30), () -> {
            for (String shard : List.of("entity-ownership-operational", "inventory-operational")) {
                final int leader = cluster.shardLeader(shard);
                if (leader == 0 || leader == firstOwner) {
                    return "the " + shard + " shard is led by member-" + leader + ", the jobs' member is member-"
                        + firstOwner;
                }
            }
            return null;
        });

        // the owner killed: a survivor takes over; a port written through a survivor gets its flows; the
        // switches keep every wanted flow meanwhile
        fleet.nodes().get(0).plug(List.of("vm-3"));
        final long vm3 = fleet.nodes().get(0).ofport("vm-3");
        try (TableSampler sampler = new TableSampler()) {
            final long killed = System.nanoTime();
            member(firstOwner).signal("KILL");
            final int survivor = other(firstOwner, 0);
            final double accepted = putUntilAccepted(survivor, "vm-3", 1);
            // failover: the owner killed, until the port written afterwards has its classification flow
            Await.until(TAKEOVER, () -> fleet.nodes().get(0).ofctl("dump-flows", "table=0,in_port=" + vm3)
                .contains("actions=") ? null : "no classification flow for vm-3 yet");
            final double failover = Figures.seconds(System.nanoTime() - killed);
            recordPort(new Overlay(restconf(survivor)), "vm-3", 1);
            final double published = Figures.seconds(System.nanoTime() - killed);
            awaitExact();
            final double exact = Figures.seconds(System.nanoTime() - killed);
            // the new owner kept what the switches' seals vouched for: flows older than the kill are still there
            final double sinceKill = Figures.seconds(System.nanoTime() - killed);
            final List<String> kept = new ArrayList<>();
            for (OvsFleet.Node node : fleet.nodes()) {
                final List<Double> ages = node.flowtunFlowAges();
                final long older = ages.stream().filter(age -> age >= sinceKill).count();
                assertTrue(node.systemId + ": every flow rewritten by the takeover: " + ages, older > 0);
                kept.add(older + "/" + ages.size());
            }
            final int secondOwner = awaitOwner(firstOwner);
            Figures.log("owner killed", Map.of("killed", "member-" + firstOwner, "new_owner", "member-"
                + secondOwner, "put_accepted_seconds", Figures.round(accepted, 1), "failover_seconds",
                Figures.round(failover, 1), "lport_state_seconds", Figures.round(published, 1), "exact_seconds",
                Figures.round(exact, 1), "flows_kept", kept, "samples", sampler.samples()));
            sampler.assertKept(before, wanted());
        }
        assertEquals("keys kept across the takeover", keys, new Overlay(restconf(other(firstOwner, 0)))
            .lportKeys(keys.keySet()));

        // the killed member restarts and rejoins: no flow changes
        final Map<Integer, List<String>> settled = wanted();
        try (TableSampler sampler = new TableSampler()) {
            member(firstOwner).start();
            restconf(firstOwner).awaitReady();
            Thread.sleep(5000);
            sampler.assertKept(settled, settled);
            Figures.log("member rejoined", Map.of("member", "member-" + firstOwner, "samples", sampler.samples()));
        }
        awaitExact();

        // the member leading the lports' shard killed: no lport lost, writes resume through the others
        final int leader = cluster.shardLeader("default-config");
        assertTrue("no member logs its default-config shard as leader", leader > 0);
        fleet.nodes().get(1).plug(List.of("vm-4"));
        try (TableSampler sampler = new TableSampler()) {
            final Map<Integer, List<String>> kept = wanted();
            final long killed = System.nanoTime();
            member(leader).signal("KILL");
            final int survivor = other(leader, 0);
            final String lports = restconf(survivor).get("flowtun-lport:lports").body;
            for (String lport : keys.keySet()) {
                assertTrue(lport + " lost: " + lports, lports.contains("\"id\":\"" + lport + "\""));
            }
            final double accepted = putUntilAccepted(survivor, "vm-4", 2);
            recordPort(new Overlay(restconf(survivor)), "vm-4", 2);
            awaitExact();
            Figures.log("shard leader killed", Map.of("killed", "member-" + leader, "put_accepted_seconds",
                Figures.round(accepted, 1), "flows_exact_seconds", Figures.round(Figures.seconds(System.nanoTime()
                    - killed), 1)));
            sampler.assertKept(kept, wanted());
        }
        member(leader).start();
        restconf(leader).awaitReady();
        awaitExact();

        // the owner paused beyond the failure detector, then resumed: another member takes over, and at no time
        // does a flow change (no second writer, nothing stale from the returning member)
        final int paused = awaitOwner(0);
        final Map<Integer, List<String>> still = wanted();
        final long pausedAt;
        final long resumedAt;
        try (TableSampler sampler = new TableSampler()) {
            pausedAt = System.currentTimeMillis();
            member(paused).signal("STOP");
            final int next = awaitOwner(paused);
            resumedAt = System.currentTimeMillis();
            member(paused).signal("CONT");
            Thread.sleep(20_000);
            sampler.assertKept(still, still);
            assertNotEquals(paused, next);
            Figures.log("owner paused", Map.of("paused", "member-" + paused, "new_owner", "member-" + next,
                "owner_after_resume", "member-" + awaitOwner(0), "samples", sampler.samples()));
        }
        // a port written afterwards through the member that was paused gets its flows on the switch
        final long written = System.nanoTime();
        addPort(new Overlay(restconf(paused)), "vm-5", 1);
        awaitExact();
        Figures.log("write after the pause", Map.of("written_through", "member-" + paused, "exact_seconds",
            Figures.round(Figures.seconds(System.nanoTime() - written), 1)));
        // never two writers: no two members' terms of the locality service overlap, over the whole run (the
        // members share this machine's clock)
        // a stopped member writes nothing while stopped: its term counts until it was stopped, and after it was
        // resumed its log shows no write done until its term closed
        final Map<Integer, List<long[]>> byMember = new TreeMap<>();
        for (int i = 1; i <= MEMBERS; i++) {
            final List<long[]> cut = new ArrayList<>();
            for (long[] term : cluster.localityTerms(i)) {
                if (i == paused && term[0] < pausedAt && term[1] > pausedAt) {
                    assertEquals("writes of member-" + paused + " after it was resumed", List.of(),
                        cluster.logLines(i, resumedAt, term[1], WRITE_DONE));
                    cut.add(new long[] {term[0], pausedAt});
                } else {
                    cut.add(term);
                }
            }
            byMember.put(i, cut);
        }
        final List<String> terms = new ArrayList<>();
        for (int i = 1; i <= MEMBERS; i++) {
            for (long[] term : byMember.get(i)) {
                for (int j = i + 1; j <= MEMBERS; j++) {
                    for (long[] other : byMember.get(j)) {
                        assertTrue("member-" + i + " " + term[0] + ".." + term[1] + " and member-" + j + " "
                            + other[0] + ".." + other[1] + " ran the locality service at once",
                            term[1] < other[0] || other[1] < term[0]);
                    }
                }
                terms.add("member-" + i + ": " + (term[1] - term[0]) + " ms");
            }
        }
        Figures.log("locality terms", Map.of("terms", terms));
        final Map<String, Object> rss = new LinkedHashMap<>();
        for (int i = 1; i <= MEMBERS; i++) {
            rss.put("member-" + i + "_rss_mb", member(i).rssMegabytes());
        }
        Figures.log("cluster memory", rss);
    }

    private void addPort(final Overlay overlay, final String lport, final int switchIndex) throws Exception {
        fleet.nodes().get(switchIndex - 1).plug(List.of(lport));
        overlay.boundPort(lport, NETWORK, "cl-" + switchIndex, mac(lport.charAt(lport.length() - 1) - '0'));
        recordPort(overlay, lport, switchIndex);
    }

    private void recordPort(final Overlay overlay, final String lport, final int switchIndex) throws Exception {
        switchOf.put(lport, switchIndex);
        macOf.put(lport, mac(lport.charAt(lport.length() - 1) - '0'));
        keys.put(lport, overlay.lportKey(lport));
    }

    private static String mac(final int index) {
        return String.format("fa:16:3e:00:0c:%02x", index);
    }

    /** PUTs an lport through a member until the cluster accepts it (no shard leader for a few seconds). */
    private double putUntilAccepted(final int member, final String lport, final int switchIndex) throws Exception {
        final long start = System.nanoTime();
        final Restconf restconf = restconf(member);
        Await.until(TAKEOVER, () -> {
            final Restconf.Reply reply = restconf.put("flowtun-lport:lports/lport=" + lport,
                "{\"flowtun-lport:lport\":[{\"id\":\"" + lport + "\",\"network\":\"" + NETWORK + "\",\"chassis\":\"cl-"
                    + switchIndex + "\",\"mac-address\":\"" + mac(lport.charAt(lport.length() - 1) - '0') + "\"}]}");
            return reply.status == 201 || reply.status == 204 ? null : "PUT " + lport + ": " + reply;
        });
        return Figures.seconds(System.nanoTime() - start);
    }

    /** What each switch must hold: the flows and groups of its local and remote lports, cookies aside. */
    private Map<Integer, List<String>> wanted() throws IOException {
        final Map<Integer, List<String>> wanted = new TreeMap<>();
        for (OvsFleet.Node node : fleet.nodes()) {
            final long tunnel = node.interfaceOfport("vxlan-tunnel-port");
            final List<String> flows = new ArrayList<>(List.of(Overlay.ingress(SEGMENT, tunnel, networkKey)));
            final List<Long> local = new ArrayList<>();
            final Set<String> remoteHosts = new TreeSet<>();
            for (Map.Entry<String, Integer> port : switchOf.entrySet()) {
                final String lport = port.getKey();
                final long key = keys.get(lport);
                if (port.getValue() == node.index) {
                    final long ofport = node.ofport(lport);
                    local.add(ofport);
                    flows.add(Overlay.classification(ofport, key, networkKey));
                    flows.addAll(Overlay.localDelivery(key, ofport));
                    flows.addAll(Overlay.macLookup(networkKey, macOf.get(lport), key, true));
                } else {
                    final String host = OvsFleet.localIp(port.getValue());
                    remoteHosts.add(host);
                    flows.add(Overlay.egress(key, SEGMENT, host, tunnel));
                    flows.addAll(Overlay.macLookup(networkKey, macOf.get(lport), key, false));
                }
            }
            flows.addAll(Overlay.flood(networkKey, local, SEGMENT, new ArrayList<>(remoteHosts), tunnel));
            flows.sort(null);
            wanted.put(node.index, flows);
        }
        return wanted;
    }

    private static List<String> held(final OvsFleet.Node node) throws IOException {
        final List<String> held = new ArrayList<>(Overlay.withoutCookies(node.flows()));
        held.addAll(node.groups());
        held.sort(null);
        return held;
    }

    private void awaitExact() throws Exception {
        final Map<Integer, List<String>> wanted = wanted();
        for (OvsFleet.Node node : fleet.nodes()) {
            Await.until(TAKEOVER, () -> {
                final List<String> held = held(node);
                return held.equals(wanted.get(node.index)) ? null : node.systemId + " holds " + held
                    + "\n  instead of " + wanted.get(node.index);
            });
        }
    }

    /** How many of the node's controllers have {@code value} in {@code column} (ovs-vsctl list Controller). */
    private static int controllers(final OvsFleet.Node node, final String column, final String value)
            throws IOException {
        int count = 0;
        for (String line : node.vsctl("--columns=" + column, "list", "Controller").split("\n")) {
            if (line.trim().endsWith(": " + value)) {
                count++;
            }
        }
        return count;
    }

    private int awaitOwner(final int not) throws Exception {
        return cluster.awaitOwner(not);
    }

    private int other(final int one, final int two) {
        return cluster.other(one, two);
    }

    private KarafProcess member(final int index) {
        return cluster.member(index);
    }

    private Restconf restconf(final int member) {
        return cluster.restconf(member);
    }

    /** Samples both switches' tables (flows and groups) every 100 ms until closed. */
    private final class TableSampler implements AutoCloseable {
        private final List<Map<Integer, List<String>>> taken = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        TableSampler() {
            thread = new Thread(this::run, "table-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (running) {
                try {
                    final Map<Integer, List<String>> sample = new TreeMap<>();
                    for (OvsFleet.Node node : fleet.nodes()) {
                        sample.put(node.index, held(node));
                    }
                    taken.add(sample);
                    Thread.sleep(100);
                } catch (IOException e) {
                    // a sample that could not be taken is no sample
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        int samples() {
            return taken.size();
        }

        /**
         * Every sample held every flow wanted both {@code before} and {@code after} (no wanted flow ever missing; a
         * flow the change modified, such as a flood group gaining a port, is the one or the other) and nothing outside
         * {@code before} and {@code after} (nothing stale ever written).
         */
        void assertKept(final Map<Integer, List<String>> before, final Map<Integer, List<String>> after)
                throws InterruptedException {
            running = false;
            thread.join(10_000);
            assertTrue("no sample taken", !taken.isEmpty());
            for (Map<Integer, List<String>> sample : taken) {
                for (Map.Entry<Integer, List<String>> entry : sample.entrySet()) {
                    final List<String> held = entry.getValue();
                    final List<String> missing = before.get(entry.getKey()).stream()
                        .filter(flow -> after.get(entry.getKey()).contains(flow) && !held.contains(flow))
                        .collect(Collectors.toList());
                    assertEquals("switch " + entry.getKey() + " lost wanted flows", List.of(), missing);
                    final List<String> stale = held.stream().filter(flow -> !before.get(entry.getKey())
                        .contains(flow) && !after.get(entry.getKey()).contains(flow)).collect(Collectors.toList());
                    assertEquals("switch " + entry.getKey() + " held flows nobody wanted", List.of(), stale);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }
}
