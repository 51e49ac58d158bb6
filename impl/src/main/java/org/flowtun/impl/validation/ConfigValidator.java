/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.flowtun.impl.NetworkKind;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpPrefix;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.lport.binding.BindingProfile;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.trunk.SubPort;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.DeviceOwner;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.TunnelType;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The rules flowtun's input must follow beyond what the YANG parser checks (ranges that depend on the
 * network type, mandatory leaves, references to other resources). Pure functions: the caller resolves the
 * references and passes what it found.
 */
public final class ConfigValidator {
    private ConfigValidator() {
    }

    public static Violations validateChassis(final Chassis chassis) {
        final Violations violations = new Violations("chassis", chassis.getId().getValue());
        final IpAddress ip = chassis.getIp();
        if (ip == null) {
            violations.add("ip", "is mandatory (the chassis' tunnel endpoint)");
        } else if (ip.getIpv4Address() == null) {
            violations.add("ip", "tunnel endpoints must be IPv4, got " + ip.stringValue());
        }
        final List<Class<? extends TunnelType>> types = chassis.getTunnelTypes();
        if (types == null || types.isEmpty()) {
            violations.add("tunnel-types", "at least one tunnel type is required (gre, vxlan, geneve)");
        } else {
            // RESTCONF accepts any identity of any module for an identityref; the YANG base is checked here
            for (Class<?> type : types) {
                if (!isDerived(type, TunnelType.class)) {
                    violations.add("tunnel-types", identityName(type) + " is not a tunnel type (gre, vxlan, geneve)");
                }
            }
        }
        return violations;
    }

    /** Whether {@code identity} is an identity derived from {@code base} (the base itself is not). */
    private static boolean isDerived(final Class<?> identity, final Class<?> base) {
        return identity != base && base.isAssignableFrom(identity);
    }

    /** The YANG name of an identity's class (its QNAME's local name). */
    static String identityName(final Class<?> identity) {
        try {
            final Object qname = identity.getField("QNAME").get(null);
            if (qname instanceof QName) {
                return ((QName) qname).getLocalName();
            }
        } catch (ReflectiveOperationException e) {
            // not a generated identity: its class name says what it is
        }
        return identity.getSimpleName();
    }

    public static Violations validateNetwork(final Network network) {
        final Violations violations = new Violations("network", network.getId().getValue());
        if (network.getNetworkType() == null) {
            return violations.add("network-type", "is mandatory (gre, vxlan, geneve, vlan, flat or local)");
        }
        final Optional<NetworkKind> kind = NetworkKind.of(network.getNetworkType());
        if (kind.isEmpty()) {
            return violations.add("network-type", identityName(network.getNetworkType())
                + " is not a network type (gre, vxlan, geneve, vlan, flat or local)");
        }
        final NetworkKind nk = kind.get();
        if (network.getSegmentationId() == null) {
            if (nk.isSegmented()) {
                violations.add("segmentation-id", "is mandatory for " + nk.yangName() + " networks ("
                    + nk.minSegmentation() + ".." + nk.maxSegmentation() + ")");
            }
        } else {
            final long segmentationId = network.getSegmentationId().toJava();
            if (!nk.isSegmented()) {
                violations.add("segmentation-id", nk.yangName() + " networks have no segmentation id");
            } else if (!nk.acceptsSegmentation(segmentationId)) {
                violations.add("segmentation-id", segmentationId + " is out of range for " + nk.yangName()
                    + " (" + nk.minSegmentation() + ".." + nk.maxSegmentation() + ")");
            }
        }
        final String physicalNetwork = ProviderSegments.physicalNetwork(network);
        if (nk.isProvider() && physicalNetwork == null) {
            violations.add("physical-network", "is mandatory for " + nk.yangName()
                + " networks (the physical network that carries it, as the nodes' bridge mappings name it)");
        } else if (!nk.isProvider() && physicalNetwork != null) {
            violations.add("physical-network", nk.yangName() + " networks have no physical network (only vlan and"
                + " flat networks do)");
        }
        return violations;
    }


    public static Violations validateSubnet(final Subnet subnet, final boolean networkExists) {
        final Violations violations = new Violations("subnet", subnet.getId().getValue());
        if (subnet.getNetwork() == null) {
            violations.add("network", "is mandatory");
        } else if (!networkExists) {
            violations.add("network", "no network \"" + subnet.getNetwork().getValue() + "\"");
        }
        final IpPrefix cidr = subnet.getCidr();
        if (cidr == null) {
            violations.add("cidr", "is mandatory");
        }
        final IpAddress gateway = subnet.getGatewayIp();
        if (cidr != null && gateway != null
                && (cidr.getIpv4Prefix() == null) != (gateway.getIpv4Address() == null)) {
            violations.add("gateway-ip", gateway.stringValue() + " is not of the address family of "
                + cidr.stringValue());
        }
        return violations;
    }

