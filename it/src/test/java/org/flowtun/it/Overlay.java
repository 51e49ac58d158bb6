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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tests' side of the northbound API (networks and lports over RESTCONF, the keys flowtun reports) and the
 * flows the spec says a node must hold, written as {@code ovs-ofctl -O OpenFlow13 dump-flows} prints them. The
 * expected flows are spelled out here independently of flowtun's own flow builders.
 */
final class Overlay {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Restconf restconf;
    private final List<String> lports = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();

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
        expect(lports.contains(id) ? 204 : 201, restconf.put("flowtun-lport:lports/lport=" + id,
            "{\"flowtun-lport:lport\":[{\"id\":\"" + id + "\",\"network\":\"" + network + "\",\"chassis\":\""
                + chassis + "\"}]}"));
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

    void deletePort(final String id) {
        expect(204, restconf.delete("flowtun-lport:lports/lport=" + id));
        lports.remove(id);
    }

    /** Deletes what this overlay created (ports first, then networks). */
    void deleteAll() {
        List.copyOf(lports).forEach(this::deletePort);
        for (String network : List.copyOf(networks)) {
            expect(204, restconf.delete("flowtun-network:networks/network=" + network));
            networks.remove(network);
        }
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
        final String[] octets = destination.split("\\.");
        long ip = 0;
        for (String octet : octets) {
            ip = ip << 8 | Long.parseLong(octet);
        }
        return "table=75,priority=100,reg7=" + hex(lportKey) + " actions=set_field:" + hex(tunnelId) + "->tun_id,"
            + "load:" + hex(ip) + "->NXM_NX_TUN_IPV4_DST[],output:" + ofport;
    }

    /** Waits until the node's flow table, cookies aside, is exactly {@code expected}; all of them flowtun's. */
    static void awaitFlows(final OvsNode node, final Collection<String> expected) throws Exception {
        final List<String> want = expected.stream().sorted().collect(Collectors.toList());
        Await.until(TIMEOUT, () -> {
            final List<String> have = withoutCookies(node.flows());
            return have.equals(want) ? null : node.name() + " has " + have + "\n  instead of " + want;
        });
        for (String flow : node.flows()) {
            assertEquals(flow, "cookie=0xf7", flow.substring(0, 11));
        }
    }

    static List<String> withoutCookies(final List<String> flows) {
        return flows.stream().map(flow -> flow.replaceFirst("^cookie=0x[0-9a-f]+,", "")).sorted()
            .collect(Collectors.toList());
    }

    static long ofport(final OvsNode node, final String iface) throws IOException {
        return node.ofport(iface);
    }

    private static String hex(final long value) {
        return "0x" + Long.toHexString(value);
    }

    private static void expect(final int status, final Restconf.Reply reply) {
        assertEquals(reply.toString(), status, reply.status);
    }
}
