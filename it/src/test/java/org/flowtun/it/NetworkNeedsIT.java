/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.flowtun.api.LocalityService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

/**
 * Selective topology distribution on three real switches: a node holds a network's lports only while it needs the
 * network (a local lport on it, or a router linking it to one). Every step checks each switch's whole flow table
 * against the flows docs/pipeline.md gives for what the node needs, and the locality events.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NetworkNeedsIT extends FlowtunPaxExamTest {
    private static final String IP_A = "10.99.9.1";
    private static final String IP_B = "10.99.9.2";
    private static final String IP_C = "10.99.9.3";

    @Inject
    @Filter(timeout = 300_000)
    private LocalityService localityService;

    @Inject
    private NotificationService notificationService;

    /** An lport as the tests see it: its key, its MAC, where it is plugged (ofport) and its host's IP. */
    private static final class Port {
        final long key;
        final String mac;
        final long ofport;
        final String host;

        Port(final long key, final String mac, final long ofport, final String host) {
            this.key = key;
            this.mac = mac;
            this.ofport = ofport;
            this.host = host;
        }
    }

    @Test
    public void aNodeHoldsANetworkWhileItHasALocalPortOrARouterLinksIt() throws Exception {
        final OvsNode nodeA = node("na", "chassis-na", IP_A);
        final OvsNode nodeB = node("nb", "chassis-nb", IP_B);
        final OvsNode nodeC = node("nc", "chassis-nc", IP_C);
        final String idA = TunnelPortChecks.nodeId(nodeA);
        final String idB = TunnelPortChecks.nodeId(nodeB);
        final String idC = TunnelPortChecks.nodeId(nodeC);
        try (LocalityEvents events = new LocalityEvents(localityService, notificationService)) {
            overlay.network("need-1", "vxlan", 910);
            overlay.network("need-2", "vxlan", 920);
            final Port a1 = plugged(nodeA, "a1", "need-1", "chassis-na", "fa:16:3e:00:09:a1", IP_A);
            final Port b1 = plugged(nodeB, "b1", "need-1", "chassis-nb", "fa:16:3e:00:09:b1", IP_B);
            final long n1 = overlay.networkKey("need-1");
            final long tunnelA = nodeA.ofport("vxlan-tunnel-port");
            final long tunnelB = nodeB.ofport("vxlan-tunnel-port");
            final long tunnelC = nodeC.ofport("vxlan-tunnel-port");

            // need-1 has local ports on A and B: C holds none of it and hears nothing of it
            events.await("a1", List.of("local-created on " + idA, "remote-created on " + idB));
            events.await("b1", List.of("local-created on " + idB, "remote-created on " + idA));
            Overlay.awaitFlows(nodeA, network(n1, 910, tunnelA, List.of(a1), List.of(b1)));
            Overlay.awaitFlows(nodeB, network(n1, 910, tunnelB, List.of(b1), List.of(a1)));
            Overlay.awaitFlows(nodeC, List.of());
            LocalityEvents.awaitLocalities(restconf, "a1", Map.of(idA, "local", idB, "remote"));

            // a first local lport on C brings need-1 there: its flows, then remote-created
            final Port c1 = plugged(nodeC, "c1", "need-1", "chassis-nc", "fa:16:3e:00:09:c1", IP_C);
            events.await("a1", List.of("local-created on " + idA, "remote-created on " + idB,
                "remote-created on " + idC));
            events.await("b1", List.of("local-created on " + idB, "remote-created on " + idA,
                "remote-created on " + idC));
            Overlay.awaitFlows(nodeC, network(n1, 910, tunnelC, List.of(c1), List.of(a1, b1)));
            Overlay.awaitFlows(nodeA, network(n1, 910, tunnelA, List.of(a1), List.of(b1, c1)));
            Overlay.awaitFlows(nodeB, network(n1, 910, tunnelB, List.of(b1), List.of(a1, c1)));

            // and its removal takes them away
            overlay.deletePort("c1");
            nodeC.vsctl("del-port", "br-int", "c1");
            events.await("a1", List.of("local-created on " + idA, "remote-created on " + idB,
                "remote-created on " + idC, "remote-deleted on " + idC));
            Overlay.awaitFlows(nodeC, List.of());
            Overlay.awaitFlows(nodeA, network(n1, 910, tunnelA, List.of(a1), List.of(b1)));

            // need-2 has a local port on C only; a router between need-1 and need-2 makes every node need both
            final Port c2 = plugged(nodeC, "c2", "need-2", "chassis-nc", "fa:16:3e:00:09:c2", IP_C);
            final long n2 = overlay.networkKey("need-2");
            Overlay.awaitFlows(nodeC, network(n2, 920, tunnelC, List.of(c2), List.of()));
            overlay.port("r-1", "need-1", "\"device-owner\":\"flowtun-types:router-interface\"");
            overlay.port("r-2", "need-2", "\"device-owner\":\"flowtun-types:router-interface\"");
            overlay.router("need-r", List.of("r-1", "r-2"), null);
            events.await("c2", List.of("local-created on " + idC, "remote-created on " + idA,
                "remote-created on " + idB));
            events.await("a1", List.of("local-created on " + idA, "remote-created on " + idB,
                "remote-created on " + idC, "remote-deleted on " + idC, "remote-created on " + idC));
            for (String routerPort : List.of("r-1", "r-2")) {
                LocalityEvents.awaitLocalities(restconf, routerPort, Map.of(idA, "distributed", idB, "distributed",
                    idC, "distributed"));
            }
            Overlay.awaitFlows(nodeA, concat(network(n1, 910, tunnelA, List.of(a1), List.of(b1)),
                network(n2, 920, tunnelA, List.of(), List.of(c2))));
            Overlay.awaitFlows(nodeB, concat(network(n1, 910, tunnelB, List.of(b1), List.of(a1)),
                network(n2, 920, tunnelB, List.of(), List.of(c2))));
            Overlay.awaitFlows(nodeC, concat(network(n2, 920, tunnelC, List.of(c2), List.of()),
                network(n1, 910, tunnelC, List.of(), List.of(a1, b1))));

            // the router loses its interface on need-2: the need shrinks back
            overlay.router("need-r", List.of("r-1"), null);
            events.await("c2", List.of("local-created on " + idC, "remote-created on " + idA,
                "remote-created on " + idB, "remote-deleted on " + idA, "remote-deleted on " + idB));
            LocalityEvents.awaitLocalities(restconf, "r-2", Map.of());
            LocalityEvents.awaitLocalities(restconf, "r-1", Map.of(idA, "distributed", idB, "distributed"));
            Overlay.awaitFlows(nodeA, network(n1, 910, tunnelA, List.of(a1), List.of(b1)));
            Overlay.awaitFlows(nodeB, network(n1, 910, tunnelB, List.of(b1), List.of(a1)));
            Overlay.awaitFlows(nodeC, network(n2, 920, tunnelC, List.of(c2), List.of()));
            // a1 is gone from C with the link
            events.await("a1", List.of("local-created on " + idA, "remote-created on " + idB,
                "remote-created on " + idC, "remote-deleted on " + idC, "remote-created on " + idC,
                "remote-deleted on " + idC));
        }
    }

    /** An lport bound to {@code chassis} with a MAC, plugged into the node. */
    private Port plugged(final OvsNode node, final String id, final String network, final String chassis,
            final String mac, final String host) throws Exception {
        overlay.boundPort(id, network, chassis, mac);
        final long ofport = node.addVmPort(id, id);
        return new Port(overlay.lportKey(id), mac, ofport, host);
    }

    /**
     * A network's flows on a node (docs/pipeline.md): its local ports' classification, delivery and MAC lookups,
     * and, with a local port, the tunnel ingress and the flooding; its remote ports' egress and MAC lookup.
     */
    private static List<String> network(final long networkKey, final long segmentation, final long tunnel,
            final List<Port> local, final List<Port> remote) {
        final List<String> flows = new ArrayList<>();
        final List<Long> localOfports = new ArrayList<>();
        for (Port port : local) {
            flows.add(Overlay.classification(port.ofport, port.key, networkKey));
            flows.addAll(Overlay.localDelivery(port.key, port.ofport));
            flows.addAll(Overlay.macLookup(networkKey, port.mac, port.key, true));
            localOfports.add(port.ofport);
        }
        final Map<String, Boolean> hosts = new LinkedHashMap<>();
        for (Port port : remote) {
            flows.add(Overlay.egress(port.key, segmentation, port.host, tunnel));
            flows.addAll(Overlay.macLookup(networkKey, port.mac, port.key, false));
            hosts.put(port.host, true);
        }
        if (!local.isEmpty()) {
            flows.add(Overlay.ingress(segmentation, tunnel, networkKey));
            flows.addAll(Overlay.flood(networkKey, localOfports, segmentation, List.copyOf(hosts.keySet()), tunnel));
        }
        return flows;
    }

    private static List<String> concat(final List<String> first, final List<String> second) {
        final List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
