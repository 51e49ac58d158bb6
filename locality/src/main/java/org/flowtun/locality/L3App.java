/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.HashSet;
import java.util.Set;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;

/**
 * The L3 app: a router's interfaces and its gateway port are distributed, handled on every node (a router is
 * everywhere), so no flow follows a host. flowtun does not route; this app only says where such ports are. Pure.
 */
public final class L3App {
    private L3App() {
    }

    /** The lports a router makes distributed (its interfaces and gateway port), or null for a deleted router. */
    static Set<String> distributedPorts(final Router router) {
        if (router == null) {
            return null;
        }
        final Set<String> ports = new HashSet<>();
        if (router.getInterfaces() != null) {
            for (ResourceId lport : router.getInterfaces()) {
                ports.add(lport.getValue());
            }
        }
        if (router.getGatewayPort() != null) {
            ports.add(router.getGatewayPort().getValue());
        }
        return ports;
    }
}
