/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fleet of real Open vSwitch nodes on one machine, each connected to the controller over OVSDB and OpenFlow as a
 * hypervisor is: its own ovsdb-server and ovs-vswitchd (Debian's openvswitch-switch), in its own run directory.
 * The switches run OVS's dummy datapath ({@code --enable-dummy=override}): bridges, tunnel ports, VM ports and
 * OpenFlow tables behave as on a real bridge, but no tap device is created, so a hundred of them share the root
 * network namespace (and reach the controller on 127.0.0.1) at about 25 MB each. Packets do not cross them; the
 * traffic tests use {@link OvsNode} with the userspace datapath.
 *
 * <p>Each node gets {@code br-int} before it connects (secure, OpenFlow 1.3, its own datapath id, which the dummy
 * datapath would otherwise give every node alike); flowtun adopts it as it adopts any existing {@code br-int}.
 */
final class OvsFleet implements AutoCloseable {
    private static final Pattern FLOW_COUNT = Pattern.compile("flow_count=(\\d+)");
    private static final Pattern DURATION = Pattern.compile("duration=([0-9.]+)s");
    /** ovs-ofctl's selection of flowtun's flows, by cookie. */
    private static final String FLOWTUN_COOKIES = "cookie=0xf700000000000000/0xff00000000000000";

    /** One node of the fleet. */
    static final class Node {
        final int index;
        final String systemId;
        final String localIp;
        final Path dir;

        Node(final int index, final String systemId, final String localIp, final Path dir) {
            this.index = index;
            this.systemId = systemId;
            this.localIp = localIp;
            this.dir = dir;
        }

        /** Runs ovs-vsctl against this node's database. */
        String vsctl(final String... args) throws IOException {
            final List<String> line = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + dir.resolve("db.sock"),
                "--timeout=30"));
            line.addAll(Arrays.asList(args));
            return run(dir, line);
        }

        /** Runs ovs-ofctl (OpenFlow 1.3) against this node's br-int. */
        String ofctl(final String command, final String... args) throws IOException {
            final List<String> line = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13", command,
                "unix:" + dir.resolve("br-int.mgmt")));
            line.addAll(Arrays.asList(args));
            return run(dir, line);
        }

        /** The number of flows in br-int whose cookie says flowtun put them there. */
        int flowtunFlowCount() throws IOException {
            final Matcher matcher = FLOW_COUNT.matcher(ofctl("dump-aggregate",
                FLOWTUN_COOKIES));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
        }

        /** br-int's flowtun flows as {@link OvsNode#flows()} shows them. */
        List<String> flows() throws IOException {
            final List<String> flows = new ArrayList<>();
            for (String line : ofctl("dump-flows", FLOWTUN_COOKIES).split("\n")) {
                if (line.contains("actions=")) {
                    flows.add(line.trim().replaceAll("(duration|n_packets|n_bytes|idle_age|hard_age)=[^,]*, ", "")
                        .replace("send_flow_rem ", "").replace(", ", ","));
                }
            }
            flows.sort(null);
            return flows;
        }

        /** How long each of br-int's flowtun flows has been on the switch, in seconds (a flow replaced starts at 0). */
        List<Double> flowtunFlowAges() throws IOException {
            final List<Double> ages = new ArrayList<>();
            for (String line : ofctl("dump-flows", FLOWTUN_COOKIES).split("\n")) {
                final Matcher matcher = DURATION.matcher(line);
                if (line.contains("actions=") && matcher.find()) {
                    ages.add(Double.parseDouble(matcher.group(1)));
                }
            }
            return ages;
        }

        /** br-int's groups as {@code ovs-ofctl -O OpenFlow13 dump-groups} prints them. */
        List<String> groups() throws IOException {
            return Overlay.groupLines(ofctl("dump-groups"));
        }

        /**
         * Plugs VMs into br-int in one transaction: an internal interface per lport, named after the lport, with
         * {@code external_ids:iface-id=<lport>} (as Nova plugs them).
         */
        void plug(final List<String> lports) throws IOException {
            if (lports.isEmpty()) {
                return;
            }
            final List<String> args = new ArrayList<>();
            for (String lport : lports) {
                final String port = portName(lport);
                args.addAll(List.of("--", "--may-exist", "add-port", "br-int", port, "--", "set", "Interface", port,
                    "type=internal", "external_ids:iface-id=" + lport));
            }
            vsctl(args.toArray(new String[0]));
        }

        /** The OpenFlow port of the VM port of {@code lport} (see {@link #plug}). */
        long ofport(final String lport) throws IOException {
            return Long.parseLong(vsctl("get", "Interface", portName(lport), "ofport").trim());
        }

        /** The OpenFlow port of an interface of br-int. */
        long interfaceOfport(final String iface) throws IOException {
            return Long.parseLong(vsctl("get", "Interface", iface, "ofport").trim());
        }

        void unplug(final String lport) throws IOException {
            vsctl("--if-exists", "del-port", "br-int", portName(lport));
        }

        /** Starts watching br-int's {@code table}: every flow added, modified or deleted there from now on. */
        FlowMonitor monitor(final int table) throws IOException {
            final ProcessBuilder command = new ProcessBuilder("ovs-ofctl", "-O", "OpenFlow13", "monitor",
                "unix:" + dir.resolve("br-int.mgmt"), "watch:!initial,table=" + table);
            command.environment().put("OVS_RUNDIR", dir.toString());
            return new FlowMonitor(command);
        }

        /** Whether both OVSDB manager and br-int's OpenFlow controller report a connection. */
        boolean connected() throws IOException {
            return vsctl("--columns=is_connected", "list", "Controller").contains("true")
                && vsctl("--columns=is_connected", "list", "Manager").contains("true");
        }

        /** An interface name from an lport id (at most 15 characters, as a Linux device would need). */
        private static String portName(final String lport) {
            final String name = "t" + Integer.toHexString(lport.hashCode());
            return name.length() > 15 ? name.substring(0, 15) : name;
        }
    }

    private final List<Node> nodes;

    private OvsFleet(final List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts {@code size} nodes under {@code dir}: node i has chassis {@code <prefix>-i}, tunnel IP
     * {@code 10.100.i/256.i%256} and datapath id i, and retries the controller ({@code tcp:127.0.0.1:6640})
     * every second at most, as the README recommends.
     */
    static OvsFleet start(final Path dir, final int size, final String prefix) throws IOException {
        Files.createDirectories(dir);
        final List<Node> nodes = new ArrayList<>();
        final OvsFleet fleet = new OvsFleet(nodes);
        try {
            for (int i = 1; i <= size; i++) {
                final Path nodeDir = dir.resolve(prefix + "-" + i);
                Files.createDirectories(nodeDir);
                Files.deleteIfExists(nodeDir.resolve("conf.db"));
                // the logs of an earlier run would be counted with this one's (FleetBenchmark's handshake timeouts)
                Files.deleteIfExists(nodeDir.resolve("ovsdb-server.log"));
                Files.deleteIfExists(nodeDir.resolve("ovs-vswitchd.log"));
                final Node node = new Node(i, prefix + "-" + i, localIp(i), nodeDir);
                run(nodeDir, List.of("ovsdb-tool", "create", nodeDir.resolve("conf.db").toString(),
                    "/usr/share/openvswitch/vswitch.ovsschema"));
                run(nodeDir, List.of("ovsdb-server", nodeDir.resolve("conf.db").toString(),
                    "--remote=punix:" + nodeDir.resolve("db.sock"),
                    "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
                    "--pidfile=" + nodeDir.resolve("ovsdb-server.pid"), "--detach",
                    "--log-file=" + nodeDir.resolve("ovsdb-server.log"),
                    "--unixctl=" + nodeDir.resolve("ovsdb-server.ctl")));
                nodes.add(node);
                node.vsctl("--no-wait", "init", "--", "set", "Open_vSwitch", ".",
                    "external_ids:system-id=" + node.systemId, "other_config:local_ip=" + node.localIp,
                    "--", "add-br", "br-int", "--", "set", "Bridge", "br-int", "fail_mode=secure",
                    "protocols=OpenFlow13", "datapath_type=netdev", "other-config:disable-in-band=true",
                    String.format(Locale.ROOT, "other-config:datapath-id=%016x", 0xF1EE70000000L + i));
                run(nodeDir, List.of("ovs-vswitchd", "--enable-dummy=override",
                    "unix:" + nodeDir.resolve("db.sock"), "--pidfile=" + nodeDir.resolve("ovs-vswitchd.pid"),
                    "--detach", "--log-file=" + nodeDir.resolve("ovs-vswitchd.log"),
                    "--unixctl=" + nodeDir.resolve("ovs-vswitchd.ctl")));
            }
        } catch (IOException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /** Points every node's OVSDB at the controller (the nodes then connect as soon as it listens). */
    void connect() throws IOException {
        connect(List.of("tcp:127.0.0.1:6640"));
    }

    /** Points every node's OVSDB at each of {@code targets} (every member of a cluster), as docs/cluster.md says. */
    void connect(final List<String> targets) throws IOException {
        for (Node node : nodes) {
            final List<String> args = new ArrayList<>();
            final List<String> ids = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                args.addAll(List.of("--", "--id=@m" + i, "create", "Manager", "target=\"" + targets.get(i) + "\"",
                    "max_backoff=1000"));
                ids.add("@m" + i);
            }
            args.addAll(List.of("--", "set", "Open_vSwitch", ".", "manager_options=" + String.join(",", ids)));
            node.vsctl(args.toArray(new String[0]));
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    /** The fleet's resident memory (ovsdb-server and ovs-vswitchd of every node), in MB. */
    long rssMegabytes() throws IOException {
        long kilobytes = 0;
        for (Node node : nodes) {
            for (String daemon : List.of("ovsdb-server.pid", "ovs-vswitchd.pid")) {
                final Path status = Path.of("/proc", pid(node.dir.resolve(daemon)), "status");
                if (Files.exists(status)) {
                    for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                        if (line.startsWith("VmRSS:")) {
                            kilobytes += Long.parseLong(line.replaceAll("\\D", ""));
                        }
                    }
                }
            }
        }
        return kilobytes / 1024;
    }

    /** Stops every daemon by its PID. */
    @Override
    public void close() {
        for (Node node : nodes) {
            for (String daemon : List.of("ovs-vswitchd.pid", "ovsdb-server.pid")) {
                final Path file = node.dir.resolve(daemon);
                try {
                    Shell.quietly("kill", pid(file));
                } catch (IOException e) {
                    // no pid file: the daemon never started
                }
            }
        }
    }

    static String localIp(final int index) {
        return "10.100." + index / 256 + "." + index % 256;
    }

    private static String pid(final Path pidFile) throws IOException {
        return Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
    }

    private static String run(final Path dir, final List<String> command) throws IOException {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        final Map<String, String> env = builder.environment();
        env.put("OVS_RUNDIR", dir.toString());
        env.put("OVS_DBDIR", dir.toString());
        env.put("OVS_LOGDIR", dir.toString());
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }
}