    /**
     * Validates an lport given its network ({@code empty} when it does not exist) and whether its chassis
     * exists.
     */
    /**
     * An lport's explicit tunnel key must not be another lport's explicit key (the key R identifies the port in
     * every node's pipeline). Keys flowtun allocated give way: the other port gets a new one.
     */
    public static Violations tunnelKeyTaken(final Lport lport, final Collection<Lport> existing) {
        final Violations violations = new Violations("lport", lport.getId().getValue());
        if (lport.getTunnelKey() != null) {
            for (Lport other : existing) {
                if (lport.getTunnelKey().equals(other.getTunnelKey()) && !lport.getId().equals(other.getId())) {
                    violations.add("tunnel-key", lport.getTunnelKey() + " is already the tunnel key of lport \""
                        + other.getId().getValue() + "\"");
                }
            }
        }
        return violations;
    }

    /** Lports written in one request must not give the same explicit tunnel key. */
    public static Violations duplicateTunnelKeys(final List<Lport> written) {
        final Map<Uint32, String> first = new HashMap<>();
        final Violations violations = Violations.none();
        for (Lport lport : written) {
            if (lport.getTunnelKey() != null) {
                final String other = first.putIfAbsent(lport.getTunnelKey(), lport.getId().getValue());
                if (other != null) {
                    violations.addAll(new Violations("lport", lport.getId().getValue()).add("tunnel-key",
                        lport.getTunnelKey() + " is also given to lport \"" + other + "\" in this request"));
                }
            }
        }
        return violations;
    }

    public static Violations validateLport(final Lport lport, final Optional<Network> network,
            final boolean chassisExists) {
        final Violations violations = new Violations("lport", lport.getId().getValue());
        if (lport.getDeviceOwner() != null && !isDerived(lport.getDeviceOwner(), DeviceOwner.class)) {
            violations.add("device-owner", identityName(lport.getDeviceOwner()) + " is not a device owner (compute, "
                + "router-interface, router-gateway, floating-ip, dhcp or trunk-subport)");
        }
        if (lport.getNetwork() == null) {
            violations.add("network", "is mandatory");
        } else if (network.isEmpty()) {
            violations.add("network", "no network \"" + lport.getNetwork().getValue() + "\"");
        }
        final String chassis = boundChassis(lport);
        if (chassis != null) {
            if (!chassisExists) {
                violations.add("chassis", "no chassis \"" + chassis + "\" in the chassis-registry");
            }
        } else if (lport.getBinding() instanceof BindingProfile) {
            final var profile = ((BindingProfile) lport.getBinding()).getBindingProfile();
            final IpAddress hostIp = profile == null ? null : profile.getHostIp();
            if (hostIp == null) {
                violations.add("binding-profile/host-ip", "is mandatory");
            } else if (hostIp.getIpv4Address() == null) {
                violations.add("binding-profile/host-ip", "tunnel endpoints must be IPv4, got "
                    + hostIp.stringValue());
            }
            network.flatMap(net -> NetworkKind.of(net.getNetworkType())).filter(kind -> !kind.isTunnel())
                .ifPresent(kind -> violations.add("binding-profile", "network \"" + lport.getNetwork().getValue()
                    + "\" is " + kind.yangName() + "; a port of another cloud needs a gre, vxlan or geneve network"));
        }
        return violations;
    }

    /** Validates a router given the ids, among those it references, that do not exist. */
    public static Violations validateRouter(final Router router, final Set<String> missingLports) {
        final Violations violations = new Violations("router", router.getId().getValue());
        if (router.getInterfaces() != null) {
            router.getInterfaces().stream().map(id -> id.getValue()).filter(missingLports::contains)
                .forEach(id -> violations.add("interfaces", "no lport \"" + id + "\""));
        }
        if (router.getGatewayPort() != null && missingLports.contains(router.getGatewayPort().getValue())) {
            violations.add("gateway-port", "no lport \"" + router.getGatewayPort().getValue() + "\"");
        }
        return violations;
    }

    public static Violations validateFloatingIp(final FloatingIp fip, final Set<String> missingLports) {
        final Violations violations = new Violations("floating-ip", fip.getId().getValue());
        if (fip.getFloatingLport() == null) {
            violations.add("floating-lport", "is mandatory");
        } else if (missingLports.contains(fip.getFloatingLport().getValue())) {
            violations.add("floating-lport", "no lport \"" + fip.getFloatingLport().getValue() + "\"");
        }
        if (fip.getAssociatedLport() != null && missingLports.contains(fip.getAssociatedLport().getValue())) {
            violations.add("associated-lport", "no lport \"" + fip.getAssociatedLport().getValue() + "\"");
        }
        return violations;
    }

