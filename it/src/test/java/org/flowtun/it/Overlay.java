/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The tests' side of the northbound API (networks and lports over RESTCONF, the keys flowtun reports) and the
 * flows the spec says a node must hold, written as {@code ovs-ofctl -O OpenFlow13 dump-flows} prints them. The
 * expected flows are spelled out here independently of flowtun's own flow builders.
 */
final class Overlay {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Buckets in one flood group (flowtun's L2App.MAX_BUCKETS). */
    static final int MAX_BUCKETS = 200;

    private final Restconf restconf;
    private final List<String> lports = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    /** Routers, floating IPs, trunks and subnets created, as RESTCONF paths (deleted first, newest first). */
    private final List<String> others = new ArrayList<>();

    Overlay(final Restconf restconf) {
        this.restconf = restconf;
    }

    void network(final String id, final String type, final long segmentationId) {
        expect(201, restconf.put("flowtun-network:networks/network=" + id, "{\"flowtun-network:network\":[{\"id\":\""
            + id + "\",\"network-type\":\"flowtun-types:" + type + "\",\"segmentation-id\":" + segmentationId
            + "}]}"));
        networks.add(id);
    }

    /** An lport bound to a chassis of this cloud (201 created, 204 replaced). */
    void boundPort(final String id, final String network, final String chassis) {
        boundPort(id, network, chassis, null);
    }

    /** An lport bound to a chassis of this cloud, with a MAC address (or null). */
    void boundPort(final String id, final String network, final String chassis, final String mac) {
        expect(lports.contains(id) ? 204 : 201, restconf.put("flowtun-lport:lports/lport=" + id,
            "{\"flowtun-lport:lport\":[{\"id\":\"" + id + "\",\"network\":\"" + network + "\",\"chassis\":\""
                + chassis + "\"" + (mac == null ? "" : ",\"mac-address\":\"" + mac + "\"") + "}]}"));
        if (!lports.contains(id)) {
            lports.add(id);
        }
    }

    /** A remote port of another cloud: its binding profile carries the host IP. */
    void remotePort(final String id, final String network, final String hostIp) {
        expect(201, restconf.put("flowtun-lport:lports/lport=" + id, "{\"flowtun-lport:lport\":[{\"id\":\"" + id
            + "\",\"network\":\"" + network + "\",\"binding-profile\":{\"host-ip\":\"" + hostIp + "\"}}]}"));
        lports.add(id);
    }

    /** Remote lports (id to host IP) created in one request (a PATCH of the lports list). */
    void remotePorts(final String network, final Map<String, String> hostIps) {
        final String entries = hostIps.entrySet().stream().map(port -> "{\"id\":\"" + port.getKey()
            + "\",\"network\":\"" + network + "\",\"binding-profile\":{\"host-ip\":\"" + port.getValue() + "\"}}")
            .collect(Collectors.joining(","));
        expect(200, restconf.patch("flowtun-lport:lports", "{\"flowtun-lport:lports\":{\"lport\":[" + entries
            + "]}}"));
        lports.addAll(hostIps.keySet());
    }

    /** Deletes every lport in one request (the lports container), then puts the empty container back. */
    void deleteAllPorts() {
        expect(204, restconf.delete("flowtun-lport:lports"));
        lports.clear();
        final Restconf.Reply reply = restconf.put("flowtun-lport:lports", "{\"flowtun-lport:lports\":{}}");
        if (reply.status != 201 && reply.status != 204) {
            throw new AssertionError("PUT of the empty lports container: " + reply);
        }
    }

    /**
     * An lport given as the JSON members after its id and network (e.g. {@code "device-owner":
     * "flowtun-types:dhcp"}); 201 created or 204 replaced.
     */
    void port(final String id, final String network, final String members) {
        expect(lports.contains(id) ? 204 : 201, restconf.put("flowtun-lport:lports/lport=" + id,
            "{\"flowtun-lport:lport\":[{\"id\":\"" + id + "\",\"network\":\"" + network + "\""
                + (members.isEmpty() ? "" : "," + members) + "}]}"));
        if (!lports.contains(id)) {
            lports.add(id);
        }
    }

    /** A router with these interfaces and gateway port (or null). */
    void router(final String id, final List<String> interfaces, final String gateway) {
        put("flowtun-l3:routers/router=" + id, "{\"flowtun-l3:router\":[{\"id\":\"" + id + "\",\"interfaces\":"
            + json(interfaces) + (gateway == null ? "" : ",\"gateway-port\":\"" + gateway + "\"") + "}]}");
    }

    /** A floating IP on {@code floating}, associated with {@code associated} (or null), translating to fixedIp. */
    void floatingIp(final String id, final String floating, final String associated, final String fixedIp) {
        put("flowtun-l3:floating-ips/floating-ip=" + id, "{\"flowtun-l3:floating-ip\":[{\"id\":\"" + id
            + "\",\"floating-lport\":\"" + floating + "\""
            + (associated == null ? "" : ",\"associated-lport\":\"" + associated + "\"")
            + (fixedIp == null ? "" : ",\"fixed-ip-address\":\"" + fixedIp + "\"") + "}]}");
    }

    /** A trunk of {@code parent} with sub-ports (lport to VLAN id). */
    void trunk(final String id, final String parent, final Map<String, Integer> subPorts) {
        final List<String> subs = new ArrayList<>();
        new TreeMap<>(subPorts).forEach((lport, vlan) -> subs.add("{\"lport\":\"" + lport
            + "\",\"segmentation-type\":\"vlan\",\"segmentation-id\":" + vlan + "}"));
        put("flowtun-trunk:trunks/trunk=" + id, "{\"flowtun-trunk:trunk\":[{\"id\":\"" + id + "\",\"parent-lport\":\""
            + parent + "\",\"sub-port\":[" + String.join(",", subs) + "]}]}");
    }

    void subnet(final String id, final String network, final String cidr, final boolean enableDhcp) {
        put("flowtun-network:subnets/subnet=" + id, "{\"flowtun-network:subnet\":[{\"id\":\"" + id
            + "\",\"network\":\"" + network + "\",\"cidr\":\"" + cidr + "\",\"enable-dhcp\":" + enableDhcp
            + "}]}");
    }

    /** Deletes a router, floating IP, trunk or subnet created through this overlay, by its RESTCONF path. */
    void delete(final String path) {
        expect(204, restconf.delete(path));
        others.remove(path);
    }

    private void put(final String path, final String body) {
        expect(others.contains(path) ? 204 : 201, restconf.put(path, body));
        if (!others.contains(path)) {
            others.add(path);
        }
    }

    private static String json(final List<String> ids) {
        final List<String> quoted = new ArrayList<>();
        ids.forEach(id -> quoted.add("\"" + id + "\""));
        return "[" + String.join(",", quoted) + "]";
    }

    void deletePort(final String id) {
        expect(204, restconf.delete("flowtun-lport:lports/lport=" + id));
        lports.remove(id);
    }

    /** Deletes what this overlay created (what references ports first, then ports, then networks). */
    void deleteAll() {
        for (String path : List.copyOf(others)) {
            delete(path);
        }
        List.copyOf(lports).forEach(this::deletePort);
        for (String network : List.copyOf(networks)) {
            expect(204, restconf.delete("flowtun-network:networks/network=" + network));
            networks.remove(network);
        }
    }

    /** The tunnel keys flowtun reports for lports (flowtun-state:lport-states), read in one request. */
    Map<String, Long> lportKeys(final Collection<String> ids) throws Exception {
        final Map<String, Long> keys = new TreeMap<>();
        Await.until(TIMEOUT, () -> {
            keys.clear();
            final Restconf.Reply reply = restconf.get("flowtun-state:lport-states");
            if (reply.status == 200) {
                reply.json().get("flowtun-state:lport-states").get("lport-state").forEach(state -> keys.put(
                    state.get("id").asText(), state.get("tunnel-key").asLong()));
            }
            return keys.keySet().containsAll(ids) ? null : keys.size() + " lport states, not all of " + ids.size();
        });
        keys.keySet().retainAll(ids);
        return keys;
    }

    /** The tunnel key R flowtun reports for an lport (flowtun-state:lport-states). */
    long lportKey(final String lport) throws Exception {
        final long[] key = new long[1];
        Await.until(TIMEOUT, () -> {
            final Restconf.Reply reply = restconf.get("flowtun-state:lport-states/lport-state=" + lport);
            if (reply.status != 200) {
                return "no lport-state for " + lport + ": " + reply;
            }
            key[0] = reply.json().get("flowtun-state:lport-state").get(0).get("tunnel-key").asLong();
            return null;
        });
        return key[0];
    }

    /** The network key N flowtun reports for a network (flowtun-state:network-states). */
    long networkKey(final String network) throws Exception {
        final long[] key = new long[1];
        Await.until(TIMEOUT, () -> {
            final Restconf.Reply reply = restconf.get("flowtun-state:network-states/network-state=" + network);
            if (reply.status != 200) {
                return "no network-state for " + network + ": " + reply;
            }
            key[0] = reply.json().get("flowtun-state:network-state").get(0).get("network-key").asLong();
            return null;
        });
        return key[0];
    }

    /** Table 0, a local VM port: in_port=P -> reg6=R, metadata=N, goto L2_LOOKUP. */
    static String classification(final long ofport, final long lportKey, final long networkKey) {
        return "table=0,priority=100,in_port=" + ofport + " actions=load:" + hex(lportKey) + "->NXM_NX_REG6[],"
            + "write_metadata:" + hex(networkKey) + ",goto_table:55";
    }

    /** Table 0, tunnel ingress: tun_id=T,in_port=I -> metadata=N, goto INGRESS_DESTINATION_PORT_LOOKUP. */
    static String ingress(final long tunnelId, final long tunnelOfport, final long networkKey) {
        return "table=0,priority=100,tun_id=" + hex(tunnelId) + ",in_port=" + tunnelOfport + " actions=write_metadata:"
            + hex(networkKey) + ",goto_table:100";
    }

    /** Table 75, a remote port: reg7=R -> tun_id=T, tun_dst=D, output:O. */
    static String egress(final long lportKey, final long tunnelId, final String destination, final long ofport) {
        return "table=75,priority=100,reg7=" + hex(lportKey) + " actions=set_field:" + hex(tunnelId) + "->tun_id,"
            + "load:" + hex(ipv4(destination)) + "->NXM_NX_TUN_IPV4_DST[],output:" + ofport;
    }

    private static long ipv4(final String address) {
        long ip = 0;
        for (String octet : address.split("\\.")) {
            ip = ip << 8 | Long.parseLong(octet);
        }
        return ip;
    }

    /** Tables 75 and 115, an lport local on the node at {@code ofport}: delivered to its port. */
    static List<String> localDelivery(final long lportKey, final long ofport) {
        return List.of("table=75,priority=100,reg7=" + hex(lportKey) + " actions=goto_table:115",
            "table=115,priority=100,reg7=" + hex(lportKey) + " actions=output:" + ofport);
    }

    /** Table 0, a trunk sub-port: its parent's port and VLAN -> untagged, reg6=R, metadata=N, goto L2_LOOKUP. */
    static String subPortClassification(final long parentOfport, final int vlan, final long lportKey,
            final long networkKey) {
        return "table=0,priority=110,in_port=" + parentOfport + ",dl_vlan=" + vlan + " actions=pop_vlan,load:"
            + hex(lportKey) + "->NXM_NX_REG6[],write_metadata:" + hex(networkKey) + ",goto_table:55";
    }

    /** Tables 75 and 115, a trunk sub-port local on the node: tagged with its VLAN onto its parent's port. */
    static List<String> taggedDelivery(final long lportKey, final long parentOfport, final int vlan) {
        return List.of("table=75,priority=100,reg7=" + hex(lportKey) + " actions=goto_table:115",
            "table=115,priority=100,reg7=" + hex(lportKey) + " actions=" + pushVlan(vlan) + ",output:"
                + parentOfport);
    }

    /** Tables 75 and 115, a floating IP's lport local on the node: IPv4 translated to the associated port. */
    static List<String> dnatDelivery(final long lportKey, final String associatedMac, final String fixedIp,
            final long associatedOfport) {
        return List.of("table=75,priority=100,reg7=" + hex(lportKey) + " actions=goto_table:115",
            "table=115,priority=100,ip,reg7=" + hex(lportKey) + " actions=set_field:" + associatedMac + "->eth_dst,"
                + "set_field:" + fixedIp + "->ip_dst,output:" + associatedOfport);
    }

    /** Tables 55 and 100, a network's flooding on a node whose only local port is a trunk sub-port. */
    static List<String> floodTagged(final long networkKey, final long parentOfport, final int vlan) {
        final String match = "priority=50,metadata=" + hex(networkKey)
            + ",dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=";
        return List.of("table=55," + match + "group:" + networkKey,
            "table=100," + match + pushVlan(vlan) + ",output:" + parentOfport + ",pop_vlan",
            "group_id=" + networkKey + ",type=all,bucket=actions=" + pushVlan(vlan) + ",output:" + parentOfport);
    }

    /** Table 0, a vlan network's ingress from the patch port toward its physical network. */
    static String providerIngress(final int vlan, final long patchOfport, final long networkKey) {
        return "table=0,priority=100,in_port=" + patchOfport + ",dl_vlan=" + vlan + " actions=pop_vlan,write_metadata:"
            + hex(networkKey) + ",goto_table:100";
    }

    /** Table 75, a remote port of a vlan network: tagged out of the patch port. */
    static String providerEgress(final long lportKey, final int vlan, final long patchOfport) {
        return "table=75,priority=100,reg7=" + hex(lportKey) + " actions=" + pushVlan(vlan) + ",output:" + patchOfport;
    }

    /** Table 55, a vlan network's unicast to MACs no port of it has: tagged out of the patch port. */
    static String providerUnknownUnicast(final long networkKey, final int vlan, final long patchOfport) {
        return "table=55,priority=10,metadata=" + hex(networkKey) + " actions=" + pushVlan(vlan) + ",output:"
            + patchOfport;
    }

    /** Tables 55 and 100 and the flood group of a vlan network with one local port: one tagged copy to the wire. */
    static List<String> providerFlood(final long networkKey, final long localOfport, final int vlan,
            final long patchOfport) {
        final String match = "priority=50,metadata=" + hex(networkKey)
            + ",dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=";
        return List.of("table=55," + match + "group:" + networkKey, "table=100," + match + "output:" + localOfport,
            group(networkKey, List.of("output:" + localOfport, pushVlan(vlan) + ",output:" + patchOfport)));
    }

    private static String pushVlan(final int vlan) {
        return "push_vlan:0x8100,set_field:" + (4096 + vlan) + "->vlan_vid";
    }

    /** Tables 55 and 100, an lport's MAC in its network: to its delivery (75 from a local port, 115 from a tunnel). */
    static List<String> macLookup(final long networkKey, final String mac, final long lportKey, final boolean local) {
        final String lookup = "priority=100,metadata=" + hex(networkKey) + ",dl_dst=" + mac + " actions=load:"
            + hex(lportKey) + "->NXM_NX_REG7[],goto_table:";
        return local ? List.of("table=55," + lookup + "75", "table=100," + lookup + "115")
            : List.of("table=55," + lookup + "75");
    }

    /**
     * Tables 55 and 100, a network's flooding on a node with local ports, and its flood group (the network's key):
     * from a local port through the group, a bucket per local port and per remote host (through the tunnel port);
     * from a tunnel to the local ports only. More buckets than {@value #MAX_BUCKETS} in all: the remote hosts go in
     * groups chained from the network's (ids {@code (i + 1) << 24 | key}), by a hash of their address.
     */
    static List<String> flood(final long networkKey, final List<Long> localOfports, final long tunnelId,
            final List<String> remoteHosts, final long tunnelOfport) {
        final String match = "priority=50,metadata=" + hex(networkKey)
            + ",dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=";
        final List<String> locals = localOfports.stream().sorted().map(port -> "output:" + port)
            .collect(Collectors.toList());
        final List<Long> hosts = remoteHosts.stream().map(Overlay::ipv4).sorted().collect(Collectors.toList());
        final List<String> tunnelCopies = hosts.stream()
            .map(host -> "set_field:" + hex(tunnelId) + "->tun_id,load:" + hex(host)
                + "->NXM_NX_TUN_IPV4_DST[],output:" + tunnelOfport)
            .collect(Collectors.toList());
        final List<String> result = new ArrayList<>(List.of("table=55," + match + "group:" + networkKey,
            "table=100," + match + String.join(",", locals)));
        final List<String> buckets = new ArrayList<>(locals);
        if (locals.size() + tunnelCopies.size() <= MAX_BUCKETS) {
            buckets.addAll(tunnelCopies);
        } else {
            // each host in the chained group of its address' hash, the groups half full on average
            final int count = Math.min(255, (tunnelCopies.size() * 2 + MAX_BUCKETS - 1) / MAX_BUCKETS);
            final List<List<String>> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                parts.add(new ArrayList<>());
            }
            for (int i = 0; i < hosts.size(); i++) {
                parts.get(Math.floorMod(Long.hashCode(hosts.get(i) * 0x9E3779B97F4A7C15L), count))
                    .add(tunnelCopies.get(i));
            }
            for (int index = 0; index < count; index++) {
                final long subGroup = (index + 1L << 24) + networkKey;
                result.add(group(subGroup, parts.get(index)));
                buckets.add("group:" + subGroup);
            }
        }
        result.add(group(networkKey, buckets));
        return result;
    }

