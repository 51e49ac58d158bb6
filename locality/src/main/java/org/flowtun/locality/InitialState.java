/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;

/**
 * The configuration the locality service reads once at start (one read transaction), before it places anything.
 */
final class InitialState {
    private final Map<String, Long> lportKeys;
    private final Map<String, Long> networkKeys;
    private final Collection<Lport> lports;
    private final Collection<Network> networks;
    private final Collection<Chassis> chassis;
    private final Collection<Router> routers;
    private final Collection<FloatingIp> floatingIps;
    private final Collection<Trunk> trunks;
    private final Collection<Subnet> subnets;

    @SuppressWarnings("checkstyle:ParameterNumber")
    InitialState(final Map<String, Long> lportKeys, final Map<String, Long> networkKeys,
            final Collection<Lport> lports, final Collection<Network> networks, final Collection<Chassis> chassis,
            final Collection<Router> routers, final Collection<FloatingIp> floatingIps,
            final Collection<Trunk> trunks, final Collection<Subnet> subnets) {
        this.lportKeys = Map.copyOf(lportKeys);
        this.networkKeys = Map.copyOf(networkKeys);
        this.lports = List.copyOf(lports);
        this.networks = List.copyOf(networks);
        this.chassis = List.copyOf(chassis);
        this.routers = List.copyOf(routers);
        this.floatingIps = List.copyOf(floatingIps);
        this.trunks = List.copyOf(trunks);
        this.subnets = List.copyOf(subnets);
    }

    /** The lport tunnel keys allocated before. */
    Map<String, Long> lportKeys() {
        return lportKeys;
    }

    /** The network keys allocated before. */
    Map<String, Long> networkKeys() {
        return networkKeys;
    }

    Collection<Lport> lports() {
        return lports;
    }

    Collection<Network> networks() {
        return networks;
    }

    Collection<Chassis> chassis() {
        return chassis;
    }

    Collection<Router> routers() {
        return routers;
    }

    Collection<FloatingIp> floatingIps() {
        return floatingIps;
    }

    Collection<Trunk> trunks() {
        return trunks;
    }

    Collection<Subnet> subnets() {
        return subnets;
    }
}
