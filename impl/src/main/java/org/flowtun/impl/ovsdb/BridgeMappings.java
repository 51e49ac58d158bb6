/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.ovsdb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which physical network a node reaches through which of its OVS bridges, as the node's operator says in
 * {@code Open_vSwitch external_ids:flowtun-bridge-mappings} ({@code physnet1:br-prov,physnet2:br-ex}), the way
 * OVN reads {@code ovn-bridge-mappings} and Neutron's OVS agent {@code bridge_mappings}. The operator creates each
 * bridge and puts the NIC of the physical network in it; flowtun links it to the integration bridge with a patch
 * port pair. Immutable; {@link #parse} never fails: what it cannot use it names in {@link #problems()}.
 */
public final class BridgeMappings {
    /** The {@code Open_vSwitch} external id that holds a node's mappings. */
    public static final String EXTERNAL_ID = "flowtun-bridge-mappings";
    public static final BridgeMappings NONE = new BridgeMappings(Map.of(), List.of());

    private final Map<String, String> bridgeByNetwork;
    private final List<String> problems;

    private BridgeMappings(final Map<String, String> bridgeByNetwork, final List<String> problems) {
        this.bridgeByNetwork = Collections.unmodifiableMap(new TreeMap<>(bridgeByNetwork));
        this.problems = List.copyOf(problems);
    }

    /** {@link #parse(String)}, then {@link #forIntegrationBridge}. */
    public static BridgeMappings parse(final String value, final String integrationBridge) {
        return parse(value).forIntegrationBridge(integrationBridge);
    }

    /**
     * Reads {@code physnet:bridge[,physnet:bridge...]}. An entry without both names, a physical network named
     * twice or a bridge named twice (two patch ports into one bridge would bridge their networks together) is left
     * out and named in {@link #problems()}.
     */
    public static BridgeMappings parse(final String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        final Map<String, String> mappings = new TreeMap<>();
        final Set<String> bridges = new HashSet<>();
        final List<String> problems = new ArrayList<>();
        for (String entry : value.split(",")) {
            final String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            final int colon = trimmed.indexOf(':');
            final String network = colon < 0 ? "" : trimmed.substring(0, colon).trim();
            final String bridge = colon < 0 ? "" : trimmed.substring(colon + 1).trim();
            if (network.isEmpty() || bridge.isEmpty() || bridge.indexOf(':') >= 0) {
                problems.add("\"" + trimmed + "\" is not physical-network:bridge");
            } else if (mappings.containsKey(network)) {
                problems.add("physical network " + network + " is mapped twice; the first mapping holds");
            } else if (!bridges.add(bridge)) {
                problems.add("bridge " + bridge + " is mapped twice (physical network " + network
                    + " left out): one bridge per physical network");
            } else {
                mappings.put(network, bridge);
            }
        }
        return new BridgeMappings(mappings, problems);
    }

    /**
     * These mappings without one to the integration bridge itself (named in {@link #problems()}); the same object
     * when there is none, as nearly always.
     */
    public BridgeMappings forIntegrationBridge(final String integrationBridge) {
        if (integrationBridge == null || !bridgeByNetwork.containsValue(integrationBridge)) {
            return this;
        }
        final Map<String, String> kept = new TreeMap<>();
        final List<String> more = new ArrayList<>(problems);
        bridgeByNetwork.forEach((network, bridge) -> {
            if (bridge.equals(integrationBridge)) {
                more.add("physical network " + network + " cannot be mapped to the integration bridge " + bridge);
            } else {
                kept.put(network, bridge);
            }
        });
        return new BridgeMappings(kept, more);
    }

    /** Physical network to bridge, in the order of the networks' names. */
    public Map<String, String> bridgeByNetwork() {
        return bridgeByNetwork;
    }

    public boolean isEmpty() {
        return bridgeByNetwork.isEmpty();
    }

    /** What {@link #parse} could not use, one sentence each. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof BridgeMappings && bridgeByNetwork.equals(((BridgeMappings) obj).bridgeByNetwork)
            && problems.equals(((BridgeMappings) obj).problems);
    }

    @Override
    public int hashCode() {
        return bridgeByNetwork.hashCode();
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder();
        bridgeByNetwork.forEach((network, bridge) -> text.append(text.length() == 0 ? "" : ",").append(network)
            .append(':').append(bridge));
        return text.toString();
    }
}
