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
 * The network of a cluster test: one network namespace per member, each with its own address on a Linux bridge in
 * the test's namespace, so that every member listens on the usual ports (8181, 6640, 6653, 2550, ...) at its own
 * address. The switches (in the test's namespace) reach every member through the bridge. Only these namespaces'
 * addresses are ever sent traffic. Closing deletes the namespaces and the bridge.
 */
final class ClusterNetwork implements AutoCloseable {
    private static final String BRIDGE = "ftcl-br";
    private static final String PREFIX = "10.98.0.";

    private final List<String> addresses = new ArrayList<>();

    private ClusterNetwork() {
    }

    /** A bridge with 10.98.0.254 and {@code members} namespaces: ftcl-mN with address 10.98.0.N. */
    static ClusterNetwork create(final int members) throws IOException {
        final ClusterNetwork network = new ClusterNetwork();
        network.remove(members);
        Shell.run("ip", "link", "add", BRIDGE, "type", "bridge");
        Shell.run("ip", "addr", "add", PREFIX + "254/24", "dev", BRIDGE);
        Shell.run("ip", "link", "set", BRIDGE, "up");
        for (int i = 1; i <= members; i++) {
            final String netns = namespace(i);
            Shell.run("ip", "netns", "add", netns);
            Shell.run("ip", "link", "add", "ftcl-v" + i, "type", "veth", "peer", "name", "eth0", "netns", netns);
            Shell.run("ip", "link", "set", "ftcl-v" + i, "master", BRIDGE, "up");
            Shell.inNetns(netns, "ip", "addr", "add", PREFIX + i + "/24", "dev", "eth0");
            Shell.inNetns(netns, "ip", "link", "set", "eth0", "up");
            Shell.inNetns(netns, "ip", "link", "set", "lo", "up");
            network.addresses.add(PREFIX + i);
        }
        return network;
    }

    static String namespace(final int member) {
        return "ftcl-m" + member;
    }

    /** The members' addresses, member 1 first. */
    List<String> addresses() {
        return List.copyOf(addresses);
    }

    String address(final int member) {
        return addresses.get(member - 1);
    }

    /** What an interrupted run left: its namespaces (and whatever still runs in them) and the bridge. */
    private void remove(final int members) {
        for (int i = 1; i <= members; i++) {
            final String netns = namespace(i);
            if (new File("/run/netns/" + netns).exists()) {
                try {
                    for (String pid : Shell.run("ip", "netns", "pids", netns).split("\\s+")) {
                        if (!pid.isBlank()) {
                            Shell.quietly("kill", "-9", pid.trim());
                        }
                    }
                } catch (IOException e) {
                    // nothing runs there
                }
                Shell.quietly("ip", "netns", "del", netns);
            }
            Shell.quietly("ip", "link", "del", "ftcl-v" + i);
        }
        Shell.quietly("ip", "link", "del", BRIDGE);
    }

    @Override
    public void close() {
        remove(addresses.size());
    }
}
