/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flowtun.impl.ovsdb.BridgeMappings;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.PatchPorts;

/**
 * What one node's patch ports need: for each physical network the node maps to a bridge that exists, the pair
 * between the integration bridge and that bridge ({@link PatchPortSpec}); every other port named as flowtun's patch
 * ports are ({@link PatchPorts}), on any bridge, goes. A mapped bridge that does not exist (the operator creates
 * it, with its NIC) is named in {@link #missingBridges()} and gets nothing. Pure.
 */
public final class PatchPortPlan {
    static final PatchPortPlan NONE = new PatchPortPlan(List.of(), Map.of(), Set.of());

    private final List<PatchPortSpec> portsToWrite;
    private final Map<String, List<OvsdbPort>> portsToRemove;
    private final Set<String> missingBridges;

    private PatchPortPlan(final List<PatchPortSpec> portsToWrite, final Map<String, List<OvsdbPort>> portsToRemove,
            final Set<String> missingBridges) {
        this.portsToWrite = List.copyOf(portsToWrite);
        this.portsToRemove = Collections.unmodifiableMap(new TreeMap<>(portsToRemove));
        this.missingBridges = Set.copyOf(missingBridges);
    }

    /**
     * Computes the plan of one node.
     *
     * @param integrationBridge the integration bridge's name
     * @param mappings the node's bridge mappings
     * @param bridges every bridge OVS reports for the node
     */
    public static PatchPortPlan compute(final String integrationBridge, final BridgeMappings mappings,
            final Collection<OvsdbBridge> bridges) {
        final Map<String, OvsdbBridge> byName = new HashMap<>();
        bridges.forEach(bridge -> byName.put(bridge.name(), bridge));
        final OvsdbBridge integration = byName.get(integrationBridge);
        if (integration == null) {
            return NONE;
        }
        final List<PatchPortSpec> wanted = new ArrayList<>();
        final Set<String> missing = new TreeSet<>();
        mappings.bridgeByNetwork().forEach((network, bridge) -> {
            if (byName.containsKey(bridge)) {
                wanted.add(PatchPortSpec.integrationSide(integrationBridge, network, bridge));
                wanted.add(PatchPortSpec.providerSide(network, bridge));
            } else {
                missing.add(bridge);
            }
        });
        final List<PatchPortSpec> toWrite = new ArrayList<>();
        final Set<String> wantedPorts = new TreeSet<>();
        for (PatchPortSpec spec : wanted) {
            wantedPorts.add(spec.bridge() + "/" + spec.name());
            if (!spec.matches(byName.get(spec.bridge()).ports().get(spec.name()))) {
                toWrite.add(spec);
            }
        }
        final Map<String, List<OvsdbPort>> toRemove = new HashMap<>();
        for (OvsdbBridge bridge : bridges) {
            for (OvsdbPort port : bridge.ports().values()) {
                final boolean ours = bridge.name().equals(integrationBridge)
                    ? PatchPorts.bridgeOfIntegrationSide(port) != null : PatchPorts.isPhysicalSide(port, bridge.name());
                if (ours && !wantedPorts.contains(bridge.name() + "/" + port.name())) {
                    toRemove.computeIfAbsent(bridge.name(), name -> new ArrayList<>()).add(port);
                }
            }
        }
        return new PatchPortPlan(toWrite, toRemove, missing);
    }

    /** The ends to create, or to correct (a port flowtun marked whose options are not the wanted ones). */
    public List<PatchPortSpec> portsToWrite() {
        return portsToWrite;
    }

    /** By bridge name: flowtun's patch ports that no mapping wants any more. */
    public Map<String, List<OvsdbPort>> portsToRemove() {
        return portsToRemove;
    }

    /** Mapped bridges the node does not have. */
    public Set<String> missingBridges() {
        return missingBridges;
    }

    public boolean isEmpty() {
        return portsToWrite.isEmpty() && portsToRemove.isEmpty();
    }

    @Override
    public String toString() {
        return "write patch ports " + portsToWrite + ", remove patch ports " + portsToRemove;
    }
}
