/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.cli;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.locality.FlowDiagnostics;
import org.flowtun.locality.FlowDiagnostics.Report;
import org.flowtun.locality.FlowDiagnostics.Row;
import org.flowtun.locality.FlowDiagnostics.Status;
import org.flowtun.locality.NotRunningHereException;
import org.opendaylight.mdsal.binding.api.DataBroker;

/**
 * {@code flowtun:flows <node>}: the flows flowtun expects on a node, who wants each (an lport, a network), and
 * whether the switch has it, read from the switch now: the "why is my port not reachable" view.
 */
@Service
@Command(scope = "flowtun", name = "flows", description = "Shows the flows flowtun expects on a node and whether "
    + "its switch has them")
public final class FlowsCommand implements Action {
    @Argument(index = 0, name = "node", required = true, description = "Node id or chassis id (see flowtun:nodes)")
    private String node;

    @Option(name = "-m", aliases = "--missing", description = "Only the flows the switch does not have")
    private boolean missingOnly;

    @Option(name = "-o", aliases = "--owner", description = "Only the flows of this owner, e.g. lport:vm-1")
    private String owner;

    @Reference
    private DataBroker dataBroker;

    @Reference
    private FlowDiagnostics diagnostics;

    @Reference
    private Session session;

    @Override
    public Object execute() throws Exception {
        final FlowtunState state = FlowtunState.read(dataBroker);
        final List<String> nodes = state.resolveNode(node);
        if (nodes.size() != 1) {
            session.getConsole().println(nodes.isEmpty() ? "Error: no node or chassis \"" + node
                + "\" (see flowtun:nodes)" : "Error: chassis \"" + node + "\" has several nodes " + nodes
                + "; give a node id");
            return null;
        }
        final Report report;
        try {
            report = diagnostics.check(nodes.get(0)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotRunningHereException) {
                session.getConsole().println("Error: the flows are known on " + state.jobsOwner()
                    + ", which runs flowtun's jobs; run flowtun:flows there");
                return null;
            }
            throw e;
        }
        final ShellTable table = new ShellTable();
        table.column("Table").alignRight();
        table.column("Priority").alignRight();
        table.column("Flow");
        table.column("Owner");
        table.column("On switch");
        int installed = 0;
        int missing = 0;
        for (Row row : report.rows()) {
            if (row.status() == Status.INSTALLED) {
                installed++;
            } else if (row.status() == Status.MISSING) {
                missing++;
            }
            if (missingOnly && row.status() == Status.INSTALLED || owner != null && !owner.equals(row.owner())) {
                continue;
            }
            final FlowSpec flow = row.flow();
            table.addRow().addContent(flow.table(), flow.priority(), (flow.matchFields().isEmpty() ? ""
                : flow.matchFields() + " ") + "actions=" + flow.instructions(), row.owner(),
                row.status() == Status.INSTALLED ? "yes" : row.status() == Status.MISSING ? "MISSING"
                    : "not connected");
        }
        table.print(session.getConsole());
        session.getConsole().println(report.openflowNodeId() == null
            ? report.rows().size() + " flows expected; the switch is not connected over OpenFlow, nothing checked"
            : report.rows().size() + " flows expected on " + report.openflowNodeId() + ": " + installed
                + " on the switch, " + missing + " missing; " + report.unexpected()
                + " flowtun flows on the switch that nothing wants");
        return null;
    }
}
