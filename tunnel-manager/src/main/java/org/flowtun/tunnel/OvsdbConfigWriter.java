/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Sets;
import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.OvsdbTopology;
import org.flowtun.impl.ovsdb.PatchPorts;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.DatapathTypeNetdev;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.DatapathTypeSystem;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.InterfaceTypeBase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.InterfaceTypeGeneve;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.InterfaceTypeGre;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.InterfaceTypePatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.InterfaceTypeVxlan;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbBridgeAugmentation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbBridgeAugmentationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbBridgeName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbBridgeProtocolOpenflow13;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbFailModeSecure;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbNodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbTerminationPointAugmentation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbTerminationPointAugmentationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.BridgeOtherConfigs;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.BridgeOtherConfigsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.BridgeOtherConfigsKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ControllerEntry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ControllerEntryBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ControllerEntryKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ProtocolEntry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ProtocolEntryBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.port._interface.attributes.Options;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.port._interface.attributes.OptionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.port._interface.attributes.OptionsKey;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NodeId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.TpId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.Node;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.node.TerminationPoint;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.node.TerminationPointBuilder;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.node.TerminationPointKey;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Writes what a {@link TunnelPortPlan} asks for into the OVSDB southbound's configuration topology
 * ({@code ovsdb:1}); the southbound applies it to the switch. Asynchronous: returns the commit future.
 */
final class OvsdbConfigWriter {
    private static final LogicalDatastoreType CONFIG = LogicalDatastoreType.CONFIGURATION;
    private static final Map<String, Class<? extends InterfaceTypeBase>> INTERFACE_TYPES = Map.of(
        "gre", InterfaceTypeGre.class, "vxlan", InterfaceTypeVxlan.class, "geneve", InterfaceTypeGeneve.class,
        PatchPorts.TYPE, InterfaceTypePatch.class);

    /**
     * How long at most a switch waits between attempts to reach the controller (OVS's own default is 8 s): after
     * a controller restart every switch is back, and reconciled, within a second of OpenFlow listening again.
     */
    static final Uint32 CONTROLLER_MAX_BACKOFF_MS = Uint32.valueOf(1000);

    private final DataBroker dataBroker;

    OvsdbConfigWriter(final DataBroker dataBroker) {
        this.dataBroker = requireNonNull(dataBroker);
    }

    /**
     * Creates the integration bridge, or sets flowtun's controller target on the existing one and removes the
     * others. The southbound removes a controller from OVS when its configuration entry goes away, so a target
     * flowtun never wrote is first written (OVS has it already: nothing changes there), then deleted.
     */
    FluentFuture<? extends CommitInfo> writeBridge(final OvsdbSwitch node, final FlowtunConfig config,
            final TunnelPortPlan plan, final OvsdbBridge existing) {
        final String bridgeNodeId = OvsdbTopology.bridgeNodeId(node.nodeId(), config.integrationBridge());
        final OvsdbBridgeAugmentationBuilder bridge = new OvsdbBridgeAugmentationBuilder()
            .setBridgeName(new OvsdbBridgeName(config.integrationBridge()))
            .setManagedBy(new OvsdbNodeRef(OvsdbTopology.nodePath(node.nodeId())))
            .setControllerEntry(controllers(Sets.union(plan.controllerTargets(), plan.controllersToRemove())));
        if (existing == null) {
            final ProtocolEntry of13 = new ProtocolEntryBuilder().setProtocol(OvsdbBridgeProtocolOpenflow13.class)
                .build();
            bridge.setFailMode(OvsdbFailModeSecure.class)
                .setProtocolEntry(Map.of(of13.key(), of13))
                .setDatapathType("netdev".equals(config.datapathType()) ? DatapathTypeNetdev.class
                    : DatapathTypeSystem.class)
                .setBridgeOtherConfigs(otherConfigs(Map.of("disable-in-band", "true")));
        } else {
            // The southbound rewrites other_config on update: keep what the bridge has (its datapath-id).
            bridge.setBridgeOtherConfigs(otherConfigs(existing.otherConfig()));
        }
        final Node bridgeNode = new NodeBuilder().setNodeId(new NodeId(new Uri(bridgeNodeId)))
            .addAugmentation(OvsdbBridgeAugmentation.class, bridge.build()).build();
        final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
        tx.merge(CONFIG, OvsdbTopology.nodePath(bridgeNodeId), bridgeNode);
        if (plan.controllersToRemove().isEmpty()) {
            return tx.commit();
        }
        return tx.commit().transformAsync(info -> {
            final WriteTransaction delete = dataBroker.newWriteOnlyTransaction();
            for (String target : plan.controllersToRemove()) {
                delete.delete(CONFIG, OvsdbTopology.nodePath(bridgeNodeId).augmentation(OvsdbBridgeAugmentation.class)
                    .child(ControllerEntry.class, new ControllerEntryKey(new Uri(target))));
            }
            return delete.commit();
        }, MoreExecutors.directExecutor());
    }

