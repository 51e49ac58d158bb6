/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static java.util.Objects.requireNonNull;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowtun.api.TunnelPort;
import org.flowtun.api.TunnelPortService;

/**
 * {@code flowtun_node_tunnel_ports{node}}: each node's virtual tunnel ports in use (created, with an ofport), one
 * per configured tunnel type when all is well. Read at each scrape from the registry, which is thread-safe.
 */
final class TunnelPortMetrics extends Collector {
    private final TunnelPortService tunnelPorts;

    TunnelPortMetrics(final TunnelPortService tunnelPorts) {
        this.tunnelPorts = requireNonNull(tunnelPorts);
    }

    @Override
    public List<MetricFamilySamples> collect() {
        final Map<String, Integer> perNode = new TreeMap<>();
        for (TunnelPort port : tunnelPorts.tunnelPorts()) {
            perNode.merge(port.nodeId(), port.hasOfport() ? 1 : 0, Integer::sum);
        }
        final GaugeMetricFamily family = new GaugeMetricFamily("flowtun_node_tunnel_ports",
            "Virtual tunnel ports on the node's br-int with an ofport (one per configured tunnel type)",
            List.of("node"));
        perNode.forEach((node, count) -> family.addMetric(List.of(node), count));
        return List.of(family);
    }
}
