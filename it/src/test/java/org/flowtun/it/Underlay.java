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
import java.util.ArrayList;
import java.util.List;

/**
 * The underlay of a multi-node test: a Linux bridge in a namespace of its own, and per OVS node a veth
 * into it held by the node's {@code br-phy} (netdev), whose internal interface carries the node's tunnel IP;
 * userspace tunnelling finds its route and neighbours there. Addresses exist only inside the test's namespaces.
 */
final class Underlay implements AutoCloseable {
    private static final String NETNS = "ftit-ul";

    private final List<String> hosts = new ArrayList<>();
    private int links;

    private Underlay() {
    }

    static Underlay create() throws IOException {
        removeNamespace(NETNS);
        Shell.run("ip", "netns", "add", NETNS);
        Shell.inNetns(NETNS, "ip", "link", "set", "lo", "up");
        Shell.inNetns(NETNS, "ip", "link", "add", "ul0", "type", "bridge");
        Shell.inNetns(NETNS, "ip", "link", "set", "ul0", "up");
        return new Underlay();
    }

    /** Connects an OVS node: its br-phy holds a veth into the underlay and carries {@code cidr}. */
    void attach(final OvsNode node, final String cidr) throws IOException {
        final String link = link(node.netns(), "uplink");
        node.vsctl("--may-exist", "add-br", "br-phy", "--", "set", "Bridge", "br-phy", "datapath_type=netdev");
        node.vsctl("--may-exist", "add-port", "br-phy", link);
        node.exec("ip", "link", "set", link, "up");
        configure(node, cidr);
    }

    /**
     * Gives br-phy its address again (ovs-vswitchd re-creates br-phy's interface when it restarts, as a host's
     * network configuration would).
     */
    void configure(final OvsNode node, final String cidr) throws IOException {
        for (int i = 0; i < 100 && Shell.exec("ip", "netns", "exec", node.netns(), "ip", "link", "show", "br-phy")
                .status != 0; i++) {
            sleep(100);
        }
        Shell.exec("ip", "netns", "exec", node.netns(), "ip", "addr", "add", cidr, "dev", "br-phy");
        node.exec("ip", "link", "set", "br-phy", "up");
    }

    /** A plain host on the underlay (no OVS, no controller): "another cloud's" tunnel endpoint. */
    String host(final String name, final String cidr) throws IOException {
        final String netns = "ftit-" + name;
        removeNamespace(netns);
        Shell.run("ip", "netns", "add", netns);
        hosts.add(netns);
        Shell.inNetns(netns, "ip", "link", "set", "lo", "up");
        final String link = link(netns, "eth0");
        Shell.inNetns(netns, "ip", "addr", "add", cidr, "dev", link);
        Shell.inNetns(netns, "ip", "link", "set", link, "up");
        return netns;
    }

    /** Packets the host's interface received. */
    static long rxPackets(final String netns) throws IOException {
        return Long.parseLong(Shell.inNetns(netns, "cat", "/sys/class/net/eth0/statistics/rx_packets").trim());
    }

    private String link(final String netns, final String inside) throws IOException {
        final String outside = "ulp" + links++;
        Shell.run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", netns);
        Shell.run("ip", "link", "set", outside, "netns", NETNS);
        Shell.inNetns(NETNS, "ip", "link", "set", outside, "master", "ul0", "up");
        Shell.quietly("ip", "netns", "exec", netns, "ethtool", "-K", inside, "tx", "off");
        return inside;
    }

    static void removeNamespace(final String netns) throws IOException {
        if (new File("/run/netns/" + netns).exists()) {
            for (String pid : Shell.exec("ip", "netns", "pids", netns).output.split("\\s+")) {
                if (!pid.isBlank()) {
                    Shell.quietly("kill", pid.trim());
                }
            }
            Shell.quietly("ip", "netns", "del", netns);
        }
    }

    @Override
    public void close() throws IOException {
        for (String netns : hosts) {
            removeNamespace(netns);
        }
        removeNamespace(NETNS);
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
