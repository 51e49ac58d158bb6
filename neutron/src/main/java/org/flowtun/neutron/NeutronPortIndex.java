/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.neutron;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Neutron ports belong to which router (interfaces) and floating IP (its own port), from the ports'
 * {@code device_owner} and {@code device_id}: Neutron says so only in the ports. When a port comes, changes owner
 * or goes, {@link #portChanged} and {@link #portRemoved} tell which routers and floating IPs must be written again
 * (their flowtun entries list those ports). Not thread-safe: one writer at a time, as the northbound applies
 * requests in order.
 */
public final class NeutronPortIndex {
    /** A router or floating IP whose flowtun entry lists ports. */
    public static final class Owner {
        public enum Kind { ROUTER, FLOATING_IP }

        private final Kind kind;
        private final String id;

        Owner(final Kind kind, final String id) {
            this.kind = Objects.requireNonNull(kind);
            this.id = Objects.requireNonNull(id);
        }

        public Kind kind() {
            return kind;
        }

        public String id() {
            return id;
        }

        @Override
        public boolean equals(final Object obj) {
            return obj instanceof Owner && ((Owner) obj).kind == kind && ((Owner) obj).id.equals(id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, id);
        }

        @Override
        public String toString() {
            return kind + " " + id;
        }
    }

    private static final String ROUTER_INTERFACE = "network:router_interface";
    private static final String ROUTER_INTERFACE_DISTRIBUTED = "network:router_interface_distributed";
    private static final String HA_ROUTER_INTERFACE = "network:ha_router_replicated_interface";
    private static final String FLOATING_IP = "network:floatingip";

    /** Port id to the router or floating IP it belongs to. */
    private final Map<String, Owner> ownerOfPort = new HashMap<>();
    private final Map<Owner, Set<String>> portsOfOwner = new HashMap<>();

    /**
     * A port was written with this owner and device id: returns the routers and floating IPs whose ports changed
     * (the one it left, the one it joined).
     */
    public Set<Owner> portChanged(final String portId, final String deviceOwner, final String deviceId) {
        final Owner now = ownerOf(deviceOwner, deviceId);
        final Owner before = now == null ? ownerOfPort.remove(portId) : ownerOfPort.put(portId, now);
        final Set<Owner> changed = new HashSet<>();
        if (Objects.equals(before, now)) {
            return changed;
        }
        if (before != null) {
            remove(before, portId);
            changed.add(before);
        }
        if (now != null) {
            portsOfOwner.computeIfAbsent(now, owner -> new TreeSet<>()).add(portId);
            changed.add(now);
        }
        return changed;
    }

    /** A port was deleted: the router or floating IP it belonged to, if any, must be written again. */
    public Set<Owner> portRemoved(final String portId) {
        final Owner before = ownerOfPort.remove(portId);
        if (before == null) {
            return Set.of();
        }
        remove(before, portId);
        return Set.of(before);
    }

    /** The router's interface ports, in order. */
    public Set<String> interfacesOf(final String routerId) {
        return Set.copyOf(portsOfOwner.getOrDefault(new Owner(Owner.Kind.ROUTER, routerId), Set.of()));
    }

    /** The floating IP's own port, or null (not created yet, or still {@code PENDING}). */
    public String floatingPortOf(final String floatingIpId) {
        final Set<String> ports = portsOfOwner.get(new Owner(Owner.Kind.FLOATING_IP, floatingIpId));
        return ports == null || ports.isEmpty() ? null : ports.iterator().next();
    }

    private void remove(final Owner owner, final String portId) {
        final Set<String> ports = portsOfOwner.get(owner);
        if (ports != null) {
            ports.remove(portId);
            if (ports.isEmpty()) {
                portsOfOwner.remove(owner);
            }
        }
    }

    private static Owner ownerOf(final String deviceOwner, final String deviceId) {
        if (deviceId == null || deviceId.isEmpty() || "PENDING".equals(deviceId)) {
            return null;
        }
        if (ROUTER_INTERFACE.equals(deviceOwner) || ROUTER_INTERFACE_DISTRIBUTED.equals(deviceOwner)
                || HA_ROUTER_INTERFACE.equals(deviceOwner)) {
            return new Owner(Owner.Kind.ROUTER, deviceId);
        }
        return FLOATING_IP.equals(deviceOwner) ? new Owner(Owner.Kind.FLOATING_IP, deviceId) : null;
    }
}
