/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.ovsdb;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.InterfaceTypeBase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbBridgeAugmentation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbNodeAugmentation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbTerminationPointAugmentation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.BridgeOtherConfigs;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ControllerEntry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.node.attributes.ManagedNodeEntry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.node.attributes.OpenvswitchExternalIds;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.node.attributes.OpenvswitchOtherConfigs;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.port._interface.attributes.InterfaceExternalIds;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.port._interface.attributes.Options;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NetworkTopology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NodeId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.TopologyId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.Topology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.TopologyKey;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.Node;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.NodeKey;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.node.TerminationPoint;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * The OVSDB southbound's topology ({@code network-topology/topology=ovsdb:1}) as flowtun reads it: paths,
 * node id conventions, and the conversion of southbound nodes into {@link OvsdbSwitch} and
 * {@link OvsdbBridge} values. Pure functions.
 */
public final class OvsdbTopology {
    public static final TopologyId TOPOLOGY_ID = new TopologyId(new Uri("ovsdb:1"));
    public static final InstanceIdentifier<Topology> TOPOLOGY = InstanceIdentifier.create(NetworkTopology.class)
        .child(Topology.class, new TopologyKey(TOPOLOGY_ID));
    public static final InstanceIdentifier<Node> NODES = TOPOLOGY.child(Node.class);
    public static final String BRIDGE_SEPARATOR = "/bridge/";

    static final String SYSTEM_ID = "system-id";
    static final String LOCAL_IP = "local_ip";
    private static final String TYPE_CLASS_PREFIX = "InterfaceType";

    private OvsdbTopology() {
    }

    public static InstanceIdentifier<Node> nodePath(final String nodeId) {
        return TOPOLOGY.child(Node.class, new NodeKey(new NodeId(new Uri(nodeId))));
    }

    /** The southbound node id of bridge {@code bridgeName} of OVS node {@code switchNodeId}. */
    public static String bridgeNodeId(final String switchNodeId, final String bridgeName) {
        return switchNodeId + BRIDGE_SEPARATOR + bridgeName;
    }

    /** The OVS node a bridge node id belongs to: {@code ovsdb://uuid/X/bridge/br-int} → {@code ovsdb://uuid/X}. */
    public static String switchNodeIdOf(final String bridgeNodeId) {
        final int separator = bridgeNodeId.indexOf(BRIDGE_SEPARATOR);
        return separator > 0 ? bridgeNodeId.substring(0, separator) : bridgeNodeId;
    }

    /** The OVS node of a southbound node, when it is one (not a bridge). */
    public static Optional<OvsdbSwitch> toSwitch(final Node node) {
        final OvsdbNodeAugmentation ovsdb = node.augmentation(OvsdbNodeAugmentation.class);
        if (ovsdb == null) {
            return Optional.empty();
        }
        String systemId = null;
        String bridgeMappings = null;
        if (ovsdb.getOpenvswitchExternalIds() != null) {
            for (OpenvswitchExternalIds id : ovsdb.getOpenvswitchExternalIds().values()) {
                if (SYSTEM_ID.equals(id.getExternalIdKey())) {
                    systemId = id.getExternalIdValue();
                } else if (BridgeMappings.EXTERNAL_ID.equals(id.getExternalIdKey())) {
                    bridgeMappings = id.getExternalIdValue();
                }
            }
        }
        String localIp = null;
        if (ovsdb.getOpenvswitchOtherConfigs() != null) {
            for (OpenvswitchOtherConfigs config : ovsdb.getOpenvswitchOtherConfigs().values()) {
                if (LOCAL_IP.equals(config.getOtherConfigKey())) {
                    localIp = config.getOtherConfigValue();
                }
            }
        }
        final String controllerAddress = ovsdb.getConnectionInfo() == null ? null
            : text(ovsdb.getConnectionInfo().getLocalIp());
        // the bridges OVS has, as the switch's own node lists them (their nodes may be heard later)
        final Set<String> bridges = new HashSet<>();
        final var managed = ovsdb.getManagedNodeEntry();
        if (managed != null) {
            managed.values().forEach(entry -> bridgeNodeIdOf(entry).ifPresent(bridges::add));
        }
        return Optional.of(new OvsdbSwitch(node.getNodeId().getValue(), systemId, localIp, controllerAddress,
            bridges, bridgeMappings));
    }

    private static Optional<String> bridgeNodeIdOf(final ManagedNodeEntry entry) {
        return Optional.ofNullable(entry.getBridgeRef()).map(ref -> ref.getValue().firstKeyOf(Node.class))
            .map(key -> key.getNodeId().getValue());
    }

    /** The bridge of a southbound node, when it is one. */
    public static Optional<OvsdbBridge> toBridge(final Node node) {
        final OvsdbBridgeAugmentation bridge = node.augmentation(OvsdbBridgeAugmentation.class);
        if (bridge == null || bridge.getBridgeName() == null) {
            return Optional.empty();
        }
        final String nodeId = node.getNodeId().getValue();
        final String switchNodeId = switchNodeIdOf(nodeId);
        final Set<String> controllers = new HashSet<>();
        if (bridge.getControllerEntry() != null) {
            for (ControllerEntry entry : bridge.getControllerEntry().values()) {
                controllers.add(entry.getTarget().getValue());
            }
        }
        final Map<String, String> otherConfig = new HashMap<>();
        if (bridge.getBridgeOtherConfigs() != null) {
            for (BridgeOtherConfigs config : bridge.getBridgeOtherConfigs().values()) {
                otherConfig.put(config.getBridgeOtherConfigKey(), config.getBridgeOtherConfigValue());
            }
        }
        final Map<String, OvsdbPort> ports = new HashMap<>();
        if (node.getTerminationPoint() != null) {
            for (TerminationPoint tp : node.getTerminationPoint().values()) {
                final OvsdbTerminationPointAugmentation port =
                    tp.augmentation(OvsdbTerminationPointAugmentation.class);
                if (port != null && port.getName() != null) {
                    ports.put(port.getName(), toPort(port));
                }
            }
        }
        return Optional.of(new OvsdbBridge(nodeId, switchNodeId, bridge.getBridgeName().getValue(), controllers,
            bridge.getDatapathId() == null ? null : bridge.getDatapathId().getValue(), otherConfig, ports));
    }

    static OvsdbPort toPort(final OvsdbTerminationPointAugmentation port) {
        final Map<String, String> options = new HashMap<>();
        if (port.getOptions() != null) {
            for (Options option : port.getOptions().values()) {
                options.put(option.getOption(), option.getValue());
            }
        }
        final Map<String, String> externalIds = new HashMap<>();
        if (port.getInterfaceExternalIds() != null) {
            for (InterfaceExternalIds id : port.getInterfaceExternalIds().values()) {
                externalIds.put(id.getExternalIdKey(), id.getExternalIdValue());
            }
        }
        final long ofport = port.getOfport() == null ? 0 : port.getOfport().toJava();
        return new OvsdbPort(port.getName(), typeName(port.getInterfaceType()), options, externalIds,
            ofport == 0xFFFF_FFFFL ? 0 : ofport);
    }

    /** The OVS interface type name of a southbound interface-type identity: vxlan, gre, geneve, ... */
    public static String typeName(final Class<? extends InterfaceTypeBase> type) {
        if (type == null) {
            return "";
        }
        final String simple = type.getSimpleName();
        return (simple.startsWith(TYPE_CLASS_PREFIX) ? simple.substring(TYPE_CLASS_PREFIX.length()) : simple)
            .toLowerCase(Locale.ROOT);
    }

    private static String text(final IpAddress address) {
        return address == null ? null : address.stringValue();
    }
}
