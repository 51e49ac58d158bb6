/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.flowtun.impl.flow.FlowAction;
import org.flowtun.impl.flow.FlowApp;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.GroupSpec;
import org.flowtun.impl.flow.Pipeline;

/**
 * The minimal L2 overlay pipeline (tables 55, 75, 100, 115): a packet from a local port is looked up by
 * destination MAC in its network (table 55) and delivered to a local port (75 then 115) or tunnelled to the
 * remote port's host (75, the tunnel app's egress flow); a packet from a tunnel is looked up among the local
 * ports of its network (100) and delivered (115). Broadcast and multicast (ARP) go to every local port of the
 * network and to every remote host that has ports on it; from a tunnel only to the local ports (no loops).
 * Pure.
 */
public final class L2App {
    /**
     * Buckets in a flood group before its remote hosts go in chained groups: a group mod must fit one OpenFlow
     * message (64 KB, about 900 tunnel copies); chained groups hold half as many on average.
     */
    static final int MAX_BUCKETS = 200;
    /**
     * Chained groups at most (their ids, {@code (i + 1) × 2²⁴ + key}, must stay below OpenFlow's OFPG_MAX): past
     * 51,000 hosts the chained groups hold more than 200 each, up to what one group mod carries (about 900).
     */
    static final int MAX_CHAINED = 255;
    /** Spreads consecutive addresses over the chained groups (a 64-bit golden-ratio multiplier). */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    private L2App() {
    }

    /** Where a local lport's packets leave the switch: an OVS port, untagged or with a VLAN tag pushed. */
    public static final class Attachment implements Comparable<Attachment> {
        private final long ofport;
        private final int vlan;

        private Attachment(final long ofport, final int vlan) {
            this.ofport = ofport;
            this.vlan = vlan;
        }

        public static Attachment untagged(final long ofport) {
            return new Attachment(ofport, 0);
        }

        /** On {@code ofport}, tagged with {@code vlan} (1..4094): a trunk sub-port. */
        public static Attachment tagged(final long ofport, final int vlan) {
            return new Attachment(ofport, vlan);
        }

        public long ofport() {
            return ofport;
        }

        /** The VLAN id, or 0 when untagged. */
        public int vlan() {
            return vlan;
        }

        /** The actions that deliver a packet here (a pushed tag is popped again after the output). */
        List<FlowAction> deliver(final boolean restore) {
            if (vlan == 0) {
                return List.of(FlowAction.output(ofport));
            }
            final List<FlowAction> actions = new ArrayList<>(List.of(FlowAction.pushVlan(),
                FlowAction.setVlanVid(vlan), FlowAction.output(ofport)));
            if (restore) {
                actions.add(FlowAction.popVlan());
            }
            return actions;
        }

        @Override
        public int compareTo(final Attachment other) {
            final int byTag = Integer.compare(vlan == 0 ? 0 : 1, other.vlan == 0 ? 0 : 1);
            if (byTag != 0) {
                return byTag;
            }
            final int byPort = Long.compare(ofport, other.ofport);
            return byPort != 0 ? byPort : Integer.compare(vlan, other.vlan);
        }

        @Override
        public boolean equals(final Object obj) {
            return obj instanceof Attachment && ((Attachment) obj).ofport == ofport && ((Attachment) obj).vlan == vlan;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(ofport) * 31 + vlan;
        }

        @Override
        public String toString() {
            return ofport + (vlan == 0 ? "" : "." + vlan);
        }
    }

    /** An lport local on the node, at {@code ofport}. */
    public static List<FlowSpec> localPortFlows(final long lportKey, final long networkKey, final String mac,
            final long ofport) {
        return localPortFlows(lportKey, networkKey, mac, Attachment.untagged(ofport));
    }

    /** An lport local on the node, attached as given. */
    public static List<FlowSpec> localPortFlows(final long lportKey, final long networkKey, final String mac,
            final Attachment attachment) {
        final List<FlowSpec> flows = new ArrayList<>(localLookupFlows(lportKey, networkKey, mac));
        final FlowSpec.Builder delivery = FlowSpec.builder(attachment.vlan() == 0 ? FlowApp.L2 : FlowApp.TRUNK,
            Pipeline.INGRESS_DISPATCH, Pipeline.PORT_PRIORITY).matchReg7(lportKey);
        attachment.deliver(false).forEach(delivery::apply);
        flows.add(delivery.build());
        return flows;
    }