    private static String group(final long groupId, final List<String> buckets) {
        final StringBuilder group = new StringBuilder("group_id=").append(groupId).append(",type=all");
        buckets.forEach(bucket -> group.append(",bucket=actions=").append(bucket));
        return group.toString();
    }

    /** The {@code group_id=} lines of {@code ovs-ofctl dump-groups}' output, sorted. */
    static List<String> groupLines(final String dump) {
        return dump.lines().map(String::trim).filter(line -> line.startsWith("group_id=")).sorted()
            .collect(Collectors.toList());
    }

    /**
     * What the node holds, as the tests compare it: its flows, cookies aside, and its groups ({@code group_id=}
     * lines), sorted.
     */
    static List<String> flowsAndGroups(final OvsNode node) throws IOException {
        final List<String> have = new ArrayList<>(withoutCookies(node.flows()));
        have.addAll(node.groups());
        have.sort(null);
        return have;
    }

    /**
     * Waits until the node's flow table, cookies aside, and its groups are exactly {@code expected} (flows and
     * {@code group_id=} lines); all the flows flowtun's.
     */
    static void awaitFlows(final OvsNode node, final Collection<String> expected) throws Exception {
        final List<String> want = expected.stream().sorted().collect(Collectors.toList());
        Await.until(TIMEOUT, () -> {
            final List<String> have = flowsAndGroups(node);
            return have.equals(want) ? null : node.name() + " has " + have + "\n  instead of " + want;
        });
        for (String flow : node.rawFlows()) {
            assertEquals(flow, "cookie=0xf7", flow.substring(0, 11));
            // the switch tells flowtun when anyone deletes one of its flows
            assertTrue(flow, flow.contains("send_flow_rem"));
        }
    }

    static List<String> withoutCookies(final List<String> flows) {
        return flows.stream().map(flow -> flow.replaceFirst("^cookie=0x[0-9a-f]+,", "")).sorted()
            .collect(Collectors.toList());
    }

    private static String hex(final long value) {
        return "0x" + Long.toHexString(value);
    }

    private static void expect(final int status, final Restconf.Reply reply) {
        assertEquals(reply.toString(), status, reply.status);
    }
}
