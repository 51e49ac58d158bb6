/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.cli;

import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.lport.states.LportState;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.lport.states.lport.state.Locality;

/**
 * {@code flowtun:lports}: every lport with its tunnel key and its locality on each node (one row per lport and
 * node; an lport with no locality anywhere gets one row with "-"), filterable by node, network and locality.
 */
@Service
@Command(scope = "flowtun", name = "lports", description = "Lists lports with their locality per node")
public final class LportsCommand implements Action {
    private static final List<String> LOCALITIES = List.of("local", "remote", "distributed", "none");

    @Option(name = "--node", description = "Only this node (node id or chassis id)")
    private String node;

    @Option(name = "--network", description = "Only lports of this network")
    private String network;

    @Option(name = "--locality", description = "Only this locality: local, remote, distributed, "
        + "or none (lports without a locality on any node)")
    private String locality;

    @Reference
    private DataBroker dataBroker;

    @Reference
    private Session session;

    @Override
    public Object execute() throws Exception {
        if (locality != null && !LOCALITIES.contains(locality.toLowerCase(Locale.ROOT))) {
            session.getConsole().println("Error: unknown locality \"" + locality + "\"; use one of " + LOCALITIES);
            return null;
        }
        final FlowtunState state = FlowtunState.read(dataBroker);
        final List<String> nodes = node == null ? null : state.resolveNode(node);
        if (nodes != null && nodes.isEmpty()) {
            session.getConsole().println("Error: no node or chassis \"" + node + "\" (see flowtun:nodes)");
            return null;
        }
        final String wanted = locality == null ? null : locality.toLowerCase(Locale.ROOT);
        final ShellTable table = new ShellTable();
        table.column("Lport");
        table.column("Network");
        table.column("Key").alignRight();
        table.column("Node");
        table.column("Chassis");
        table.column("Locality");
        int rows = 0;
        for (Lport lport : state.lports().values()) {
            final String lportNetwork = lport.getNetwork() == null ? "-" : lport.getNetwork().getValue();
            if (network != null && !network.equals(lportNetwork)) {
                continue;
            }
            final LportState lportState = state.lportStates().get(lport.getId().getValue());
            final String key = lportState == null || lportState.getTunnelKey() == null ? "-"
                : lportState.getTunnelKey().toString();
            boolean any = false;
            for (Locality entry : FlowtunState.values(lportState == null ? null : lportState.getLocality())) {
                any = true;
                final String where = entry.getLocality() == null ? "-" : entry.getLocality().getName();
                if ((nodes == null || nodes.contains(entry.getNodeId())) && (wanted == null || wanted.equals(where))) {
                    table.addRow().addContent(lport.getId().getValue(), lportNetwork, key, entry.getNodeId(),
                        state.chassisOf(entry.getNodeId()), where);
                    rows++;
                }
            }
            if (!any && nodes == null && (wanted == null || "none".equals(wanted))) {
                table.addRow().addContent(lport.getId().getValue(), lportNetwork, key, "-", "-", "-");
                rows++;
            }
        }
        if (rows == 0) {
            session.getConsole().println("No lport matches");
            return null;
        }
        table.print(session.getConsole());
        return null;
    }
}
