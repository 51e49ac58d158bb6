/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The flowtun Karaf shell commands, run through a real Karaf shell session against a real OVS node: nodes,
 * lports (with filters), the expected-versus-switch flow view (a flow deleted behind flowtun's back shows as
 * missing), the configuration in force; and live configuration changes through ConfigAdmin (as
 * config:property-set and file edits make them), valid (applied: a tunnel port goes) and invalid (rejected with
 * a log line naming the value; the previous configuration stays).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT extends FlowtunPaxExamTest {
    private static final String IP = "10.99.10.1";
    /** The controller target the tests configure (FlowtunKaraf). */
    private static final String TARGET = "tcp:127.0.0.1:6653";

    @Inject
    @Filter(timeout = 300_000)
    private SessionFactory sessionFactory;

    @Inject
    private ConfigurationAdmin configAdmin;

    private OvsNode node;
    private String nodeId;

    @Before
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void startNode() throws Exception {
        // the flowtun commands are registered once the cli bundle is up
        Await.until(Overlay.TIMEOUT, () -> {
            try {
                return shell("flowtun:config").contains("tunnel-types") ? null : "flowtun:config not ready";
            } catch (Exception e) {
                return "flowtun:config: " + e;
            }
        });
        node = node("sa", "chassis-sa", IP);
        nodeId = TunnelPortChecks.nodeId(node);
    }

    @After
    public void restoreConfiguration() throws Exception {
        setFlowtunProperty("tunnel-types", "vxlan,gre,geneve");
        setFlowtunProperty("controller-target", TARGET);
    }

    @Test
    public void nodesLportsFlowsAndConfigAsAlignedTables() throws Exception {
        overlay.network("net-c", "vxlan", 950);
        overlay.boundPort("vm-c", "net-c", "chassis-sa", "fa:16:3e:00:09:50");
        final long vmPort = node.addVmPort("vmc", "vm-c");
        overlay.remotePort("far-c", "net-c", "192.0.2.95");
        overlay.port("loose-c", "net-c", "");
        LocalityEvents.awaitLocalities(restconf, "vm-c", Map.of(nodeId, "local"));
        LocalityEvents.awaitLocalities(restconf, "far-c", Map.of(nodeId, "remote"));

        final String nodes = shell("flowtun:nodes");
        final List<String> nodeRow = row(nodes, nodeId);
        assertEquals(nodes, List.of(nodeId, "chassis-sa", IP), nodeRow.subList(0, 3));
        assertTrue(nodes, nodeRow.get(3).startsWith("openflow:"));
        final List<String> ports = List.of(nodeRow.get(4).split(" "));
        assertTrue(nodes, ports.contains("vxlan:" + node.ofport("vxlan-tunnel-port")));
        assertTrue(nodes, ports.contains("gre:" + node.ofport("gre-tunnel-port")));
        assertTrue(nodes, ports.contains("geneve:" + node.ofport("geneve-tunnel-port")));
        assertAligned(nodes);

        final String lports = shell("flowtun:lports");
        assertEquals(lports, List.of("vm-c", "net-c", String.valueOf(overlay.lportKey("vm-c")), nodeId, "chassis-sa",
            "local"), row(lports, "vm-c"));
        assertEquals(lports, "remote", last(row(lports, "far-c")));
        assertEquals(lports, List.of("loose-c", "net-c", String.valueOf(overlay.lportKey("loose-c")), "-", "-", "-"),
            row(lports, "loose-c"));
        assertAligned(lports);
        final String remoteOnly = shell("flowtun:lports --locality remote --node chassis-sa --network net-c");
        assertTrue(remoteOnly, remoteOnly.contains("far-c"));
        assertFalse(remoteOnly, remoteOnly.contains("vm-c"));
        assertFalse(remoteOnly, remoteOnly.contains("loose-c"));
        final String none = shell("flowtun:lports --locality none");
        assertTrue(none, none.contains("loose-c") && !none.contains("far-c"));
        assertEquals("Error: unknown locality \"nearby\"; use one of [local, remote, distributed, none]",
            shell("flowtun:lports --locality nearby").trim());
        assertEquals("Error: no node or chassis \"nowhere\" (see flowtun:nodes)",
            shell("flowtun:lports --node nowhere").trim());

        // Every expected flow is on the switch...
        final String flows = shell("flowtun:flows chassis-sa");
        final String classification = "in_port=" + vmPort + " actions=";
        assertTrue(flows, flows.contains(" 0 missing"));
        assertFalse(flows, flows.contains("MISSING"));
        assertEquals(flows, "lport:vm-c", ownerOf(flows, classification));
        assertAligned(flows.substring(0, flows.lastIndexOf('\n', flows.length() - 2)));

        // ...until the switch refuses one (table 0 full): the view names it, and who it is for. (A flow deleted
        // behind flowtun's back is back within a second: SwitchFaultsIT.)
        final long tableZero = Long.parseLong(node.ofctl("dump-aggregate", "table=0")
            .replaceAll("(?s).*flow_count=(\\d+).*", "$1"));
        node.vsctl("--", "--id=@ft", "create", "Flow_Table", "flow_limit=" + tableZero, "overflow_policy=refuse",
            "--", "set", "Bridge", "br-int", "flow_tables:0=@ft");
        overlay.boundPort("vm-d", "net-c", "chassis-sa", "fa:16:3e:00:09:51");
        final long fullPort = node.addVmPort("vmd", "vm-d");
        final String refused = "in_port=" + fullPort + " actions=";
        // (the other flows the new port changes, its network's flood group among them, land meanwhile)
        Await.until(Overlay.TIMEOUT, () -> {
            final String view = shell("flowtun:flows --missing chassis-sa");
            return view.contains(refused) && view.contains(" 1 missing") ? null
                : "the refused flow is not shown as the one missing: " + view;
        });
        final String missing = shell("flowtun:flows --missing chassis-sa");
        assertTrue(missing, missing.contains("1 missing"));
        final List<String> missingRows = Arrays.stream(missing.split("\n")).filter(line -> line.contains("MISSING"))
            .collect(Collectors.toList());
        assertEquals(missing, 1, missingRows.size());
        assertTrue(missing, missingRows.get(0).contains(refused) && missingRows.get(0).contains("lport:vm-d"));
        // room again: flowtun's retry puts it in
        node.vsctl("clear", "Bridge", "br-int", "flow_tables");
        Await.until(Overlay.TIMEOUT, () -> shell("flowtun:flows chassis-sa").contains(" 0 missing") ? null
            : "the refused flow is still missing");
        assertEquals("Error: no node or chassis \"nowhere\" (see flowtun:nodes)",
            shell("flowtun:flows nowhere").trim());

        final String config = shell("flowtun:config");
        assertEquals(config, List.of("tunnel-types", "vxlan,gre,geneve"), row(config, "tunnel-types"));
        assertEquals(config, List.of("datapath-type", "netdev"), row(config, "datapath-type"));
        assertEquals(config, List.of("flow-audit-interval", "10 s"), row(config, "flow-audit-interval"));
        assertEquals(config, List.of("flow-refresh-interval", "300 s"), row(config, "flow-refresh-interval"));
        assertEquals(config, List.of("integration-bridge", "br-int"), row(config, "integration-bridge"));
        assertAligned(config.substring(0, config.lastIndexOf("PID")));
    }

    @Test
    public void liveConfigurationIsValidatedAndAppliedWithoutARestart() throws Exception {
        final long logStart = Files.size(karafLog());
        setFlowtunProperty("tunnel-types", "vxlan,bogus");
        Await.until(Overlay.TIMEOUT, () -> newLog(logStart).contains("Rejected org.flowtun configuration: "
            + "tunnel-types: unknown tunnel type \"bogus\"") ? null : "no rejection logged: " + newLog(logStart));
        assertEquals(List.of("tunnel-types", "vxlan,gre,geneve"), row(shell("flowtun:config"), "tunnel-types"));
        TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, IP);

        setFlowtunProperty("tunnel-types", "vxlan,gre,geneve");
        setFlowtunProperty("datapath-type", "warp");
        Await.until(Overlay.TIMEOUT, () -> newLog(logStart).contains("datapath-type: \"warp\" must be system or "
            + "netdev") ? null : "no rejection logged");
        assertEquals(List.of("datapath-type", "netdev"), row(shell("flowtun:config"), "datapath-type"));
        assertFalse(newLog(logStart), newLog(logStart).contains("at org.flowtun"));

        setFlowtunProperty("datapath-type", "netdev");
        // A valid change takes effect at once: geneve goes from the configuration and from the node.
        setFlowtunProperty("tunnel-types", "vxlan,gre");
        Await.until(Overlay.TIMEOUT, () -> row(shell("flowtun:config"), "tunnel-types")
            .equals(List.of("tunnel-types", "vxlan,gre")) ? null : "tunnel-types not applied");
        TunnelPortChecks.awaitTunnelPorts(node, List.of("vxlan", "gre"), IP);
        assertTrue(newLog(logStart).contains("flowtun configuration now in force"));

        // A controller target with a bad address or port: one ERROR line naming key and value, the target in
        // force stays.
        for (String bad : List.of("tcp:999.1.1.1:6653", "tcp:127.0.0.1:70000")) {
            setFlowtunProperty("controller-target", bad);
            final String line = "Rejected org.flowtun configuration: controller-target: \"" + bad + "\"";
            Await.until(Overlay.TIMEOUT, () -> newLog(logStart).contains(line) ? null : "no rejection of " + bad);
            assertEquals(1, Arrays.stream(newLog(logStart).split("\n"))
                .filter(entry -> entry.contains("| ERROR |") && entry.contains(line)).count());
        }
        assertEquals(List.of("controller-target", TARGET), row(shell("flowtun:config"), "controller-target"));
        assertEquals(List.of(TARGET), controllers());
        // br-int is flowtun's: another controller is removed, a new target replaces the old one, and back.
        node.vsctl("--", "--id=@c", "create", "Controller", "target=\"tcp:192.0.2.7:6653\"", "--", "add", "Bridge",
            "br-int", "controller", "@c");
        Await.until(Overlay.TIMEOUT, () -> controllers().equals(List.of(TARGET)) ? null
            : "controllers of br-int: " + controllers());
        setFlowtunProperty("controller-target", "tcp:127.0.0.2:6653");
        Await.until(Overlay.TIMEOUT, () -> controllers().equals(List.of("tcp:127.0.0.2:6653")) ? null
            : "controllers of br-int: " + controllers());
        setFlowtunProperty("controller-target", TARGET);
        Await.until(Overlay.TIMEOUT, () -> controllers().equals(List.of(TARGET)) ? null
            : "controllers of br-int: " + controllers());
        TunnelPortChecks.awaitConnected(node);
    }

    /** The targets of br-int's controllers, sorted. */
    private List<String> controllers() throws Exception {
        return Arrays.stream(node.vsctl("get-controller", "br-int").split("\n")).map(String::trim)
            .filter(target -> !target.isEmpty()).sorted().collect(Collectors.toList());
    }

    /** What config:property-set and an edit of etc/org.flowtun.cfg do: update the PID through ConfigAdmin. */
    private void setFlowtunProperty(final String key, final String value) throws Exception {
        final org.osgi.service.cm.Configuration configuration = configAdmin.getConfiguration("org.flowtun", null);
        final Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>()
            : configuration.getProperties();
        properties.put(key, value);
        configuration.update(properties);
    }

    private String shell(final String command) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            session.execute(command);
        } finally {
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The cells of the first table row containing {@code text} (columns are separated by " | "). */
    private static List<String> row(final String table, final String text) {
        for (String line : table.split("\n")) {
            if (line.contains(text) && line.contains("|")) {
                final List<String> cells = new ArrayList<>();
                Arrays.stream(line.split("\\|")).map(String::trim).forEach(cells::add);
                return cells;
            }
        }
        return List.of();
    }

    private static String last(final List<String> cells) {
        return cells.isEmpty() ? null : cells.get(cells.size() - 1);
    }

    private static String ownerOf(final String table, final String text) {
        final List<String> cells = row(table, text);
        return cells.size() < 2 ? null : cells.get(cells.size() - 2);
    }

    /** Every line of a table has its column separators at the same places. */
    private static void assertAligned(final String table) {
        final List<String> lines = Arrays.stream(table.split("\n")).filter(line -> line.contains("|"))
            .collect(Collectors.toList());
        assertTrue(table, lines.size() >= 2);
        final List<Integer> first = separators(lines.get(0));
        lines.forEach(line -> assertEquals(table, first, separators(line)));
    }

    private static List<Integer> separators(final String line) {
        final List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '|') {
                positions.add(i);
            }
        }
        return positions;
    }

    private static Path karafLog() {
        return Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
    }

    private static String newLog(final long from) throws Exception {
        final byte[] all = Files.readAllBytes(karafLog());
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
            StandardCharsets.UTF_8);
    }
}