    public static Violations validateTrunk(final Trunk trunk, final Set<String> missingLports) {
        final Violations violations = new Violations("trunk", trunk.getId().getValue());
        final String parent = trunk.getParentLport() == null ? null : trunk.getParentLport().getValue();
        if (parent == null) {
            violations.add("parent-lport", "is mandatory");
        } else if (missingLports.contains(parent)) {
            violations.add("parent-lport", "no lport \"" + parent + "\"");
        }
        final Set<Integer> vlans = new HashSet<>();
        if (trunk.getSubPort() != null) {
            for (SubPort sub : trunk.getSubPort().values()) {
                final String id = sub.getLport().getValue();
                if (missingLports.contains(id)) {
                    violations.add("sub-port/lport", "no lport \"" + id + "\"");
                } else if (id.equals(parent)) {
                    violations.add("sub-port/lport", "\"" + id + "\" is the trunk's parent");
                }
                if (sub.getSegmentationId() == null) {
                    violations.add("sub-port/segmentation-id", "is mandatory for sub-port \"" + id + "\"");
                } else if (!vlans.add(sub.getSegmentationId().toJava())) {
                    violations.add("sub-port/segmentation-id", "vlan " + sub.getSegmentationId()
                        + " is used by two sub-ports");
                }
            }
        }
        return violations;
    }

    /**
     * A floating IP's lport carries one floating address: it must not be another floating IP's lport, nor the lport
     * it is associated with.
     */
    public static Violations floatingLportTaken(final FloatingIp fip, final Collection<FloatingIp> existing) {
        final Violations violations = new Violations("floating-ip", fip.getId().getValue());
        if (fip.getFloatingLport() != null) {
            if (fip.getFloatingLport().equals(fip.getAssociatedLport())) {
                violations.add("associated-lport", "is the floating lport itself");
            }
            for (FloatingIp other : existing) {
                if (fip.getFloatingLport().equals(other.getFloatingLport()) && !fip.getId().equals(other.getId())) {
                    violations.add("floating-lport", "lport \"" + fip.getFloatingLport().getValue()
                        + "\" is already the floating lport of floating-ip \"" + other.getId().getValue() + "\"");
                }
            }
        }
        return violations;
    }

    /** Floating IPs written in one request must not share a floating lport. */
    public static Violations duplicateFloatingLports(final List<FloatingIp> written) {
        final Map<String, String> first = new HashMap<>();
        final Violations violations = Violations.none();
        for (FloatingIp fip : written) {
            if (fip.getFloatingLport() != null) {
                final String other = first.putIfAbsent(fip.getFloatingLport().getValue(), fip.getId().getValue());
                if (other != null) {
                    violations.addAll(new Violations("floating-ip", fip.getId().getValue()).add("floating-lport",
                        "lport \"" + fip.getFloatingLport().getValue()
                            + "\" is also the floating lport of floating-ip \"" + other + "\" in this request"));
                }
            }
        }
        return violations;
    }

    /** A sub-port belongs to one trunk, and a trunk's parent is no other trunk's sub-port (no nesting). */
    public static Violations trunkPortsTaken(final Trunk trunk, final Collection<Trunk> existing) {
        final Violations violations = new Violations("trunk", trunk.getId().getValue());
        for (Trunk other : existing) {
            if (other.getId().equals(trunk.getId())) {
                continue;
            }
            final Set<String> otherSubPorts = subPortIds(other);
            for (String sub : subPortIds(trunk)) {
                if (otherSubPorts.contains(sub)) {
                    violations.add("sub-port/lport", "\"" + sub + "\" is already a sub-port of trunk \""
                        + other.getId().getValue() + "\"");
                } else if (other.getParentLport() != null && sub.equals(other.getParentLport().getValue())) {
                    violations.add("sub-port/lport", "\"" + sub + "\" is the parent of trunk \""
                        + other.getId().getValue() + "\"");
                }
            }
            if (trunk.getParentLport() != null && otherSubPorts.contains(trunk.getParentLport().getValue())) {
                violations.add("parent-lport", "\"" + trunk.getParentLport().getValue()
                    + "\" is a sub-port of trunk \"" + other.getId().getValue() + "\"");
            }
        }
        return violations;
    }

    /** Trunks written in one request must not share a sub-port. */
    public static Violations duplicateSubPorts(final List<Trunk> written) {
        final Map<String, String> first = new HashMap<>();
        final Violations violations = Violations.none();
        for (Trunk trunk : written) {
            for (String sub : subPortIds(trunk)) {
                final String other = first.putIfAbsent(sub, trunk.getId().getValue());
                if (other != null) {
                    violations.addAll(new Violations("trunk", trunk.getId().getValue()).add("sub-port/lport",
                        "\"" + sub + "\" is also a sub-port of trunk \"" + other + "\" in this request"));
                }
            }
        }
        return violations;
    }

