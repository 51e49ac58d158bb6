/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.neutron;

import com.google.gson.JsonObject;
import java.util.Optional;
import org.flowtun.impl.NetworkKind;
import org.flowtun.impl.validation.Violations;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpPrefixBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.PhysicalNetworkName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.NetworkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.SubnetBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Neutron networks and subnets as flowtun's (docs/neutron.md, "The mapping"). What flowtun checks at commit
 * (ranges by type, one flat network per physical network, ...) is left to its validation, which answers with
 * flowtun's field names; here only what cannot be represented at all is refused. Pure.
 */
public final class NeutronNetworks {
    /** The MTUs flowtun's model takes; Neutron's outside them is advisory for VMs, and dropped. */
    private static final long MIN_MTU = 68;
    private static final long MAX_MTU = 9000;

    private NeutronNetworks() {
    }

    /**
     * A Neutron network ({@code {"network": {...}}}'s object) as flowtun's network.
     *
     * @param id the resource id: the path's on a PUT (whose body has none), the body's on a POST
     */
    public static Translated<Network> network(final JsonObject network, final String id) {
        final Violations problems = new Violations("network", id);
        checkId(network, id, problems);
        final String type = NeutronJson.text(network, "provider:network_type");
        // a network without provider attributes (networking-odl's canary; a Neutron without the provider
        // extension) connects ports where they are, with no segment: flowtun's "local"
        final Optional<NetworkKind> kind = type == null ? Optional.of(NetworkKind.LOCAL) : NetworkKind.named(type);
        if (kind.isEmpty()) {
            problems.add("provider:network_type", "\"" + type + "\" is not a type flowtun carries (vxlan, gre, geneve,"
                + " vlan, flat, local)");
        }
        final Long segmentation = NeutronJson.parsed(network, "provider:segmentation_id", Long::valueOf, "a number",
            problems);
        if (!problems.isEmpty()) {
            return Translated.refused(problems);
        }
        final NetworkBuilder builder = new NetworkBuilder().setId(new ResourceId(id))
            .setNetworkType(kind.get().identity()).setName(NeutronJson.text(network, "name"));
        if (segmentation != null && kind.get().isSegmented()) {
            builder.setSegmentationId(Uint32.valueOf(segmentation));
        }
        final String physical = NeutronJson.text(network, "provider:physical_network");
        if (physical != null && kind.get().isProvider()) {
            builder.setPhysicalNetwork(new PhysicalNetworkName(physical));
        }
        final Long mtu = NeutronJson.has(network, "mtu") ? NeutronJson.number(network, "mtu") : null;
        if (mtu != null && mtu >= MIN_MTU && mtu <= MAX_MTU) {
            builder.setMtu(Uint16.valueOf(mtu));
        }
        return Translated.of(builder.build());
    }

    /** A Neutron subnet as flowtun's ({@code network_id}, {@code cidr}, {@code gateway_ip}, {@code enable_dhcp}). */
    public static Translated<Subnet> subnet(final JsonObject subnet, final String id) {
        final Violations problems = new Violations("subnet", id);
        checkId(subnet, id, problems);
        final SubnetBuilder builder = new SubnetBuilder().setId(new ResourceId(id))
            .setEnableDhcp(NeutronJson.flag(subnet, "enable_dhcp", false));
        final String network = NeutronJson.text(subnet, "network_id");
        if (network != null) {
            builder.setNetwork(new ResourceId(network));
        }
        builder.setCidr(NeutronJson.parsed(subnet, "cidr", IpPrefixBuilder::getDefaultInstance, "an IP prefix",
            problems));
        builder.setGatewayIp(NeutronJson.parsed(subnet, "gateway_ip", IpAddressBuilder::getDefaultInstance,
            "an IP address", problems));
        return problems.isEmpty() ? Translated.of(builder.build()) : Translated.refused(problems);
    }

    /** A body's id must be the path's when it gives one (a POST's always does, a PUT's does not). */
    static void checkId(final JsonObject resource, final String id, final Violations problems) {
        final String bodyId = NeutronJson.text(resource, "id");
        if (bodyId != null && !bodyId.equals(id)) {
            problems.add("id", "\"" + bodyId + "\" is not the resource's id \"" + id + "\"");
        }
    }
}