    /**
     * Writes the tunnel ports: an update of the options for a port OVS has, a (re)creation for one it lacks.
     * A configuration entry identical to what is stored raises no change, so the entry of a missing port is
     * deleted first and written again.
     */
    FluentFuture<? extends CommitInfo> writePorts(final String bridgeNodeId, final List<TunnelPortSpec> ports,
            final Set<String> missingOnSwitch) {
        final WriteTransaction clear = dataBroker.newWriteOnlyTransaction();
        for (TunnelPortSpec port : ports) {
            if (missingOnSwitch.contains(port.name())) {
                clear.delete(CONFIG, tpPath(bridgeNodeId, port.name()));
            }
        }
        return clear.commit().transformAsync(info -> {
            final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
            for (TunnelPortSpec port : ports) {
                tx.put(CONFIG, tpPath(bridgeNodeId, port.name()), terminationPoint(port.name(),
                    port.type().yangName(), port.options()));
            }
            return tx.commit();
        }, MoreExecutors.directExecutor());
    }

    /**
     * Writes patch ports, each on its own bridge of the node: as {@link #writePorts}, an entry OVS lacks is deleted
     * first and written again.
     */
    FluentFuture<? extends CommitInfo> writePatchPorts(final String switchNodeId, final List<PatchPortSpec> ports,
            final Set<String> missingOnSwitch) {
        final WriteTransaction clear = dataBroker.newWriteOnlyTransaction();
        for (PatchPortSpec port : ports) {
            if (missingOnSwitch.contains(port.name())) {
                // the physical network's bridge is the operator's: its configuration node may not exist (a child
                // of a missing node cannot be deleted), and flowtun writes nothing of it but its own port
                final String bridgeNodeId = OvsdbTopology.bridgeNodeId(switchNodeId, port.bridge());
                clear.mergeParentStructureMerge(CONFIG, OvsdbTopology.nodePath(bridgeNodeId),
                    new NodeBuilder().setNodeId(new NodeId(new Uri(bridgeNodeId))).build());
                clear.delete(CONFIG, tpPath(bridgeNodeId, port.name()));
            }
        }
        return clear.commit().transformAsync(info -> {
            final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
            for (PatchPortSpec port : ports) {
                tx.mergeParentStructurePut(CONFIG, tpPath(OvsdbTopology.bridgeNodeId(switchNodeId, port.bridge()),
                    port.name()), terminationPoint(port.name(), PatchPorts.TYPE, port.options()));
            }
            return tx.commit();
        }, MoreExecutors.directExecutor());
    }

    /**
     * Removes ports from the switch. The southbound deletes a port when its configuration entry goes away;
     * a port flowtun never wrote (or whose entry was lost) is first written as OVS reports it, then deleted.
     */
    FluentFuture<? extends CommitInfo> removePorts(final String bridgeNodeId, final List<OvsdbPort> ports) {
        final WriteTransaction write = dataBroker.newWriteOnlyTransaction();
        for (OvsdbPort port : ports) {
            write.mergeParentStructurePut(CONFIG, tpPath(bridgeNodeId, port.name()), terminationPoint(port.name(),
                port.type(), port.options()));
        }
        return write.commit().transformAsync(info -> {
            final WriteTransaction delete = dataBroker.newWriteOnlyTransaction();
            for (OvsdbPort port : ports) {
                delete.delete(CONFIG, tpPath(bridgeNodeId, port.name()));
            }
            return delete.commit();
        }, MoreExecutors.directExecutor());
    }

    static InstanceIdentifier<TerminationPoint> tpPath(final String bridgeNodeId, final String portName) {
        return OvsdbTopology.nodePath(bridgeNodeId).child(TerminationPoint.class,
            new TerminationPointKey(new TpId(portName)));
    }

    static TerminationPoint terminationPoint(final String name, final String type, final Map<String, String> options) {
        final Map<OptionsKey, Options> optionMap = new HashMap<>();
        options.forEach((key, value) -> {
            final Options option = new OptionsBuilder().setOption(key).setValue(value).build();
            optionMap.put(option.key(), option);
        });
        final OvsdbTerminationPointAugmentationBuilder port = new OvsdbTerminationPointAugmentationBuilder()
            .setName(name).setOptions(optionMap);
        final Class<? extends InterfaceTypeBase> interfaceType = INTERFACE_TYPES.get(type);
        if (interfaceType != null) {
            port.setInterfaceType(interfaceType);
        }
        return new TerminationPointBuilder().withKey(new TerminationPointKey(new TpId(name)))
            .addAugmentation(OvsdbTerminationPointAugmentation.class, port.build()).build();
    }

    private static Map<ControllerEntryKey, ControllerEntry> controllers(final Set<String> targets) {
        final Map<ControllerEntryKey, ControllerEntry> entries = new HashMap<>();
        for (String target : targets) {
            final ControllerEntry entry = new ControllerEntryBuilder().setTarget(new Uri(target))
                .setMaxBackoff(CONTROLLER_MAX_BACKOFF_MS).build();
            entries.put(entry.key(), entry);
        }
        return entries;
    }

    private static Map<BridgeOtherConfigsKey, BridgeOtherConfigs> otherConfigs(final Map<String, String> values) {
        final Map<BridgeOtherConfigsKey, BridgeOtherConfigs> configs = new HashMap<>();
        values.forEach((key, value) -> {
            final BridgeOtherConfigs config = new BridgeOtherConfigsBuilder().setBridgeOtherConfigKey(key)
                .setBridgeOtherConfigValue(value).build();
            configs.put(config.key(), config);
        });
        return configs;
    }
}