    /**
     * The flows that lead a local lport's packets to table 115 (its MAC in 55 and 100, its key in 75); the
     * delivery in 115 is the caller's.
     */
    public static List<FlowSpec> localLookupFlows(final long lportKey, final long networkKey, final String mac) {
        final List<FlowSpec> flows = new ArrayList<>(4);
        if (mac != null) {
            flows.add(lookup(Pipeline.L2_LOOKUP, networkKey, mac, lportKey, Pipeline.EGRESS));
            flows.add(lookup(Pipeline.INGRESS_DESTINATION_PORT_LOOKUP, networkKey, mac, lportKey,
                Pipeline.INGRESS_DISPATCH));
        }
        flows.add(FlowSpec.builder(FlowApp.L2, Pipeline.EGRESS, Pipeline.PORT_PRIORITY).matchReg7(lportKey)
            .gotoTable(Pipeline.INGRESS_DISPATCH).build());
        return flows;
    }

    /** An lport remote on the node: its MAC leads to its egress flow (table 75, the tunnel app's). */
    public static List<FlowSpec> remotePortFlows(final long lportKey, final long networkKey, final String mac) {
        return mac == null ? List.of()
            : List.of(lookup(Pipeline.L2_LOOKUP, networkKey, mac, lportKey, Pipeline.EGRESS));
    }

    /**
     * The network's flooding on the node: from a local port to every local port and, through the node's tunnel
     * port of the network's type, to every remote destination; from a tunnel to every local port.
     *
     * @param locals the network's local attachments; untagged ones first, then tagged ones (each tag popped
     *     again after its output)
     * @param tunnelOfport the node's tunnel port of the network's type, or null (no tunnel copies)
     * @param destinations remote tunnel endpoints (IPv4 as unsigned values), in a stable order
     */
    public static List<FlowSpec> floodFlows(final long networkKey, final long tunnelId,
            final Collection<Attachment> locals, final Collection<Long> destinations, final Long tunnelOfport) {
        return floodFlows(networkKey, tunnelId, locals, destinations, tunnelOfport, null);
    }

    /**
     * As {@link #floodFlows(long, long, Collection, Collection, Long)}, with one more copy from a local port: to the
     * physical network of a vlan or flat network ({@code wireCopy}, the provider app's; null: none).
     */
    public static List<FlowSpec> floodFlows(final long networkKey, final long tunnelId,
            final Collection<Attachment> locals, final Collection<Long> destinations, final Long tunnelOfport,
            final List<FlowAction> wireCopy) {
        if (locals.isEmpty()) {
            return List.of();
        }
        final List<List<FlowAction>> buckets = new ArrayList<>();
        final FlowSpec.Builder fromTunnel = FlowSpec.builder(FlowApp.L2, Pipeline.INGRESS_DESTINATION_PORT_LOOKUP,
            Pipeline.FLOOD_PRIORITY).matchMetadata(networkKey).matchMulticast();
        for (Attachment local : new TreeSet<>(locals)) {
            buckets.add(local.deliver(false));
            local.deliver(true).forEach(fromTunnel::apply);
        }
        if (wireCopy != null) {
            buckets.add(wireCopy);
        }
        final List<List<FlowAction>> tunnelCopies = new ArrayList<>();
        if (tunnelOfport != null) {
            for (Long destination : destinations) {
                tunnelCopies.add(List.of(FlowAction.setTunnelId(tunnelId), FlowAction.setTunnelIpv4Dst(destination),
                    FlowAction.output(tunnelOfport)));
            }
        }
        final List<GroupSpec> chained = new ArrayList<>();
        if (buckets.size() + tunnelCopies.size() <= MAX_BUCKETS) {
            buckets.addAll(tunnelCopies);
        } else {
            // each host's chained group by a hash of its address, the groups half full on average: a host that
            // comes or goes changes one chained group, which is modified in place, and not the network's group
            final int count = Math.min(MAX_CHAINED, (tunnelCopies.size() * 2 + MAX_BUCKETS - 1) / MAX_BUCKETS);
            final List<List<List<FlowAction>>> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                parts.add(new ArrayList<>());
            }
            int index = 0;
            for (Long destination : destinations) {
                parts.get(Math.floorMod(Long.hashCode(destination * SPREAD), count)).add(tunnelCopies.get(index++));
            }
            for (List<List<FlowAction>> part : parts) {
                final GroupSpec sub = new GroupSpec(Pipeline.floodSubGroup(networkKey, chained.size()), part);
                chained.add(sub);
                buckets.add(List.of(FlowAction.group(sub.groupId())));
            }
        }
        final FlowSpec fromLocal = FlowSpec.builder(FlowApp.L2, Pipeline.L2_LOOKUP, Pipeline.FLOOD_PRIORITY)
            .matchMetadata(networkKey).matchMulticast()
            .applyGroup(new GroupSpec(Pipeline.floodGroup(networkKey), buckets), chained).build();
        return List.of(fromLocal, fromTunnel.build());
    }

    private static FlowSpec lookup(final short table, final long networkKey, final String mac, final long lportKey,
            final short next) {
        return FlowSpec.builder(FlowApp.L2, table, Pipeline.PORT_PRIORITY).matchMetadata(networkKey)
            .matchEthDst(mac).apply(FlowAction.loadReg7(lportKey)).gotoTable(next).build();
    }
}
