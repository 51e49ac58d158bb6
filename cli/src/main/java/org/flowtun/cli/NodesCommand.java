/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flowtun.locality.FlowDiagnostics;
import org.flowtun.locality.FlowDiagnostics.NodeSummary;
import org.flowtun.locality.NotRunningHereException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.node.TunnelPort;

/**
 * {@code flowtun:nodes}: every OVS node flowtun manages, with its chassis, tunnel IP, OpenFlow switch, virtual
 * tunnel ports and their ofports, and how many flows flowtun wants on it; first, which cluster member runs
 * flowtun's jobs (the flows are counted there).
 */
@Service
@Command(scope = "flowtun", name = "nodes", description = "Lists the OVS nodes: chassis, tunnel ports, ofports")
public final class NodesCommand implements Action {
    @Reference
    private DataBroker dataBroker;

    @Reference
    private FlowDiagnostics diagnostics;

    @Reference
    private Session session;

    @Override
    public Object execute() throws Exception {
        final FlowtunState state = FlowtunState.read(dataBroker);
        session.getConsole().println(state.jobsLine());
        Map<String, NodeSummary> summaries;
        String flowsElsewhere = null;
        try {
            summaries = diagnostics.nodeSummaries().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof NotRunningHereException)) {
                throw e;
            }
            // the flows are known where the locality service runs
            summaries = Map.of();
            flowsElsewhere = "on " + state.jobsOwner();
        }
        final ShellTable table = new ShellTable();
        table.column("Node");
        table.column("Chassis");
        table.column("Tunnel IP");
        table.column("Switch");
        table.column("Tunnel ports (type:ofport)");
        table.column("Physical networks (name:bridge:ofport)");
        table.column(flowsElsewhere == null ? "Flows" : "Flows (counted " + flowsElsewhere + ")").alignRight();
        final List<String> unreachable = new ArrayList<>();
        for (Node node : state.nodes().values()) {
            final Chassis chassis = node.getChassisId() == null ? null : state.chassis().get(node.getChassisId());
            final List<String> ports = new ArrayList<>();
            FlowtunState.values(node.getTunnelPort()).stream()
                .sorted((left, right) -> left.getName().compareTo(right.getName()))
                .forEach(port -> ports.add(type(port) + ":" + (port.getOfport() == null ? "-" : port.getOfport())));
            final NodeSummary flows = summaries.get(node.getNodeId());
            table.addRow().addContent(node.getNodeId(), state.chassisOf(node.getNodeId()),
                chassis != null && chassis.getIp() != null ? chassis.getIp().stringValue()
                    : node.getLocalIp() == null ? "-" : node.getLocalIp().stringValue(),
                flowsElsewhere != null ? "-" : flows == null || flows.openflowNodeId() == null ? "not connected"
                    : flows.openflowNodeId(),
                ports.isEmpty() ? "-" : String.join(" ", ports), physicalNetworks(node), flowsElsewhere != null ? "-"
                    : flows == null ? 0 : flows.flows());
            if (flows != null && !flows.unreachablePhysicalNetworks().isEmpty()) {
                unreachable.add(node.getNodeId() + " needs physical network(s) "
                    + String.join(", ", flows.unreachablePhysicalNetworks()) + " but does not reach them: map each to"
                    + " a bridge holding its NIC (external_ids:flowtun-bridge-mappings); until then the remote ports of"
                    + " their networks have no locality there");
            }
        }
        if (state.nodes().isEmpty()) {
            session.getConsole().println("No OVS node is connected (point one at this controller: "
                + "ovs-vsctl set-manager tcp:<controller>:6640)");
            return null;
        }
        table.print(session.getConsole());
        unreachable.forEach(session.getConsole()::println);
        return null;
    }

    /** The node's patch ports toward physical networks, {@code physnet:bridge:ofport} each. */
    private static String physicalNetworks(final Node node) {
        final List<String> networks = new ArrayList<>();
        FlowtunState.values(node.getProviderPort()).forEach(port -> networks.add(port.key().getPhysicalNetwork()
            + ":" + port.getBridge() + ":" + (port.getOfport() == null ? "-" : port.getOfport())));
        Collections.sort(networks);
        return networks.isEmpty() ? "-" : String.join(" ", networks);
    }

    private static String type(final TunnelPort port) {
        final String name = port.getName();
        return name != null && name.endsWith("-tunnel-port") ? name.substring(0, name.length() - 12) : name;
    }
}
