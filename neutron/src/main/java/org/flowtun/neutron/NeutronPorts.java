/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.neutron;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flowtun.impl.validation.Violations;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.LportBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.lport.binding.ChassisBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Compute;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.DeviceOwner;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Dhcp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.RouterGateway;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.RouterInterface;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.TrunkSubport;

/**
 * Neutron ports as flowtun's lports (docs/neutron.md, "The mapping"): {@code network_id}, {@code mac_address},
 * {@code fixed_ips}' addresses, {@code admin_state_up}, the {@code device_owner} as flowtun's role, and the
 * binding: a port whose {@code binding:host_id} names a host flowtun knows is bound to that host's chassis, any
 * other port is unbound (Neutron sends a bound port as a POST unbound, then a PUT bound). Pure: the host to
 * chassis lookup is the caller's.
 */
public final class NeutronPorts {
    /** Neutron's device owners flowtun gives a role; any other (compute:*, "", baremetal:*) is a compute port. */
    private static final Map<String, Class<? extends DeviceOwner>> OWNERS = Map.of(
        "network:router_interface", RouterInterface.class,
        "network:router_interface_distributed", RouterInterface.class,
        "network:ha_router_replicated_interface", RouterInterface.class,
        "network:router_gateway", RouterGateway.class,
        "network:floatingip", FloatingIp.class,
        "network:dhcp", Dhcp.class,
        "trunk:subport", TrunkSubport.class);

    private NeutronPorts() {
    }

    /**
     * A Neutron port as flowtun's lport.
     *
     * @param id the resource id: the path's on a PUT, the body's on a POST
     * @param chassisOfHost the chassis of a Neutron host ({@code binding:host_id}), or null for a host flowtun does
     *     not know
     */
    public static Translated<Lport> lport(final JsonObject port, final String id,
            final Function<String, String> chassisOfHost) {
        final Violations problems = new Violations("port", id);
        NeutronNetworks.checkId(port, id, problems);
        final LportBuilder builder = new LportBuilder().setId(new ResourceId(id))
            .setAdminStateUp(NeutronJson.flag(port, "admin_state_up", true))
            .setDeviceOwner(deviceOwner(NeutronJson.text(port, "device_owner")));
        final String network = NeutronJson.text(port, "network_id");
        if (network != null) {
            builder.setNetwork(new ResourceId(network));
        }
        builder.setMacAddress(NeutronJson.parsed(port, "mac_address",
            mac -> new MacAddress(mac.toLowerCase(java.util.Locale.ROOT)), "a MAC address", problems));
        builder.setIps(fixedIps(port, problems));
        final String host = NeutronJson.text(port, "binding:host_id");
        final String chassis = host == null || host.isEmpty() ? null : chassisOfHost.apply(host);
        if (chassis != null) {
            builder.setBinding(new ChassisBuilder().setChassis(new ResourceId(chassis)).build());
        }
        return problems.isEmpty() ? Translated.of(builder.build()) : Translated.refused(problems);
    }

    /** flowtun's role for a Neutron device owner. */
    static Class<? extends DeviceOwner> deviceOwner(final String neutronOwner) {
        return neutronOwner == null ? Compute.class : OWNERS.getOrDefault(neutronOwner, Compute.class);
    }

    private static List<IpAddress> fixedIps(final JsonObject port, final Violations problems) {
        final JsonElement fixed = port.get("fixed_ips");
        final List<IpAddress> ips = new ArrayList<>();
        if (fixed == null || !fixed.isJsonArray()) {
            return ips;
        }
        for (JsonElement entry : (JsonArray) fixed) {
            final String address = entry.isJsonObject() ? NeutronJson.text(entry.getAsJsonObject(), "ip_address")
                : null;
            final IpAddress ip = NeutronJson.parsed(address, "fixed_ips", IpAddressBuilder::getDefaultInstance,
                "an IP address", problems);
            if (ip != null) {
                ips.add(ip);
            }
        }
        return ips;
    }
}
