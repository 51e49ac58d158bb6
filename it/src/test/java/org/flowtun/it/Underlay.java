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
    private final String netns;
    private final String bridge;
    private int links;

    private Underlay(final String netns, final String bridge) {
        this.netns = netns;
        this.bridge = bridge;
    }

    static Underlay create() throws IOException {
        return onBridge(NETNS, "ul0");
    }

    /**
     * A physical network for provider networks: another Linux bridge in a namespace of its own, into which each
     * node's provider bridge has a veth as its NIC ({@link #attachProviderBridge}); frames cross it as on a switch,
     * VLAN tags included.
     */
    static Underlay physicalNetwork(final String name) throws IOException {
        return onBridge("ftit-" + name, name + "0");
    }

    private static Underlay onBridge(final String netns, final String bridge) throws IOException {
        removeNamespace(netns);
        Shell.run("ip", "netns", "add", netns);
        Shell.inNetns(netns, "ip", "link", "set", "lo", "up");
        Shell.inNetns(netns, "ip", "link", "add", bridge, "type", "bridge");
        Shell.inNetns(netns, "ip", "link", "set", bridge, "up");
        return new Underlay(netns, bridge);
    }

    /**
     * Gives the node a provider bridge (netdev, no controller: it switches as a plain bridge) whose NIC is a veth
     * into this physical network, as an operator connects a hypervisor's NIC.
     */
    void attachProviderBridge(final OvsNode node, final String providerBridge) throws IOException {
        final String link = link(node.netns(), "pnic-" + providerBridge.replace("br-", ""));
        node.vsctl("--may-exist", "add-br", providerBridge, "--", "set", "Bridge", providerBridge,
            "datapath_type=netdev");
        node.vsctl("--may-exist", "add-port", providerBridge, link);
        node.exec("ip", "link", "set", link, "up");
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
        final String host = "ftit-" + name;
        removeNamespace(host);
        Shell.run("ip", "netns", "add", host);
        hosts.add(host);
        Shell.inNetns(host, "ip", "link", "set", "lo", "up");
        final String link = link(host, "eth0");
        Shell.inNetns(host, "ip", "addr", "add", cidr, "dev", link);
        Shell.inNetns(host, "ip", "link", "set", link, "up");
        return host;
    }

    /** Packets the host's interface received. */
    static long rxPackets(final String netns) throws IOException {
        return Long.parseLong(Shell.inNetns(netns, "cat", "/sys/class/net/eth0/statistics/rx_packets").trim());
    }

    private String link(final String into, final String inside) throws IOException {
        final String outside = "ulp" + links++;
        Shell.run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", into);
        Shell.run("ip", "link", "set", outside, "netns", netns);
        Shell.inNetns(netns, "ip", "link", "set", outside, "master", bridge, "up");
        Shell.quietly("ip", "netns", "exec", into, "ethtool", "-K", inside, "tx", "off");
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
        for (String host : hosts) {
            removeNamespace(host);
        }
        removeNamespace(netns);
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
