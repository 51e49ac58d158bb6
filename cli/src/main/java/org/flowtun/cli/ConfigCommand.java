/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.cli;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.config.FlowtunConfigSource;

/**
 * {@code flowtun:config}: the configuration in force (etc/org.flowtun.cfg as last accepted; a rejected change
 * leaves the previous one in force).
 */
@Service
@Command(scope = "flowtun", name = "config", description = "Shows the configuration in force (etc/org.flowtun.cfg)")
public final class ConfigCommand implements Action {
    @Reference
    private FlowtunConfigSource configSource;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        final FlowtunConfig config = configSource.current().orElse(null);
        if (config == null) {
            session.getConsole().println("Error: no configuration in force yet (ConfigAdmin has not delivered "
                + FlowtunConfig.PID + ")");
            return null;
        }
        final ShellTable table = new ShellTable();
        table.column("Key");
        table.column("Value");
        final StringBuilder types = new StringBuilder();
        config.tunnelTypes().forEach(type -> types.append(types.length() == 0 ? "" : ",").append(type.yangName()));
        table.addRow().addContent(FlowtunConfig.TUNNEL_TYPES, types.toString());
        table.addRow().addContent(FlowtunConfig.INTEGRATION_BRIDGE, config.integrationBridge());
        table.addRow().addContent(FlowtunConfig.CONTROLLER_TARGET,
            config.controllerTarget().orElse("(default: tcp:<this controller>:6653)"));
        table.addRow().addContent(FlowtunConfig.DATAPATH_TYPE, config.datapathType());
        table.addRow().addContent(FlowtunConfig.FLOW_AUDIT_INTERVAL, seconds(config.flowAuditSeconds()));
        table.addRow().addContent(FlowtunConfig.FLOW_REFRESH_INTERVAL, seconds(config.flowRefreshSeconds()));
        table.print(session.getConsole());
        session.getConsole().println("PID " + FlowtunConfig.PID + "; change with config:property-set -p "
            + FlowtunConfig.PID + " <key> <value>, or edit etc/" + FlowtunConfig.PID + ".cfg");
        return null;
    }

    private static String seconds(final int seconds) {
        return seconds == 0 ? "0 (off)" : seconds + " s";
    }
}