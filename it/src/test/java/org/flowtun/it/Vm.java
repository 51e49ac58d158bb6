/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A "VM" on an OVS node: a namespace whose eth0 (MAC, IP, overlay MTU 1400) is a veth into the node's br-int,
 * where its OVS interface carries {@code external_ids:iface-id=<lport>}.
 */
final class Vm implements AutoCloseable {
    /** The overlay MTU: 1500 on the underlay minus room for the largest encapsulation (see the README). */
    static final String MTU = "1400";

    private final OvsNode node;
    private final String netns;
    private final String tap;

    private Vm(final OvsNode node, final String netns, final String tap) {
        this.node = node;
        this.netns = netns;
        this.tap = tap;
    }

    static Vm plug(final OvsNode node, final String name, final String lportId, final String mac,
            final String cidr) throws IOException {
        final String netns = "ftit-vm-" + name;
        final String tap = "tap-" + name;
        Underlay.removeNamespace(netns);
        Shell.run("ip", "netns", "add", netns);
        final Vm vm = new Vm(node, netns, tap);
        Shell.inNetns(netns, "ip", "link", "set", "lo", "up");
        Shell.run("ip", "link", "add", tap, "type", "veth", "peer", "name", "eth0", "netns", netns);
        Shell.run("ip", "link", "set", tap, "netns", node.netns());
        Shell.inNetns(netns, "ip", "link", "set", "eth0", "address", mac, "mtu", MTU, "up");
        Shell.inNetns(netns, "ip", "addr", "add", cidr, "dev", "eth0");
        Shell.quietly("ip", "netns", "exec", netns, "ethtool", "-K", "eth0", "tx", "off");
        Shell.quietly("ip", "netns", "exec", node.netns(), "ethtool", "-K", tap, "tx", "off");
        node.exec("ip", "link", "set", tap, "mtu", MTU, "up");
        node.vsctl("add-port", "br-int", tap, "--", "set", "Interface", tap, "external_ids:iface-id=" + lportId);
        return vm;
    }

    /**
     * An lport bound to {@code chassis} over RESTCONF, and a VM plugged into the node for it; closed with
     * {@code resources}.
     */
    static Vm bound(final List<AutoCloseable> resources, final Overlay overlay, final OvsNode node, final String name,
            final String network, final String chassis, final String mac, final String ip) throws IOException {
        overlay.boundPort(name, network, chassis, mac);
        final Vm vm = plug(node, name, name, mac, ip + "/24");
        resources.add(vm);
        return vm;
    }

    /** Waits until {@code ip} answers this VM's pings. */
    void awaitPing(final String ip, final Duration timeout) throws Exception {
        Await.until(timeout, () -> ping(ip) ? null : netns + " cannot ping " + ip);
    }

    /** Plugs the VM's port into br-int again (after br-int was deleted and re-created), as Nova would. */
    void replug(final String lportId) throws IOException {
        node.vsctl("--may-exist", "add-port", "br-int", tap, "--", "set", "Interface", tap,
            "external_ids:iface-id=" + lportId);
    }

    String netns() {
        return netns;
    }

    /** Whether {@code ip} answers two pings from this VM. */
    boolean ping(final String ip) throws IOException {
        return Shell.exec("ip", "netns", "exec", netns, "ping", "-c", "2", "-W", "1", "-i", "0.2", ip).status == 0;
    }

    String run(final String... command) throws IOException {
        return Shell.inNetns(netns, command);
    }

    /** Sends {@code size} random bytes over TCP from one VM to another and checks every byte arrived. */
    static void transfer(final Vm client, final Vm server, final String serverIp, final int size)
            throws Exception {
        final Path dir = Files.createTempDirectory("fttcp");
        final Path sent = dir.resolve("sent");
        final Path received = dir.resolve("received");
        final byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        Files.write(sent, data);
        final Process listener = new ProcessBuilder("ip", "netns", "exec", server.netns(), "socat", "-u",
            "TCP-LISTEN:5001,reuseaddr", "CREATE:" + received).redirectErrorStream(true).start();
        try {
            Await.until(Duration.ofSeconds(10), () -> Shell.exec("ip", "netns", "exec", server.netns(), "ss",
                "-ltn").output.contains(":5001") ? null : "listener not up");
            final Shell.Result result = Shell.exec("ip", "netns", "exec", client.netns(), "timeout", "60", "socat",
                "-u", "OPEN:" + sent, "TCP:" + serverIp + ":5001");
            assertEquals(result.output, 0, result.status);
            assertTrue("listener done", listener.waitFor(30, TimeUnit.SECONDS));
            assertEquals(size, Files.size(received));
            assertTrue("received bytes differ", java.util.Arrays.equals(data, Files.readAllBytes(received)));
        } finally {
            listener.destroy();
            Files.deleteIfExists(sent);
            Files.deleteIfExists(received);
            Files.deleteIfExists(dir);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            node.vsctl("--if-exists", "del-port", "br-int", tap);
        } catch (IOException e) {
            // the node is gone already: so is its port
        }
        Underlay.removeNamespace(netns);
    }
}
