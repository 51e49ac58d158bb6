/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Open vSwitch node for tests (Debian's openvswitch-switch, userspace datapath): its own ovsdb-server
 * (in the root namespace, so the controller reaches it on loopback) and its own ovs-vswitchd inside a
 * network namespace the test creates. Everything lives in a private run directory; {@link #close()} stops
 * both daemons by PID and deletes the namespace.
 */
final class OvsNode implements AutoCloseable {
    private final String name;
    private final String netns;
    private final Path dir;
    private final List<Process> relays = new ArrayList<>();

    private OvsNode(final String name, final Path dir) {
        this.name = name;
        this.netns = "ftit-" + name;
        this.dir = dir;
    }

    /**
     * Starts a node with the given chassis id and tunnel IP, and connects its OVSDB to the controller
     * (a Manager {@code tcp:127.0.0.1:6640} retried every second at most, as the README recommends).
     */
    static OvsNode start(final String name, final String systemId, final String localIp) throws IOException {
        final Path dir = Files.createTempDirectory("ftovs-" + name + "-");
        final OvsNode node = new OvsNode(name, dir);
        node.removeStaleNamespace();
        node.run("ip", "netns", "add", node.netns);
        node.run("ip", "netns", "exec", node.netns, "ip", "link", "set", "lo", "up");
        node.run("ovsdb-tool", "create", dir.resolve("conf.db").toString(),
            "/usr/share/openvswitch/vswitch.ovsschema");
        node.startOvsdbServer();
        node.vsctl("--no-wait", "init");
        node.vsctl("--no-wait", "set", "Open_vSwitch", ".", "external_ids:system-id=" + systemId,
            "other_config:local_ip=" + localIp);
        node.startVswitchd();
        node.startOpenFlowRelay();
        node.vsctl("--", "--id=@manager", "create", "Manager", "target=\"tcp:127.0.0.1:6640\"", "max_backoff=1000",
            "--", "set", "Open_vSwitch", ".", "manager_options=@manager");
        return node;
    }

    /** A namespace of this name left by an interrupted run: stop what still runs in it, then delete it. */
    private void removeStaleNamespace() throws IOException {
        if (!new File("/run/netns/" + netns).exists()) {
            return;
        }
        for (String pid : run("ip", "netns", "pids", netns).split("\\s+")) {
            if (!pid.isBlank()) {
                runQuietly("kill", pid.trim());
            }
        }
        runQuietly("ip", "netns", "del", netns);
    }

    String name() {
        return name;
    }

    /** The node's private run directory (database, sockets, logs). */
    Path dir() {
        return dir;
    }

    /** The node's network namespace (where its ovs-vswitchd runs). */
    String netns() {
        return netns;
    }

    /** Runs a command inside the node's namespace and returns its output. */
    String exec(final String... command) throws IOException {
        final List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        line.addAll(Arrays.asList(command));
        return run(line.toArray(new String[0]));
    }

    void startOvsdbServer() throws IOException {
        run("ovsdb-server", dir.resolve("conf.db").toString(), "--remote=punix:" + dir.resolve("db.sock"),
            "--remote=db:Open_vSwitch,Open_vSwitch,manager_options", "--pidfile=" + dir.resolve("ovsdb-server.pid"),
            "--detach", "--log-file=" + dir.resolve("ovsdb-server.log"),
            "--unixctl=" + dir.resolve("ovsdb-server.ctl"));
    }

    void startVswitchd() throws IOException {
        run("ip", "netns", "exec", netns, "ovs-vswitchd", "unix:" + dir.resolve("db.sock"),
            "--pidfile=" + dir.resolve("ovs-vswitchd.pid"), "--detach",
            "--log-file=" + dir.resolve("ovs-vswitchd.log"), "--unixctl=" + dir.resolve("ovs-vswitchd.ctl"));
    }

    /**
     * Lets the node's bridges reach the controller's OpenFlow port as {@code tcp:127.0.0.1:6653} (the
     * controller-target the tests configure): inside the namespace 127.0.0.1 is the namespace's own loopback,
     * so a socat there relays to a unix socket in the node's directory, and one in the root namespace relays
     * that to the controller. Stopped with the node, or by {@link #stopOpenFlowRelay()}.
     */
    void startOpenFlowRelay() throws IOException {
        final String socket = dir.resolve("of.sock").toString();
        Files.deleteIfExists(Path.of(socket));
        relays.add(new ProcessBuilder("socat", "UNIX-LISTEN:" + socket + ",fork", "TCP:127.0.0.1:6653")
            .redirectErrorStream(true).redirectOutput(dir.resolve("relay-root.log").toFile()).start());
        for (int i = 0; i < 50 && !new File(socket).exists(); i++) {
            sleep(20);
        }
        relays.add(new ProcessBuilder("ip", "netns", "exec", netns, "socat",
            "TCP-LISTEN:6653,bind=127.0.0.1,fork,reuseaddr", "UNIX-CONNECT:" + socket)
            .redirectErrorStream(true).redirectOutput(dir.resolve("relay-netns.log").toFile()).start());
    }

    /** Cuts the node's OpenFlow connection (the relays and their open connections end). */
    void stopOpenFlowRelay() {
        for (Process relay : relays) {
            relay.descendants().forEach(ProcessHandle::destroy);
            relay.destroy();
            try {
                relay.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        relays.clear();
    }

    /**
     * Plugs a "VM" port into br-int: a veth inside the node's namespace whose OVS Interface carries
     * {@code external_ids:iface-id=<lportId>}. Returns its ofport once OVS has given it one.
     */
    long addVmPort(final String port, final String lportId) throws IOException {
        run("ip", "netns", "exec", netns, "ip", "link", "add", port, "type", "veth", "peer", "name", port + "p");
        run("ip", "netns", "exec", netns, "ip", "link", "set", port, "up");
        vsctl("add-port", "br-int", port, "--", "set", "Interface", port, "external_ids:iface-id=" + lportId);
        return ofport(port);
    }

    /** The ofport OVS gave an interface (waits until it has one). */
    long ofport(final String iface) throws IOException {
        for (int i = 0; i < 100; i++) {
            final String value = get("Interface", iface, "ofport");
            if (!value.isEmpty() && !value.equals("[]") && Long.parseLong(value) > 0) {
                return Long.parseLong(value);
            }
            sleep(100);
        }
        throw new IOException(iface + " has no ofport");
    }

    /**
     * br-int's flow table as {@code ovs-ofctl -O OpenFlow13 dump-flows} shows it, without the counters and flags,
     * sorted: {@code cookie=0x..,table=75,priority=100,reg7=0x5 actions=...}.
     */
    List<String> flows() throws IOException {
        final List<String> flows = new ArrayList<>();
        for (String line : rawFlows()) {
            flows.add(line.replaceAll("(duration|n_packets|n_bytes|idle_age|hard_age)=[^,]*, ", "")
                .replace("send_flow_rem ", "").replace(", ", ","));
        }
        flows.sort(null);
        return flows;
    }

    /** br-int's groups as {@code ovs-ofctl -O OpenFlow13 dump-groups} prints them, sorted. */
    List<String> groups() throws IOException {
        return Overlay.groupLines(ofctl("dump-groups"));
    }

    /** br-int's flows as {@code ovs-ofctl -O OpenFlow13 dump-flows} prints them (counters and flags included). */
    List<String> rawFlows() throws IOException {
        final List<String> flows = new ArrayList<>();
        for (String line : ofctl("dump-flows").split("\n")) {
            if (line.contains("actions=")) {
                flows.add(line.trim());
            }
        }
        return flows;
    }

    /** Runs ovs-ofctl (OpenFlow 1.3) against br-int. */
    String ofctl(final String command, final String... args) throws IOException {
        final List<String> line = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13", command,
            "unix:" + dir.resolve("br-int.mgmt")));
        line.addAll(Arrays.asList(args));
        return run(line.toArray(new String[0]));
    }

    /** Starts watching br-int's {@code table}: every flow added, modified or deleted there from now on. */
    FlowMonitor monitor(final int table) throws IOException {
        return new FlowMonitor(command("ovs-ofctl", "-O", "OpenFlow13", "monitor", "unix:" + dir.resolve("br-int.mgmt"),
            "watch:!initial,table=" + table));
    }

    /** Adds the flows in {@code file} to a bridge of this node in one OpenFlow 1.4 bundle (all or nothing). */
    void bundleAddFlows(final String bridge, final Path file) throws IOException {
        run("ovs-ofctl", "-O", "OpenFlow14", "--bundle", "add-flows", "unix:" + dir.resolve(bridge + ".mgmt"),
            file.toString());
    }

    void stopVswitchd() throws IOException {
        stop("ovs-vswitchd.pid");
    }

    /** Kills ovs-vswitchd as a crash would ({@code kill -9}: no cleanup, its flows gone with it). */
    void killVswitchd() throws IOException {
        final File file = dir.resolve("ovs-vswitchd.pid").toFile();
        final String pid = Files.readString(file.toPath(), StandardCharsets.US_ASCII).trim();
        run("kill", "-9", pid);
        for (int i = 0; i < 100 && new File("/proc/" + pid).exists(); i++) {
            sleep(20);
        }
        Files.deleteIfExists(file.toPath());
    }

    void stopOvsdbServer() throws IOException {
        stop("ovsdb-server.pid");
    }

    /** Runs ovs-vsctl against this node's database and returns its output, trimmed. */
    String vsctl(final String... args) throws IOException {
        return vsctlWithin(10, args);
    }

    /** Runs ovs-vsctl, waiting up to {@code seconds} for ovs-vswitchd to apply the change (big changes take long). */
    String vsctlWithin(final int seconds, final String... args) throws IOException {
        final List<String> command = new ArrayList<>(List.of("ovs-vsctl", "--timeout=" + seconds,
            "--db=unix:" + dir.resolve("db.sock")));
        command.addAll(Arrays.asList(args));
        return run(command.toArray(new String[0])).trim();
    }

    /** The value of one column of one record, with OVS's quoting removed. */
    String get(final String table, final String record, final String column) throws IOException {
        return vsctl("--if-exists", "get", table, record, column).replace("\"", "");
    }

    @Override
    public void close() throws IOException {
        stopOpenFlowRelay();
        try {
            stop("ovs-vswitchd.pid");
            stop("ovsdb-server.pid");
        } finally {
            runQuietly("ip", "netns", "del", netns);
        }
    }

    private void stop(final String pidFile) throws IOException {
        final File file = dir.resolve(pidFile).toFile();
        if (!file.exists()) {
            return;
        }
        final String pid = Files.readString(file.toPath(), StandardCharsets.US_ASCII).trim();
        runQuietly("kill", pid);
        for (int i = 0; i < 50 && new File("/proc/" + pid).exists(); i++) {
            sleep(100);
        }
        Files.deleteIfExists(file.toPath());
    }

    /** An OVS command for this node: its run, database and log directories are the node's. */
    private ProcessBuilder command(final String... command) {
        final ProcessBuilder builder = new ProcessBuilder(command);
        final Map<String, String> env = builder.environment();
        env.put("OVS_RUNDIR", dir.toString());
        env.put("OVS_DBDIR", dir.toString());
        env.put("OVS_LOGDIR", dir.toString());
        return builder;
    }

    private String run(final String... command) throws IOException {
        final Process process = command(command).redirectErrorStream(true).start();
        final String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }

    private void runQuietly(final String... command) {
        try {
            run(command);
        } catch (IOException e) {
            // best effort during cleanup
        }
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
