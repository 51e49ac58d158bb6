/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;

/**
 * The locality service's one copy of the logical configuration: lports (by chassis and by network), networks,
 * chassis IPs, and the roles that routers, floating IPs, trunks and DHCP subnets give lports ({@link LportRoles},
 * fed through the apps that own those rules). Each change records what it makes the engine redo: the lports to
 * place again and the networks whose key, or flooding on every node, changed. Confined to the locality thread.
 */
final class LogicalModel {
    private final Map<String, LportInfo> lports = new HashMap<>();
    private final Map<String, NetworkInfo> networks = new HashMap<>();
    private final Map<String, String> chassisIps = new HashMap<>();
    private final Map<String, Set<String>> lportsByChassis = new HashMap<>();
    private final Map<String, Set<String>> lportsByNetwork = new HashMap<>();
    private final LportRoles roles = new LportRoles();

    private Set<String> dirtyLports = new HashSet<>();
    private Set<String> dirtyNetworks = new HashSet<>();
    /** Networks whose flooding changes on every node (an lport left them). */
    private Set<String> dirtyFlooding = new HashSet<>();
    /** Whether the networks routers connect changed (a router, or the network of one of its ports). */
    private boolean routedNetworksChanged;

    LportInfo lport(final String id) {
        return lports.get(id);
    }

    NetworkInfo network(final String id) {
        return id == null ? null : networks.get(id);
    }

    Set<String> lportIds() {
        return Collections.unmodifiableSet(lports.keySet());
    }

    Set<String> networkIds() {
        return Collections.unmodifiableSet(networks.keySet());
    }

    boolean hasLport(final String id) {
        return lports.containsKey(id);
    }

    boolean hasNetwork(final String id) {
        return networks.containsKey(id);
    }

    Set<String> lportsOfNetwork(final String network) {
        return lportsByNetwork.getOrDefault(network, Set.of());
    }

    int chassisCount() {
        return chassisIps.size();
    }

    /** The chassis' tunnel IP, or null. */
    String chassisIp(final String chassisId) {
        return chassisId == null ? null : chassisIps.get(chassisId);
    }

    LportRoles.Role roleOf(final LportInfo lport) {
        return roles.roleOf(lport);
    }

    /** Adds, to a set of lports to place, every lport that follows one of them (transitively). */
    void addFollowers(final Set<String> toPlace) {
        final Deque<String> work = new ArrayDeque<>(toPlace);
        while (!work.isEmpty()) {
            for (String follower : roles.followersOf(work.poll())) {
                if (toPlace.add(follower)) {
                    work.add(follower);
                }
            }
        }
    }

    void lportChanged(final String id, final LportInfo info) {
        final LportInfo old = info == null ? lports.remove(id) : lports.put(id, info);
        if (old != null) {
            MultiMaps.remove(lportsByChassis, old.chassis(), id);
            MultiMaps.remove(lportsByNetwork, old.network(), id);
            if (old.network() != null && (info == null || !old.network().equals(info.network()))) {
                // the network it left floods to it no more
                dirtyFlooding.add(old.network());
            }
        }
        if (info != null) {
            MultiMaps.add(lportsByChassis, info.chassis(), id);
            MultiMaps.add(lportsByNetwork, info.network(), id);
        }
        if (roles.isRouterPort(id) && !Objects.equals(old == null ? null : old.network(),
                info == null ? null : info.network())) {
            routedNetworksChanged = true;
        }
        dirtyLports.add(id);
    }

    void networkChanged(final String id, final NetworkInfo info) {
        if (info == null) {
            networks.remove(id);
        } else {
            networks.put(id, info);
        }
        dirtyNetworks.add(id);
    }

    /** A chassis' tunnel IP: the lports bound to it are placed again. */
    void chassisChanged(final String id, final Chassis chassis) {
        final String ip = chassis == null || chassis.getIp() == null ? null : chassis.getIp().stringValue();
        final String before = ip == null ? chassisIps.remove(id) : chassisIps.put(id, ip);
        if (!Objects.equals(before, ip)) {
            dirtyLports.addAll(lportsByChassis.getOrDefault(id, Set.of()));
        }
    }

    boolean knowsChassis(final String id) {
        return chassisIps.containsKey(id);
    }

    void routerChanged(final String id, final Router router) {
        dirtyLports.addAll(roles.routerChanged(id, L3App.distributedPorts(router)));
        routedNetworksChanged = true;
    }

    /**
     * The networks each router connects (those of its interfaces and gateway port that exist), when they may have
     * changed since the last call; otherwise null.
     */
    Collection<Set<String>> takeRoutedNetworks() {
        if (!routedNetworksChanged) {
            return null;
        }
        routedNetworksChanged = false;
        final List<Set<String>> routed = new ArrayList<>();
        for (Set<String> ports : roles.routerPorts().values()) {
            final Set<String> connected = new HashSet<>();
            for (String port : ports) {
                final LportInfo lport = lports.get(port);
                if (lport != null && lport.network() != null) {
                    connected.add(lport.network());
                }
            }
            if (connected.size() > 1) {
                routed.add(connected);
            }
        }
        return routed;
    }

    void floatingIpChanged(final String id, final FloatingIp fip) {
        dirtyLports.addAll(roles.floatingIpChanged(id, DnatApp.floatingLport(fip), DnatApp.associatedLport(fip),
            DnatApp.configuredFixedIp(fip)));
    }

    void trunkChanged(final String id, final Trunk trunk) {
        dirtyLports.addAll(roles.trunkChanged(id, TrunkApp.parentLport(trunk), TrunkApp.subPorts(trunk)));
    }

    void subnetChanged(final String id, final Subnet subnet) {
        for (String network : roles.subnetChanged(id, DhcpApp.network(subnet), DhcpApp.enablesDhcp(subnet))) {
            for (String lport : lportsByNetwork.getOrDefault(network, Set.of())) {
                if (DhcpApp.isDhcpPort(lports.get(lport))) {
                    dirtyLports.add(lport);
                }
            }
        }
    }

    /** The lports to place again; taken (the next batch starts afresh). */
    Set<String> takeDirtyLports() {
        final Set<String> taken = dirtyLports;
        dirtyLports = new HashSet<>();
        return taken;
    }

    /** The networks that changed (their key, their lports); taken. */
    Set<String> takeDirtyNetworks() {
        final Set<String> taken = dirtyNetworks;
        dirtyNetworks = new HashSet<>();
        return taken;
    }

    /** The networks whose flooding changes on every node; taken. */
    Set<String> takeDirtyFlooding() {
        final Set<String> taken = dirtyFlooding;
        dirtyFlooding = new HashSet<>();
        return taken;
    }
}
