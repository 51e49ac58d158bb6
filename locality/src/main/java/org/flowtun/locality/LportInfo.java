/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.lport.binding.BindingProfile;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.lport.binding.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Dhcp;

/**
 * What the locality apps need of an lport, taken once from its configuration.
 */
public final class LportInfo {
    private final String id;
    /** Built once: every node's reconciler keeps the owner name of the lport's flows there. */
    private final LportFlowOwner flowOwner;
    private final String network;
    private final Long explicitKey;
    private final String chassis;
    private final String hostIp;
    private final String mac;
    private final String ipv4;
    private final boolean dhcpOwner;

    public LportInfo(final String id, final String network, final Long explicitKey, final String chassis,
            final String hostIp, final String mac) {
        this(id, network, explicitKey, chassis, hostIp, mac, null, false);
    }

    public LportInfo(final String id, final String network, final Long explicitKey, final String chassis,
            final String hostIp, final String mac, final String ipv4, final boolean dhcpOwner) {
        this.id = requireNonNull(id);
        this.flowOwner = new LportFlowOwner(id);
        this.network = network;
        this.explicitKey = explicitKey;
        this.chassis = chassis;
        this.hostIp = hostIp;
        this.mac = mac;
        this.ipv4 = ipv4;
        this.dhcpOwner = dhcpOwner;
    }

    /** The owner of this lport's flows in the flow reconciler, one instance for all nodes. */
    LportFlowOwner flowOwner() {
        return flowOwner;
    }

    public static LportInfo of(final Lport lport) {
        String chassis = null;
        String hostIp = null;
        if (lport.getBinding() instanceof Chassis) {
            final var bound = ((Chassis) lport.getBinding()).getChassis();
            chassis = bound == null ? null : bound.getValue();
        } else if (lport.getBinding() instanceof BindingProfile) {
            final var profile = ((BindingProfile) lport.getBinding()).getBindingProfile();
            final IpAddress ip = profile == null ? null : profile.getHostIp();
            hostIp = ip == null ? null : ip.stringValue();
        }
        final String network = lport.getNetwork() == null ? null : lport.getNetwork().getValue();
        final String ipv4 = lport.getIps() == null ? null : lport.getIps().stream()
            .filter(ip -> ip.getIpv4Address() != null).map(ip -> ip.getIpv4Address().getValue()).findFirst()
            .orElse(null);
        return new LportInfo(lport.getId().getValue(), network,
            lport.getTunnelKey() == null ? null : lport.getTunnelKey().toJava(), chassis, hostIp,
            lport.getMacAddress() == null ? null : lport.getMacAddress().getValue(), ipv4,
            Dhcp.class.equals(lport.getDeviceOwner()));
    }

    public String id() {
        return id;
    }

    public String network() {
        return network;
    }

    /** The tunnel key the lport's configuration gives, or null (then flowtun allocates one). */
    public Long explicitKey() {
        return explicitKey;
    }

    /** The chassis the lport is bound to, or null. */
    public String chassis() {
        return chassis;
    }

    /** The binding profile's host IP (a port of another cloud), or null. */
    public String hostIp() {
        return hostIp;
    }

    public String mac() {
        return mac;
    }

    /** The lport's first IPv4 address, or null. */
    public String ipv4() {
        return ipv4;
    }

    /** Whether the lport is a DHCP port ({@code device-owner dhcp}). */
    public boolean dhcpOwner() {
        return dhcpOwner;
    }

    @Override
    public boolean equals(final Object obj) {
        if (!(obj instanceof LportInfo)) {
            return false;
        }
        final LportInfo other = (LportInfo) obj;
        return id.equals(other.id) && Objects.equals(network, other.network)
            && Objects.equals(explicitKey, other.explicitKey) && Objects.equals(chassis, other.chassis)
            && Objects.equals(hostIp, other.hostIp) && Objects.equals(mac, other.mac)
            && Objects.equals(ipv4, other.ipv4) && dhcpOwner == other.dhcpOwner;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, network, chassis, hostIp);
    }

    @Override
    public String toString() {
        return id + (chassis != null ? "@" + chassis : hostIp != null ? "@host " + hostIp : "(unbound)");
    }
}
