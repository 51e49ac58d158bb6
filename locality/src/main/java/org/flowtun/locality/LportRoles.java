/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What routers, floating IPs, trunks and subnets make of an lport, kept from their configuration: distributed (a
 * router's interface or gateway, a DHCP port of a network with a DHCP-enabled subnet), following another lport (a
 * floating IP's lport follows its associated lport, a trunk sub-port its parent), or on its own. Every change
 * answers which lports (or networks) it may have changed, so that only those are placed again. Pure; one thread.
 */
final class LportRoles {
    enum Kind {
        /** Placed by its own binding. */
        OWN,
        /** Distributed on every node (L3 and DHCP apps). */
        DISTRIBUTED,
        /** A floating IP's lport, following its associated lport (DNAT app). */
        FLOATING,
        /** A trunk sub-port, following the trunk's parent (trunk app). */
        SUB_PORT,
        /** A floating IP's lport without an associated lport: no locality. */
        UNASSOCIATED
    }

    /** An lport's role: its kind, the lport it follows, its VLAN (sub-port), the fixed IP (floating). */
    static final class Role {
        static final Role OWN = new Role(Kind.OWN, null, 0, null);
        static final Role DISTRIBUTED = new Role(Kind.DISTRIBUTED, null, 0, null);
        static final Role UNASSOCIATED = new Role(Kind.UNASSOCIATED, null, 0, null);

        private final Kind kind;
        private final String anchor;
        private final int vlan;
        private final String fixedIp;

        private Role(final Kind kind, final String anchor, final int vlan, final String fixedIp) {
            this.kind = kind;
            this.anchor = anchor;
            this.vlan = vlan;
            this.fixedIp = fixedIp;
        }

        static Role floating(final String associated, final String fixedIp) {
            return new Role(Kind.FLOATING, associated, 0, fixedIp);
        }

        static Role subPort(final String parent, final int vlan) {
            return new Role(Kind.SUB_PORT, parent, vlan, null);
        }

        Kind kind() {
            return kind;
        }

        /** The lport this one follows (floating, sub-port), or null. */
        String anchor() {
            return anchor;
        }

        /** A sub-port's VLAN id. */
        int vlan() {
            return vlan;
        }

        /** A floating IP's fixed address, or null (then the associated lport's first IPv4). */
        String fixedIp() {
            return fixedIp;
        }

        @Override
        public boolean equals(final Object obj) {
            if (!(obj instanceof Role)) {
                return false;
            }
            final Role other = (Role) obj;
            return kind == other.kind && Objects.equals(anchor, other.anchor) && vlan == other.vlan
                && Objects.equals(fixedIp, other.fixedIp);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, anchor, vlan, fixedIp);
        }

        @Override
        public String toString() {
            return kind + (anchor == null ? "" : " of " + anchor) + (vlan == 0 ? "" : " vlan " + vlan);
        }
    }

    /** A floating IP: its lport, the lport it is associated with (or null), its fixed address (or null). */
    private static final class Fip {
        final String floating;
        final String associated;
        final String fixedIp;

        Fip(final String floating, final String associated, final String fixedIp) {
            this.floating = floating;
            this.associated = associated;
            this.fixedIp = fixedIp;
        }
    }

    /** A trunk: its parent lport and its sub-ports with their VLAN ids. */
    private static final class TrunkInfo {
        final String parent;
        final Map<String, Integer> subPorts;

        TrunkInfo(final String parent, final Map<String, Integer> subPorts) {
            this.parent = parent;
            this.subPorts = Map.copyOf(subPorts);
        }
    }

    private final Map<String, Set<String>> routerPorts = new HashMap<>();
    private final Map<String, Set<String>> routersOfLport = new HashMap<>();
    private final Map<String, Fip> fips = new HashMap<>();
    /** floating lport to the floating IPs naming it (validation allows one; the lowest id wins otherwise). */
    private final Map<String, TreeMap<String, Fip>> fipsOfFloating = new HashMap<>();
    private final Map<String, TrunkInfo> trunks = new HashMap<>();
    /** sub-port to the trunks naming it (validation allows one; the lowest id wins otherwise). */
    private final Map<String, TreeMap<String, TrunkInfo>> trunksOfSubPort = new HashMap<>();
    /** anchor lport (associated lport, trunk parent) to the lports following it. */
    private final Map<String, Set<String>> followers = new HashMap<>();
    private final Map<String, String> subnetNetwork = new HashMap<>();
    private final Map<String, Set<String>> dhcpSubnetsOfNetwork = new HashMap<>();

    /** Every router's ports (interfaces and gateway), by router. */
    Map<String, Set<String>> routerPorts() {
        return Collections.unmodifiableMap(routerPorts);
    }

    /** Whether the lport is an interface or the gateway port of a router. */
    boolean isRouterPort(final String lport) {
        return routersOfLport.containsKey(lport);
    }

    /** A router's ports (interfaces and gateway) are now {@code ports} (null: router deleted). */
    Set<String> routerChanged(final String router, final Set<String> ports) {
        final Set<String> before = ports == null ? routerPorts.remove(router) : routerPorts.put(router, ports);
        final Set<String> changed = new HashSet<>();
        if (before != null) {
            before.forEach(lport -> MultiMaps.remove(routersOfLport, lport, router));
            changed.addAll(before);
        }
        if (ports != null) {
            ports.forEach(lport -> MultiMaps.add(routersOfLport, lport, router));
            changed.addAll(ports);
        }
        return changed;
    }

    /** A floating IP is now as given (null floating lport: deleted). Answers the lports whose role changed. */
    Set<String> floatingIpChanged(final String fip, final String floating, final String associated,
            final String fixedIp) {
        final Set<String> changed = new HashSet<>();
        final Fip before = fips.remove(fip);
        if (before != null) {
            removeFrom(fipsOfFloating, before.floating, fip);
            if (before.associated != null) {
                MultiMaps.remove(followers, before.associated, before.floating);
            }
            changed.add(before.floating);
        }
        if (floating != null) {
            final Fip after = new Fip(floating, associated, fixedIp);
            fips.put(fip, after);
            fipsOfFloating.computeIfAbsent(floating, id -> new TreeMap<>()).put(fip, after);
            if (associated != null) {
                MultiMaps.add(followers, associated, floating);
            }
            changed.add(floating);
        }
        return changed;
    }

    /** A trunk is now as given (null parent: deleted). Answers the lports whose role changed. */
    Set<String> trunkChanged(final String trunk, final String parent, final Map<String, Integer> subPorts) {
        final Set<String> changed = new HashSet<>();
        final TrunkInfo before = trunks.remove(trunk);
        if (before != null) {
            before.subPorts.keySet().forEach(sub -> {
                removeFrom(trunksOfSubPort, sub, trunk);
                MultiMaps.remove(followers, before.parent, sub);
            });
            changed.addAll(before.subPorts.keySet());
        }
        if (parent != null) {
            final TrunkInfo after = new TrunkInfo(parent, subPorts);
            trunks.put(trunk, after);
            after.subPorts.keySet().forEach(sub -> {
                trunksOfSubPort.computeIfAbsent(sub, id -> new TreeMap<>()).put(trunk, after);
                MultiMaps.add(followers, parent, sub);
            });
            changed.addAll(after.subPorts.keySet());
        }
        return changed;
    }

    /** A subnet is now as given (null network: deleted). Answers the networks whose DHCP ports may change. */
    Set<String> subnetChanged(final String subnet, final String network, final boolean enableDhcp) {
        final Set<String> changed = new HashSet<>();
        final String before = network == null ? subnetNetwork.remove(subnet) : subnetNetwork.put(subnet, network);
        if (before != null) {
            MultiMaps.remove(dhcpSubnetsOfNetwork, before, subnet);
            changed.add(before);
        }
        if (network != null) {
            if (enableDhcp) {
                MultiMaps.add(dhcpSubnetsOfNetwork, network, subnet);
            }
            changed.add(network);
        }
        return changed;
    }

    /**
     * The lport's role. Distributed wins (a router's port, a DHCP port with DHCP enabled on its network), then
     * floating, then sub-port.
     */
    Role roleOf(final LportInfo lport) {
        final String id = lport.id();
        if (routersOfLport.containsKey(id)
                || DhcpApp.isDhcpPort(lport) && lport.network() != null
                    && dhcpSubnetsOfNetwork.containsKey(lport.network())) {
            return Role.DISTRIBUTED;
        }
        final TreeMap<String, Fip> asFloating = fipsOfFloating.get(id);
        if (asFloating != null) {
            final Fip fip = asFloating.firstEntry().getValue();
            return fip.associated == null ? Role.UNASSOCIATED : Role.floating(fip.associated, fip.fixedIp);
        }
        final TreeMap<String, TrunkInfo> asSubPort = trunksOfSubPort.get(id);
        if (asSubPort != null) {
            final TrunkInfo trunk = asSubPort.firstEntry().getValue();
            return Role.subPort(trunk.parent, trunk.subPorts.get(id));
        }
        return Role.OWN;
    }

    /** The lports that follow {@code anchor} (floating lports associated with it, sub-ports of its trunks). */
    Set<String> followersOf(final String anchor) {
        return followers.getOrDefault(anchor, Set.of());
    }

    private static <V> void removeFrom(final Map<String, TreeMap<String, V>> index, final String key,
            final String entry) {
        final TreeMap<String, V> entries = index.get(key);
        if (entries != null) {
            entries.remove(entry);
            if (entries.isEmpty()) {
                index.remove(key);
            }
        }
    }
}
