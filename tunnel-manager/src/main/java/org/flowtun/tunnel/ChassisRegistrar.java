/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.flowtun.impl.NetworkKind;
import org.flowtun.impl.cache.ChassisCache;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.ovsdb.BridgeMappings;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.ChassisRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.ChassisBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.ChassisKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.chassis.BridgeMapping;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.chassis.BridgeMappingBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.chassis.BridgeMappingKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.PhysicalNetworkName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a connected node's chassis (id {@code system-id}, IP {@code local_ip}, the configured tunnel
 * types) when the chassis registry lacks it, and follows a change of the node's {@code local_ip}. Runs on the
 * tunnel manager's thread; reads the chassis cache, never the datastore.
 */
final class ChassisRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(ChassisRegistrar.class);

    private final DataBroker dataBroker;
    private final ChassisCache chassisCache;
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastLocalIp = new HashMap<>();

    ChassisRegistrar(final DataBroker dataBroker, final ChassisCache chassisCache) {
        this.dataBroker = requireNonNull(dataBroker);
        this.chassisCache = requireNonNull(chassisCache);
    }

    /**
     * The node as OVS now reports it; the registry is written only when {@code write} (this member runs the
     * tunnel manager), but a change of {@code local_ip} is followed on every member.
     */
    void switchUpdated(final FlowtunConfig config, final OvsdbSwitch node, final boolean write) {
        if (node.systemId().isEmpty() || node.localIp().isEmpty()) {
            return;
        }
        final String chassisId = node.systemId().get();
        final String localIp = node.localIp().get();
        final IpAddress ip;
        try {
            ip = IpAddressBuilder.getDefaultInstance(localIp);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: other_config:local_ip \"{}\" is not an IP address; chassis {} not registered",
                node.nodeId(), localIp, chassisId);
            return;
        }
        final String previousIp = lastLocalIp.put(node.nodeId(), localIp);
        final BridgeMappings mappings = node.bridgeMappings(config.integrationBridge());
        if (!write) {
            return;
        }
        final Optional<Chassis> chassis = chassisCache.byId(chassisId);
        if (chassis.isEmpty()) {
            if (config.tunnelTypes().isEmpty() || !requested.add(chassisId)) {
                return;
            }
            LOG.info("{}: registering chassis {} (ip {}, tunnel types {})", node.nodeId(), chassisId, localIp,
                config.tunnelTypes().stream().map(NetworkKind::yangName).collect(Collectors.toList()));
            write(new ChassisBuilder().setId(new ResourceId(chassisId)).setIp(ip)
                .setTunnelTypes(config.tunnelTypes().stream().map(NetworkKind::tunnelIdentity)
                    .collect(Collectors.toList())).setBridgeMapping(orNull(yangMappings(mappings))).build(), chassisId);
            return;
        }
        final boolean ipChanged = previousIp != null && !previousIp.equals(localIp)
            && !ip.equals(chassis.get().getIp());
        final Map<BridgeMappingKey, BridgeMapping> wantedMappings = yangMappings(mappings);
        final boolean mappingsChanged = !wantedMappings.equals(chassis.get().nonnullBridgeMapping());
        if (ipChanged) {
            LOG.info("{}: local_ip changed {} -> {}: updating chassis {}", node.nodeId(), previousIp, localIp,
                chassisId);
        }
        if (mappingsChanged) {
            LOG.info("{}: bridge mappings of chassis {} are now \"{}\" (external_ids:{})", node.nodeId(), chassisId,
                mappings, BridgeMappings.EXTERNAL_ID);
        }
        if (ipChanged || mappingsChanged) {
            write(new ChassisBuilder(chassis.get()).setIp(ipChanged ? ip : chassis.get().getIp())
                .setBridgeMapping(orNull(wantedMappings)).build(), chassisId);
        }
    }

    /** The chassis' bridge-mapping list for {@code mappings} (an empty map when there is none). */
    static Map<BridgeMappingKey, BridgeMapping> yangMappings(final BridgeMappings mappings) {
        final Map<BridgeMappingKey, BridgeMapping> result = new HashMap<>();
        mappings.bridgeByNetwork().forEach((network, bridge) -> {
            final BridgeMapping mapping = new BridgeMappingBuilder()
                .setPhysicalNetwork(new PhysicalNetworkName(network)).setBridge(bridge).build();
            result.put(mapping.key(), mapping);
        });
        return result;
    }

    private static <K, V> Map<K, V> orNull(final Map<K, V> map) {
        return map.isEmpty() ? null : map;
    }

    void switchRemoved(final String switchNodeId) {
        lastLocalIp.remove(switchNodeId);
    }

    private void write(final Chassis chassis, final String chassisId) {
        final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(ChassisRegistry.class)
            .child(Chassis.class, new ChassisKey(chassis.getId())), chassis);
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("chassis {} written", chassisId);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Could not write chassis {}: {}", chassisId, cause.getMessage());
                requested.remove(chassisId);
            }
        }, MoreExecutors.directExecutor());
    }
}
