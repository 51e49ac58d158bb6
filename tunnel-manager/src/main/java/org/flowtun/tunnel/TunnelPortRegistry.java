/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.flowtun.api.TunnelPort;
import org.flowtun.api.TunnelPortListener;
import org.flowtun.api.TunnelPortService;
import org.flowtun.impl.ChainedWriter;
import org.flowtun.impl.NetworkKind;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.PatchPorts;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.TunnelPorts;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.TunnelPortsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.node.ProviderPort;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.node.ProviderPortBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.node.ProviderPortKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.node.TunnelPortBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.node.TunnelPortKey;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual tunnel ports of every node with their OpenFlow port numbers, as the OVSDB monitor reports them
 * (the spec's "ofport of each tunnel type"). Offered to other bundles as {@link TunnelPortService}, and
 * published at {@code flowtun-state:tunnel-ports} by the member that runs the tunnel manager (every member keeps
 * the registry: the switches' state is known everywhere). Updated on the tunnel manager's thread.
 */
final class TunnelPortRegistry implements TunnelPortService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelPortRegistry.class);
    private static final List<NetworkKind> TUNNEL_KINDS = List.of(NetworkKind.GRE, NetworkKind.VXLAN,
        NetworkKind.GENEVE);

    /** Serializes the state writes: concurrent writes of one node's entry would conflict and lose one. */
    private final ChainedWriter writer;
    private final Map<String, Map<String, TunnelPort>> byNode = new ConcurrentHashMap<>();
    private final Map<String, OvsdbSwitch> nodes = new HashMap<>();
    /** Node to physical network's bridge to the integration bridge's patch port toward it. */
    private final Map<String, Map<String, OvsdbPort>> providerPorts = new HashMap<>();
    private final List<TunnelPortListener> listeners = new CopyOnWriteArrayList<>();
    private boolean publishing;

    TunnelPortRegistry(final DataBroker dataBroker) {
        this.writer = new ChainedWriter(dataBroker, "tunnel-ports state", this::publishAll);
    }

    /** After a failed write: every node is written again. */
    private synchronized void publishAll() {
        nodes.keySet().forEach(this::publish);
    }

    /**
     * This member runs the tunnel manager from now on: the published state becomes exactly this registry's (what
     * another member published before, of nodes gone since, goes).
     */
    synchronized void startPublishing() {
        publishing = true;
        final TunnelPorts all = new TunnelPortsBuilder().setNode(nodes.keySet().stream().map(this::state)
            .collect(Collectors.toMap(Node::key, node -> node))).build();
        writer.write(tx -> tx.put(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier.create(TunnelPorts.class),
            all));
    }

    /** Another member publishes from now on. */
    synchronized void stopPublishing() {
        publishing = false;
    }

    @Override
    public Optional<TunnelPort> tunnelPort(final String nodeId, final String type) {
        return Optional.ofNullable(byNode.getOrDefault(nodeId, Map.of()).get(type));
    }

    @Override
    public Collection<TunnelPort> tunnelPorts() {
        return byNode.values().stream().flatMap(ports -> ports.values().stream()).collect(Collectors.toList());
    }

    @Override
    public synchronized Registration registerListener(final TunnelPortListener listener) {
        tunnelPorts().forEach(port -> listener.onTunnelPortChanged(null, port));
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The node's integration bridge as OVS now reports it. */
    synchronized void bridgeUpdated(final OvsdbBridge bridge) {
        final Map<String, TunnelPort> now = new HashMap<>();
        for (NetworkKind kind : TUNNEL_KINDS) {
            final OvsdbPort port = bridge.ports().get(TunnelPortSpec.portName(kind));
            if (port != null && port.isFlowBasedTunnel()) {
                now.put(kind.yangName(), new TunnelPort(bridge.switchNodeId(), kind.yangName(), port.name(),
                    port.ofport()));
            }
        }
        final Map<String, OvsdbPort> patches = new TreeMap<>();
        for (OvsdbPort port : bridge.ports().values()) {
            final String providerBridge = PatchPorts.bridgeOfIntegrationSide(port);
            if (providerBridge != null) {
                patches.put(providerBridge, port);
            }
        }
        final boolean patchesChanged = !patches.equals(providerPorts.getOrDefault(bridge.switchNodeId(), Map.of()));
        if (patchesChanged) {
            patches.values().forEach(port -> LOG.info("{}: patch port {} has ofport {}", bridge.switchNodeId(),
                port.name(), port.ofport()));
            if (patches.isEmpty()) {
                providerPorts.remove(bridge.switchNodeId());
            } else {
                providerPorts.put(bridge.switchNodeId(), patches);
            }
        }
        if (!replace(bridge.switchNodeId(), now) && patchesChanged && nodes.containsKey(bridge.switchNodeId())) {
            publish(bridge.switchNodeId());
        }
    }

    synchronized void bridgeRemoved(final String switchNodeId) {
        providerPorts.remove(switchNodeId);
        replace(switchNodeId, Map.of());
    }

    synchronized void switchUpdated(final OvsdbSwitch node) {
        if (!node.equals(nodes.put(node.nodeId(), node))) {
            publish(node.nodeId());
        }
    }

    synchronized void switchRemoved(final String switchNodeId) {
        nodes.remove(switchNodeId);
        providerPorts.remove(switchNodeId);
        replace(switchNodeId, Map.of());
        if (publishing) {
            writer.write(tx -> tx.delete(LogicalDatastoreType.OPERATIONAL, path(switchNodeId)));
        }
    }

    /** Returns whether the node's tunnel ports changed (and its state was published). */
    private boolean replace(final String switchNodeId, final Map<String, TunnelPort> now) {
        final Map<String, TunnelPort> before = byNode.getOrDefault(switchNodeId, Map.of());
        if (before.equals(now)) {
            return false;
        }
        if (now.isEmpty()) {
            byNode.remove(switchNodeId);
        } else {
            byNode.put(switchNodeId, Map.copyOf(now));
        }
        for (NetworkKind kind : TUNNEL_KINDS) {
            final TunnelPort previous = before.get(kind.yangName());
            final TunnelPort current = now.get(kind.yangName());
            if (!Objects.equals(previous, current)) {
                if (current != null && current.hasOfport()
                        && (previous == null || previous.ofport() != current.ofport())) {
                    LOG.info("{}: tunnel port {} has ofport {}", switchNodeId, current.name(), current.ofport());
                } else if (current == null) {
                    LOG.info("{}: tunnel port {} is gone", switchNodeId, previous.name());
                }
                listeners.forEach(listener -> listener.onTunnelPortChanged(previous, current));
            }
        }
        if (nodes.containsKey(switchNodeId)) {
            publish(switchNodeId);
        }
        return true;
    }

    private void publish(final String switchNodeId) {
        if (publishing) {
            final Node state = state(switchNodeId);
            writer.write(tx -> tx.put(LogicalDatastoreType.OPERATIONAL, path(switchNodeId), state));
        }
    }

    private Node state(final String switchNodeId) {
        final OvsdbSwitch node = nodes.get(switchNodeId);
        final NodeBuilder builder = new NodeBuilder().setNodeId(switchNodeId);
        if (node != null) {
            node.systemId().ifPresent(builder::setChassisId);
            node.localIp().ifPresent(ip -> {
                try {
                    builder.setLocalIp(IpAddressBuilder.getDefaultInstance(ip));
                } catch (IllegalArgumentException e) {
                    LOG.debug("{}: local_ip {} is not an IP address", switchNodeId, ip);
                }
            });
        }
        final var ports = byNode.getOrDefault(switchNodeId, Map.of()).values().stream()
            .map(port -> {
                final TunnelPortBuilder tp = new TunnelPortBuilder()
                    .withKey(new TunnelPortKey(NetworkKind.named(port.type()).get().tunnelIdentity()))
                    .setName(port.name());
                if (port.hasOfport()) {
                    tp.setOfport(Uint32.valueOf(port.ofport()));
                }
                return tp.build();
            }).collect(Collectors.toMap(tp -> tp.key(), tp -> tp));
        builder.setTunnelPort(ports);
        final Map<ProviderPortKey, ProviderPort> patches = new HashMap<>();
        final Map<String, String> mappings = node == null ? Map.of()
            : node.bridgeMappings(null).bridgeByNetwork();
        mappings.forEach((network, providerBridge) -> {
            final OvsdbPort port = providerPorts.getOrDefault(switchNodeId, Map.of()).get(providerBridge);
            if (port == null) {
                return;
            }
            final ProviderPortBuilder provider = new ProviderPortBuilder().withKey(new ProviderPortKey(network))
                .setName(port.name()).setBridge(providerBridge);
            if (port.ofport() > 0) {
                provider.setOfport(Uint32.valueOf(port.ofport()));
            }
            patches.put(provider.key(), provider.build());
        });
        builder.setProviderPort(patches);
        return builder.build();
    }

    private static InstanceIdentifier<Node> path(final String switchNodeId) {
        return InstanceIdentifier.create(TunnelPorts.class).child(Node.class, new NodeKey(switchNodeId));
    }

    @Override
    public synchronized void close() {
        writer.close();
    }
}