    private static Set<String> subPortIds(final Trunk trunk) {
        final Set<String> ids = new HashSet<>();
        if (trunk.getSubPort() != null) {
            trunk.getSubPort().values().forEach(sub -> ids.add(sub.getLport().getValue()));
        }
        return ids;
    }

    /** Every lport id a router references. */
    public static Set<String> referencedLports(final Router router) {
        final Set<String> ids = new HashSet<>();
        if (router.getInterfaces() != null) {
            router.getInterfaces().forEach(id -> ids.add(id.getValue()));
        }
        if (router.getGatewayPort() != null) {
            ids.add(router.getGatewayPort().getValue());
        }
        return ids;
    }

    public static Set<String> referencedLports(final FloatingIp fip) {
        final Set<String> ids = new HashSet<>();
        if (fip.getFloatingLport() != null) {
            ids.add(fip.getFloatingLport().getValue());
        }
        if (fip.getAssociatedLport() != null) {
            ids.add(fip.getAssociatedLport().getValue());
        }
        return ids;
    }

    public static Set<String> referencedLports(final Trunk trunk) {
        final Set<String> ids = new HashSet<>();
        if (trunk.getParentLport() != null) {
            ids.add(trunk.getParentLport().getValue());
        }
        if (trunk.getSubPort() != null) {
            trunk.getSubPort().values().forEach(sub -> ids.add(sub.getLport().getValue()));
        }
        return ids;
    }

    /**
     * What still references deleted networks: lports and subnets on them (at most a few named per network).
     */
    public static Violations networksInUse(final Set<String> deleted, final Collection<Lport> lports,
            final Collection<Subnet> subnets) {
        final Violations violations = Violations.none();
        final Map<String, List<String>> users = new TreeMap<>();
        lports.forEach(lport -> addUser(users, deleted, valueOf(lport.getNetwork()), "lport", lport.getId()));
        subnets.forEach(subnet -> addUser(users, deleted, valueOf(subnet.getNetwork()), "subnet", subnet.getId()));
        users.forEach((id, list) -> violations.addAll(new Violations("network", id).add("id", inUse(list))));
        return violations;
    }

    /** What still references deleted chassis: lports bound to them. */
    public static Violations chassisInUse(final Set<String> deleted, final Collection<Lport> lports) {
        final Violations violations = Violations.none();
        final Map<String, List<String>> users = new TreeMap<>();
        lports.forEach(lport -> addUser(users, deleted, boundChassis(lport), "lport", lport.getId()));
        users.forEach((id, list) -> violations.addAll(new Violations("chassis", id).add("id", inUse(list))));
        return violations;
    }

    /** What still references deleted lports: routers, floating IPs and trunks. */
    public static Violations lportsInUse(final Set<String> deleted, final Collection<Router> routers,
            final Collection<FloatingIp> fips, final Collection<Trunk> trunks) {
        final Map<String, List<String>> users = new TreeMap<>();
        routers.forEach(router -> referencedLports(router).forEach(
            id -> addUser(users, deleted, id, "router", router.getId())));
        fips.forEach(fip -> referencedLports(fip).forEach(
            id -> addUser(users, deleted, id, "floating-ip", fip.getId())));
        trunks.forEach(trunk -> referencedLports(trunk).forEach(
            id -> addUser(users, deleted, id, "trunk", trunk.getId())));
        final Violations violations = Violations.none();
        users.forEach((id, list) -> violations.addAll(new Violations("lport", id).add("id", inUse(list))));
        return violations;
    }

    /** The chassis an lport is bound to, if it is bound to one. */
    public static String boundChassis(final Lport lport) {
        return lport.getBinding() instanceof org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang
            .flowtun.lport.rev261122.lports.lport.binding.Chassis
            ? valueOf(((org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122
                .lports.lport.binding.Chassis) lport.getBinding()).getChassis()) : null;
    }

    private static String valueOf(final org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun
            .types.rev261122.ResourceId id) {
        return id == null ? null : id.getValue();
    }

    /** Records that {@code kind userId} references {@code referenced}, when that is one of the deleted. */
    private static void addUser(final Map<String, List<String>> users, final Set<String> deleted,
            final String referenced, final String kind, final org.opendaylight.yang.gen.v1.urn.opendaylight.params
                .xml.ns.yang.flowtun.types.rev261122.ResourceId userId) {
        if (referenced != null && deleted.contains(referenced)) {
            users.computeIfAbsent(referenced, id -> new ArrayList<>()).add(kind + " \"" + userId.getValue() + "\"");
        }
    }

    private static String inUse(final List<String> users) {
        final int shown = Math.min(users.size(), 5);
        return "still in use by " + String.join(", ", users.subList(0, shown))
            + (users.size() > shown ? " and " + (users.size() - shown) + " more" : "") + "; delete those first";
    }
}
