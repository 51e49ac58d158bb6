/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.flowtun.impl.flow.FlowReconciler;
import org.flowtun.impl.flow.FlowSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network's own flows on a node, which exist while the network has a local port there: the tunnel ingress flow
 * (tunnel app) and the flooding of broadcast and multicast to every local port and every remote host of the
 * network (L2 app). Keeps the local ports per node and network, and recomputes only the (node, network) pairs
 * marked since the last {@link #flush}. Confined to the locality thread.
 */
final class NetworkFlooding {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkFlooding.class);

    /** An lport local on a node: its network and where the network floods to it (null: nowhere). */
    static final class LocalPort {
        final String network;
        final L2App.Attachment attachment;

        LocalPort(final String network, final L2App.Attachment attachment) {
            this.network = requireNonNull(network);
            this.attachment = attachment;
        }

        @Override
        public boolean equals(final Object obj) {
            return obj instanceof LocalPort && ((LocalPort) obj).network.equals(network)
                && Objects.equals(((LocalPort) obj).attachment, attachment);
        }

        @Override
        public int hashCode() {
            return Objects.hash(network, attachment);
        }
    }

    private final LogicalModel model;
    private final Placer placer;
    private final KeyAllocator networkKeys;
    private final FlowReconciler<LocalityFlowOwner> reconciler;
    private final NetworkNeeds needs;
    /** node to lport to every lport local on the node. */
    private final Map<String, Map<String, LocalPort>> localLports = new HashMap<>();
    /** node to network to how many of its lports are local there: a network has flows only where this is > 0. */
    private final Map<String, Map<String, Integer>> localCounts = new HashMap<>();
    /** "node network" pairs whose unreachable physical network was logged. */
    private final Set<String> warnedUnreachable = new HashSet<>();
    /** node to the networks whose flows on it are to be recomputed. */
    private final Map<String, Set<String>> dirty = new HashMap<>();

    NetworkFlooding(final LogicalModel model, final Placer placer, final KeyAllocator networkKeys,
            final FlowReconciler<LocalityFlowOwner> reconciler, final NetworkNeeds needs) {
        this.model = requireNonNull(model);
        this.placer = requireNonNull(placer);
        this.networkKeys = requireNonNull(networkKeys);
        this.reconciler = requireNonNull(reconciler);
        this.needs = requireNonNull(needs);
    }

    /** The lport's local port on the node, or null. */
    LocalPort localPort(final String node, final String lport) {
        return localLports.getOrDefault(node, Map.of()).get(lport);
    }

    /**
     * The lport is local on the node at {@code port} (null: not local); the networks concerned are marked, and the
     * {@link NetworkNeeds} hear of a network's first and last local lport on the node.
     */
    void setLocal(final String node, final String lport, final LocalPort port) {
        final Map<String, LocalPort> local = localLports.computeIfAbsent(node, id -> new HashMap<>());
        final LocalPort before = port == null ? local.remove(lport) : local.put(lport, port);
        if (!Objects.equals(before, port)) {
            final Map<String, Integer> counts = localCounts.computeIfAbsent(node, id -> new HashMap<>());
            if (before != null) {
                if (counts.merge(before.network, -1, (count, minus) -> count == 1 ? null : count + minus) == null) {
                    needs.localRemoved(node, before.network);
                }
                markAlways(node, before.network);
            }
            if (port != null) {
                if (counts.merge(port.network, 1, Integer::sum) == 1) {
                    needs.localAdded(node, port.network);
                }
                markAlways(node, port.network);
            }
        }
    }

    /**
     * Something the network's flows on the node depend on changed (its key, an lport's binding): they are
     * recomputed at the next flush, where the network has a local port (elsewhere it has none, and gets one only
     * through {@link #setLocal}, which marks it).
     */
    void mark(final String node, final String network) {
        if (network != null && localCounts.getOrDefault(node, Map.of()).containsKey(network)) {
            markAlways(node, network);
        }
    }

    private void markAlways(final String node, final String network) {
        dirty.computeIfAbsent(node, id -> new HashSet<>()).add(network);
    }

    void nodeLeft(final String node) {
        warnedUnreachable.removeIf(pair -> pair.startsWith(node + " "));
        localLports.remove(node);
        localCounts.remove(node);
        dirty.remove(node);
    }

    /** Hands the reconciler the flows of every marked (node, network) whose node is still there. */
    void flush(final NodeModel nodes) {
        dirty.forEach((node, networks) -> {
            final NodeInfo nodeInfo = nodes.node(node);
            if (nodeInfo != null) {
                networks.forEach(network -> reconciler.setFlows(node, new NetworkFlowOwner(network),
                    flows(nodeInfo, network)));
            }
        });
        dirty.clear();
    }

    private List<FlowSpec> flows(final NodeInfo node, final String networkId) {
        final NetworkInfo network = model.network(networkId);
        final Long networkKey = network == null ? null : networkKeys.keyOf(networkId);
        final List<L2App.Attachment> attachments = new ArrayList<>();
        boolean anyLocal = false;
        for (LocalPort local : localLports.getOrDefault(node.nodeId(), Map.of()).values()) {
            if (local.network.equals(networkId)) {
                anyLocal = true;
                if (local.attachment != null) {
                    attachments.add(local.attachment);
                }
            }
        }
        if (!anyLocal || networkKey == null) {
            return List.of();
        }
        final List<FlowSpec> flows = new ArrayList<>(TunnelApp.ingressFlows(node, network, networkKey));
        flows.addAll(ProviderApp.networkFlows(node, network, networkKey));
        if (!ProviderApp.unreachable(node, network)) {
            warnedUnreachable.remove(node.nodeId() + " " + networkId);
        } else if (warnedUnreachable.add(node.nodeId() + " " + networkId)) {
            LOG.warn("{}: network {} is on physical network {}, which the node does not reach: its remote ports get"
                + " no locality there until the node maps it (external_ids:flowtun-bridge-mappings)", node.nodeId(),
                networkId, network.physicalNetwork());
        }
        final String type = network.tunnelType();
        final Set<Long> destinations = new TreeSet<>();
        if (type != null) {
            for (String lportId : model.lportsOfNetwork(networkId)) {
                final LportInfo lport = model.lport(lportId);
                // a sub-port or floating lport is flooded to at the host of the lport it follows
                final LportInfo binding = lport == null ? null : placer.bindingOf(lport);
                if (binding != null && TunnelApp.isRemote(node, binding)) {
                    final Long ip = TunnelApp.ipv4(TunnelApp.destination(binding,
                        model.chassisIp(binding.chassis())));
                    if (ip != null) {
                        destinations.add(ip);
                    }
                }
            }
        }
        flows.addAll(L2App.floodFlows(networkKey, network.segmentationId(), attachments, destinations,
            type == null ? null : node.tunnelPort(type), ProviderApp.floodCopy(node, network)));
        return flows;
    }
}
