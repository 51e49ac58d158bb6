/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.opendaylight.infrautils.ready.SystemReadyMonitor;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.util.Filter;

/**
 * What flowtun's Pax Exam tests share: the distribution they run in ({@link FlowtunKaraf}), waiting until it is
 * ready, RESTCONF and the overlay helper, and the OVS nodes a test starts, closed after it together with every
 * resource it created over RESTCONF.
 */
abstract class FlowtunPaxExamTest {
    static final List<String> ALL_TYPES = List.of("vxlan", "gre", "geneve");

    @Inject
    @Filter(timeout = 300_000)
    SystemReadyMonitor systemReady;

    final Restconf restconf = new Restconf(8181);
    final Overlay overlay = new Overlay(restconf);
    private final List<OvsNode> nodes = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return FlowtunKaraf.options();
    }

    @Before
    public void awaitFlowtunReady() throws Exception {
        FlowtunKaraf.awaitReady(systemReady, restconf);
    }

    @After
    public void removeResourcesAndNodes() throws Exception {
        try {
            overlay.deleteAll();
        } finally {
            for (OvsNode node : nodes) {
                node.close();
            }
            nodes.clear();
        }
    }

    /** Starts an OVS node with every tunnel type, connected over OVSDB and OpenFlow; closed after the test. */
    OvsNode node(final String name, final String chassis, final String ip) throws Exception {
        return track(TunnelPortChecks.startConnected(name, chassis, ip, ALL_TYPES));
    }

    /** Closes {@code node} after the test. */
    OvsNode track(final OvsNode node) {
        nodes.add(node);
        return node;
    }
}
