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
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cluster of the flowtun distribution as a user deploys it: one copy per member, each configured with
 * bin/configure-cluster and started with bin/start, here each in its own network namespace with its own address
 * ({@link ClusterNetwork}). Closing resumes a paused member, stops every member by its PID and removes the network.
 */
final class KarafCluster implements AutoCloseable {
    static final Duration TAKEOVER = Duration.ofSeconds(90);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");
    /** What Karaf's launcher logs first in a new JVM (the same karaf.log goes on across restarts). */
    private static final String NEW_JVM = "org.apache.karaf.main.Main launch";
    private static final Pattern OWNER = Pattern.compile("\"owner\":\"member-(\\d+)\"");

    private final ClusterNetwork network;
    private final List<KarafProcess> members = new ArrayList<>();

    private KarafCluster(final ClusterNetwork network) {
        this.network = network;
    }

    /** Unpacks, configures and starts {@code size} members under {@code dir}; returns once every one is ready. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    static KarafCluster start(final int size, final Path dir) throws Exception {
        final KarafCluster cluster = new KarafCluster(ClusterNetwork.create(size));
        try {
            for (int i = 1; i <= size; i++) {
                final KarafProcess member = KarafProcess.unpack(dir.resolve("member-" + i).toAbsolutePath())
                    .inNamespace(ClusterNetwork.namespace(i));
                member.configureCluster(i, cluster.network.addresses());
                member.setFlowtunConfig("datapath-type", "netdev");
                cluster.members.add(member);
            }
            for (KarafProcess member : cluster.members) {
                member.start();
            }
            for (int i = 1; i <= size; i++) {
                cluster.restconf(i).awaitReady();
            }
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    int size() {
        return members.size();
    }

    KarafProcess member(final int index) {
        return members.get(index - 1);
    }

    String address(final int member) {
        return network.address(member);
    }

    /** An OVSDB manager target per member, as each node is pointed at the cluster. */
    List<String> managerTargets() {
        return network.addresses().stream().map(address -> "tcp:" + address + ":6640").collect(Collectors.toList());
    }

    Restconf restconf(final int member) {
        return new Restconf(network.address(member), 8181, Duration.ofSeconds(60));
    }

    /** The member that runs flowtun's jobs (not {@code not}), as a live member reads flowtun-cluster:jobs. */
    int awaitOwner(final int not) throws Exception {
        final int[] owner = new int[1];
        Await.until(TAKEOVER, () -> {
            for (int i = 1; i <= members.size(); i++) {
                if (i == not || !member(i).running()) {
                    continue;
                }
                final Restconf.Reply reply = new Restconf(network.address(i), 8181, Duration.ofSeconds(5))
                    .get("flowtun-cluster:jobs");
                final Matcher matcher = OWNER.matcher(reply.body == null ? "" : reply.body);
                if (reply.status == 200 && matcher.find() && Integer.parseInt(matcher.group(1)) != not) {
                    owner[0] = Integer.parseInt(matcher.group(1));
                    return null;
                }
            }
            return "no member (but member-" + not + ") runs flowtun's jobs yet";
        });
        return owner[0];
    }

    /**
     * The member whose replica of {@code shard} ({@code default-config}, {@code entity-ownership-operational}) leads,
     * by each live member's last role change in its log, or 0 when none does.
     */
    int shardLeader(final String shard) throws IOException {
        final Pattern roleChange = Pattern.compile("member-(\\d+)-shard-" + Pattern.quote(shard)
            + " , received role change from \\w+ to (\\w+)");
        for (int i = 1; i <= members.size(); i++) {
            if (!member(i).running()) {
                continue;
            }
            String role = null;
            for (String line : Files.readAllLines(member(i).log(), StandardCharsets.UTF_8)) {
                final Matcher matcher = roleChange.matcher(line);
                if (matcher.find()) {
                    role = matcher.group(2);
                }
            }
            if ("Leader".equals(role)) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The times each member ran the locality service (wrote flows), from its log: from "takes over" to "stops", to
     * when this cluster killed it, or to its last log line (still running).
     */
    List<long[]> localityTerms(final int member) throws IOException {
        final KarafProcess process = member(member);
        final List<long[]> terms = new ArrayList<>();
        long since = -1;
        // when this cluster killed it during the current term, or -1
        long killed = -1;
        long last = 0;
        for (String line : Files.readAllLines(process.log(), StandardCharsets.UTF_8)) {
            final long at = time(line);
            // killed while running it: the term ended when it was killed (its next JVM logs on in this file)
            if (since >= 0 && (line.contains(NEW_JVM) || killed >= 0 && at > killed)) {
                terms.add(new long[] {since, killed >= 0 ? Math.min(killed, last) : last});
                since = -1;
            }
            if (at < 0) {
                continue;
            }
            if (line.contains("This member takes over the locality service")) {
                since = at;
                killed = process.killedAfter(since);
            } else if (line.contains("This member stops the locality service") && since >= 0) {
                terms.add(new long[] {since, at});
                since = -1;
            }
            last = at;
        }
        if (since >= 0) {
            terms.add(new long[] {since, killed >= 0 ? Math.min(killed, last) : last});
        }
        return terms;
    }

    /** The member's log lines from {@code from} to {@code to} (epoch milliseconds) that match {@code regex}. */
    List<String> logLines(final int member, final long from, final long to, final String regex) throws IOException {
        final Pattern pattern = Pattern.compile(regex);
        final List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(member(member).log(), StandardCharsets.UTF_8)) {
            final long at = time(line);
            if (at >= from && at <= to && pattern.matcher(line).find()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** A log line's time (epoch milliseconds; the members log this machine's UTC time), or -1. */
    private static long time(final String line) {
        if (line.length() < 23 || !Character.isDigit(line.charAt(0))) {
            return -1;
        }
        try {
            return LocalDateTime.parse(line.substring(0, 23), LOG_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** A member other than {@code one} and {@code two} (0: none). */
    int other(final int one, final int two) {
        for (int i = 1; i <= members.size(); i++) {
            if (i != one && i != two) {
                return i;
            }
        }
        throw new AssertionError("no other member");
    }

    @Override
    public void close() throws Exception {
        for (KarafProcess member : members) {
            member.signal("CONT");
            member.close();
        }
        network.close();
    }
}
