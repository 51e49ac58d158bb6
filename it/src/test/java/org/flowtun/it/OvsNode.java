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

    private OvsNode(final String name, final Path dir) {
        this.name = name;
        this.netns = "ftit-" + name;
        this.dir = dir;
    }

    /**
     * Starts a node with the given chassis id and tunnel IP, and connects its OVSDB to the controller
     * ({@code set-manager tcp:127.0.0.1:6640}).
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
        node.vsctl("set-manager", "tcp:127.0.0.1:6640");
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

    void stopVswitchd() throws IOException {
        stop("ovs-vswitchd.pid");
    }

    void stopOvsdbServer() throws IOException {
        stop("ovsdb-server.pid");
    }

    /** Runs ovs-vsctl against this node's database and returns its output, trimmed. */
    String vsctl(final String... args) throws IOException {
        final List<String> command = new ArrayList<>(List.of("ovs-vsctl", "--timeout=10",
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

    private String run(final String... command) throws IOException {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        final Map<String, String> env = builder.environment();
        env.put("OVS_RUNDIR", dir.toString());
        env.put("OVS_DBDIR", dir.toString());
        env.put("OVS_LOGDIR", dir.toString());
        final Process process = builder.start();
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
