/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.neutron;

import com.google.gson.JsonObject;
import java.util.Collection;
import java.util.stream.Collectors;
import org.flowtun.impl.validation.Violations;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIpBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;

/**
 * Neutron routers and floating IPs as flowtun's. Neutron tells a router's interfaces and a floating IP's own port
 * only through ports: an interface is a port with {@code device_owner network:router_interface} and
 * {@code device_id} the router's id (no router message follows), a floating IP's port one with
 * {@code network:floatingip} whose {@code device_id} becomes the floating IP's id (it is {@code PENDING} when the
 * port is created). The caller, which keeps the ports, gives them here. Pure.
 */
public final class NeutronL3 {
    private NeutronL3() {
    }

    /**
     * A Neutron router as flowtun's: its gateway port ({@code gw_port_id}) and the interface ports the caller knows.
     *
     * @param interfacePorts the ids of the router's interface ports (device_id = the router's id)
     */
    public static Translated<Router> router(final JsonObject router, final String id,
            final Collection<String> interfacePorts) {
        final Violations problems = new Violations("router", id);
        NeutronNetworks.checkId(router, id, problems);
        if (!problems.isEmpty()) {
            return Translated.refused(problems);
        }
        final RouterBuilder builder = new RouterBuilder().setId(new ResourceId(id))
            .setName(NeutronJson.text(router, "name"))
            .setInterfaces(interfacePorts.stream().sorted().map(ResourceId::new).collect(Collectors.toList()));
        final String gateway = NeutronJson.text(router, "gw_port_id");
        if (gateway != null) {
            builder.setGatewayPort(new ResourceId(gateway));
        }
        return Translated.of(builder.build());
    }

    /**
     * A Neutron floating IP as flowtun's: associated with {@code port_id} at {@code fixed_ip_address} (both absent
     * when disassociated), its own lport the port the caller found for it.
     *
     * @param floatingPort the id of the floating IP's own port (device_id = the floating IP's id), or null
     */
    public static Translated<FloatingIp> floatingIp(final JsonObject fip, final String id, final String floatingPort) {
        final Violations problems = new Violations("floatingip", id);
        NeutronNetworks.checkId(fip, id, problems);
        final FloatingIpBuilder builder = new FloatingIpBuilder().setId(new ResourceId(id));
        if (floatingPort != null) {
            builder.setFloatingLport(new ResourceId(floatingPort));
        }
        final String associated = NeutronJson.text(fip, "port_id");
        if (associated != null) {
            builder.setAssociatedLport(new ResourceId(associated));
        }
        builder.setFloatingIpAddress(NeutronJson.parsed(fip, "floating_ip_address",
            IpAddressBuilder::getDefaultInstance, "an IP address", problems));
        builder.setFixedIpAddress(NeutronJson.parsed(fip, "fixed_ip_address", IpAddressBuilder::getDefaultInstance,
            "an IP address", problems));
        return problems.isEmpty() ? Translated.of(builder.build()) : Translated.refused(problems);
    }
}
