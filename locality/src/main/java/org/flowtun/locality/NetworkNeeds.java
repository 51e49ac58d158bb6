/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which networks each node needs, Dragonflow's selective topology distribution: a node needs a network when it has
 * a local lport on it, or when the network is connected through routers (transitively) to one it has a local
 * lport on. Only there are the network's other lports remote or distributed; a node that does not need a network
 * holds none of its flows and hears none of its events.
 *
 * <p>Fed with the networks that gain their first or lose their last local lport on a node, and with the networks
 * each router connects; it records every (node, network) whose need changed, for the engine to place that
 * network's lports there again. Confined to the locality thread.
 */
final class NetworkNeeds {
    /** A node started or stopped needing a network. */
    static final class Transition {
        final String node;
        final String network;

        Transition(final String node, final String network) {
            this.node = requireNonNull(node);
            this.network = requireNonNull(network);
        }

        @Override
        public boolean equals(final Object obj) {
            return obj instanceof Transition && ((Transition) obj).node.equals(node)
                && ((Transition) obj).network.equals(network);
        }

        @Override
        public int hashCode() {
            return Objects.hash(node, network);
        }

        @Override
        public String toString() {
            return node + "/" + network;
        }
    }

    /** network to its component's id, for networks that routers connect to others (else it is its own). */
    private Map<String, String> componentOf = new HashMap<>();
    /** component id to its networks (two or more). */
    private Map<String, Set<String>> components = new HashMap<>();
    /** node to the networks it has a local lport on. */
    private final Map<String, Set<String>> localNetworks = new HashMap<>();
    /** node to component to how many of its networks have a local lport on the node. */
    private final Map<String, Map<String, Integer>> localPerComponent = new HashMap<>();
    /** node to the networks it needs. */
    private final Map<String, Set<String>> needed = new HashMap<>();
    /** network to the nodes that need it. */
    private final Map<String, Set<String>> neededBy = new HashMap<>();
    /** The (node, network) pairs whose need changed since the last {@link #takeTransitions()}. */
    private Set<Transition> transitions = new HashSet<>();

    /** Whether the node needs the network. */
    boolean needs(final String node, final String network) {
        return network != null && needed.getOrDefault(node, Set.of()).contains(network);
    }

    /** The nodes that need the network. */
    Set<String> nodesNeeding(final String network) {
        return network == null ? Set.of() : Collections.unmodifiableSet(neededBy.getOrDefault(network, Set.of()));
    }

    /** The networks the node needs. */
    Set<String> neededOn(final String node) {
        return Collections.unmodifiableSet(needed.getOrDefault(node, Set.of()));
    }

    /** Whether the node has a local lport on the network. */
    boolean hasLocal(final String node, final String network) {
        return localNetworks.getOrDefault(node, Set.of()).contains(network);
    }

    /** The network got its first local lport on the node: the node needs it and every network routed to it. */
    void localAdded(final String node, final String network) {
        if (!localNetworks.computeIfAbsent(node, id -> new HashSet<>()).add(network)) {
            return;
        }
        final String component = componentOf(network);
        if (localPerComponent.computeIfAbsent(node, id -> new HashMap<>()).merge(component, 1, Integer::sum) == 1) {
            membersOf(component).forEach(member -> gain(node, member));
        }
    }

    /** The network lost its last local lport on the node: needed no more unless routed to another local one. */
    void localRemoved(final String node, final String network) {
        final Set<String> local = localNetworks.get(node);
        if (local == null || !local.remove(network)) {
            return;
        }
        final String component = componentOf(network);
        final Map<String, Integer> perComponent = localPerComponent.get(node);
        if (perComponent.merge(component, -1, Integer::sum) == 0) {
            perComponent.remove(component);
            membersOf(component).forEach(member -> lose(node, member));
        }
        if (local.isEmpty()) {
            localNetworks.remove(node);
            localPerComponent.remove(node);
        }
    }

    /**
     * The networks routers connect, one set per router: the components are computed again, and every node's need
     * follows them.
     */
    void routedNetworksChanged(final Collection<Set<String>> routed) {
        final Map<String, String> parent = new HashMap<>();
        for (Set<String> networks : routed) {
            String first = null;
            for (String network : networks) {
                if (first == null) {
                    first = find(parent, network);
                } else {
                    final String root = find(parent, network);
                    if (!root.equals(first)) {
                        parent.put(root, first);
                    }
                }
            }
        }
        final Map<String, String> newComponentOf = new HashMap<>();
        final Map<String, Set<String>> newComponents = new HashMap<>();
        for (String network : parent.keySet()) {
            final String root = find(parent, network);
            newComponentOf.put(network, root);
            newComponents.computeIfAbsent(root, id -> new HashSet<>()).add(network);
        }
        componentOf = newComponentOf;
        components = newComponents;
        for (Map.Entry<String, Set<String>> entry : localNetworks.entrySet()) {
            final String node = entry.getKey();
            final Map<String, Integer> perComponent = new HashMap<>();
            final Set<String> nowNeeded = new HashSet<>();
            for (String network : entry.getValue()) {
                final String component = componentOf(network);
                if (perComponent.merge(component, 1, Integer::sum) == 1) {
                    nowNeeded.addAll(membersOf(component));
                }
            }
            localPerComponent.put(node, perComponent);
            final Set<String> before = new HashSet<>(needed.getOrDefault(node, Set.of()));
            before.stream().filter(network -> !nowNeeded.contains(network)).forEach(network -> lose(node, network));
            nowNeeded.stream().filter(network -> !before.contains(network)).forEach(network -> gain(node, network));
        }
    }

    /** The node left: it needs nothing (the engine clears what it held). */
    void nodeLeft(final String node) {
        for (String network : needed.getOrDefault(node, Set.of())) {
            MultiMaps.remove(neededBy, network, node);
        }
        needed.remove(node);
        localNetworks.remove(node);
        localPerComponent.remove(node);
        transitions.removeIf(transition -> transition.node.equals(node));
    }

    /** The (node, network) pairs whose need changed since the last call; taken. */
    Set<Transition> takeTransitions() {
        final Set<Transition> taken = transitions;
        transitions = new HashSet<>();
        return taken;
    }

    private String componentOf(final String network) {
        return componentOf.getOrDefault(network, network);
    }

    private Set<String> membersOf(final String component) {
        final Set<String> members = components.get(component);
        return members != null ? members : Set.of(component);
    }

    private void gain(final String node, final String network) {
        if (needed.computeIfAbsent(node, id -> new HashSet<>()).add(network)) {
            MultiMaps.add(neededBy, network, node);
            transitions.add(new Transition(node, network));
        }
    }

    private void lose(final String node, final String network) {
        final Set<String> networks = needed.get(node);
        if (networks != null && networks.remove(network)) {
            if (networks.isEmpty()) {
                needed.remove(node);
            }
            MultiMaps.remove(neededBy, network, node);
            transitions.add(new Transition(node, network));
        }
    }

    /** Union-find's root of the network, halving the path on the way. */
    private static String find(final Map<String, String> parent, final String network) {
        String current = network;
        parent.putIfAbsent(current, current);
        while (!parent.get(current).equals(current)) {
            final String grandParent = parent.get(parent.get(current));
            parent.put(current, grandParent);
            current = grandParent;
        }
        return current;
    }
}
