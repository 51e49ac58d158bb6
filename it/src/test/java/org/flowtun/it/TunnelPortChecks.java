/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

package org.flowtun.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the tunnel manager's tests check on a real OVS node: its flow-based tunnel ports as the spec shows
 * them, and the ofports flowtun publishes.
 */
final class TunnelPortChecks {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private TunnelPortChecks() {
    }

    /** Starts a node, waits for its tunnel ports of {@code types} and for its switch to connect over OpenFlow. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    static OvsNode startConnected(final String name, final String chassis, final String ip,
            final List<String> types) throws Exception {
        final OvsNode node = OvsNode.start(name, chassis, ip);
        try {
            awaitTunnelPorts(node, types, ip);
            awaitConnected(node);
        } catch (Exception | AssertionError e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** The node's id in the OVSDB topology (and in flowtun-state): {@code ovsdb://uuid/<Open_vSwitch uuid>}. */
    static String nodeId(final OvsNode node) throws IOException {
        return "ovsdb://uuid/" + node.vsctl("get", "Open_vSwitch", ".", "_uuid");
    }

    /** Waits until the node's switch is connected to the controller over OpenFlow. */
    static void awaitConnected(final OvsNode node) throws Exception {
        Await.until(TIMEOUT, () -> node.vsctl("--columns=is_connected", "list", "Controller")
            .contains("true") ? null : "switch " + node.name() + " not connected over OpenFlow");
    }

    /** Waits until br-int's flow-based tunnel ports are exactly those of {@code types}, as the spec shows them. */
    static void awaitTunnelPorts(final OvsNode node, final List<String> types, final String localIp)
            throws Exception {
        final List<String> expected = new ArrayList<>();
        types.forEach(type -> expected.add(type + "-tunnel-port"));
        expected.sort(null);
        Await.until(TIMEOUT, () -> {
            final List<String> ports = flowTunnelPorts(node);
            if (!ports.equals(expected)) {
                return node.name() + ": tunnel ports " + ports + ", expected " + expected;
            }
            for (String type : types) {
                final String port = type + "-tunnel-port";
                final String options = node.get("Interface", port, "options");
                final String wanted = "{key=flow, local_ip=" + localIp + ", remote_ip=flow}";
                if (!node.get("Interface", port, "type").equals(type) || !options.equals(wanted)) {
                    return node.name() + ": " + port + " is " + node.get("Interface", port, "type") + " " + options;
                }
                final String ofport = node.get("Interface", port, "ofport");
                if (ofport.isEmpty() || ofport.startsWith("-") || "[]".equals(ofport)) {
                    return node.name() + ": " + port + " has no ofport (" + ofport + "), error "
                        + node.get("Interface", port, "error");
                }
            }
            return null;
        });
    }

    /** The names of br-int's ports with options:remote_ip=flow, sorted. */
    static List<String> flowTunnelPorts(final OvsNode node) throws IOException {
        final List<String> names = new ArrayList<>();
        for (String port : node.vsctl("list-ports", "br-int").lines().toArray(String[]::new)) {
            if (node.get("Interface", port, "options").contains("remote_ip=flow")) {
                names.add(port);
            }
        }
        names.sort(null);
        return names;
    }

    /** Waits until flowtun-state:tunnel-ports shows, for this node, the ofports OVS has. */
    static void awaitPublishedOfportsMatch(final Restconf restconf, final OvsNode node, final List<String> types)
            throws Exception {
        Await.until(TIMEOUT, () -> {
            final Map<String, String> inOvs = new TreeMap<>();
            for (String type : types) {
                inOvs.put(type, node.get("Interface", type + "-tunnel-port", "ofport"));
            }
            final Map<String, String> published = new TreeMap<>();
            final Restconf.Reply reply = restconf.get("flowtun-state:tunnel-ports");
            if (reply.status != 200) {
                return "tunnel-ports: " + reply;
            }
            final String chassisId = "chassis-" + node.name();
            for (JsonNode entry : reply.json().path("flowtun-state:tunnel-ports").path("node")) {
                if (chassisId.equals(entry.path("chassis-id").asText())) {
                    for (JsonNode port : entry.path("tunnel-port")) {
                        published.put(port.path("type").asText().replace("flowtun-types:", ""),
                            port.path("ofport").asText());
                    }
                }
            }
            return inOvs.equals(published) ? null : node.name() + ": OVS has " + inOvs + ", published " + published;
        });
    }
}
