/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.flowtun.api.LocalityChange;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.ChassisRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.ChassisBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.ChassisKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.Lports;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.LportBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.LportKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.Networks;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.NetworkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Vxlan;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Event throughput of the locality service alone (not a test: run it with scripts/benchmark.sh, or
 * {@code mvn -pl locality test -Dtest=LocalityThroughputBenchmark}). The real {@link LocalityProvider} (listeners,
 * engine, apps, flow reconciler, publisher) over MD-SAL's in-memory data broker, with {@value #NODES} nodes
 * connected; lports are written to the configuration datastore in one transaction and timed until every
 * locality event is out. The lports come in networks of {@value #PER_NETWORK}, each lport bound to and plugged on
 * a distinct node of its network: local there, and remote on the other nodes of the network, which need it
 * (README, "Ports and locality"); every other node holds nothing of it. The live heap is measured after
 * each run.
 * What would be the switches answer every flow RPC at once: only flowtun's own work is measured. Figures:
 * target/benchmarks/locality.json.
 */
public class LocalityThroughputBenchmark extends AbstractConcurrentDataBrokerTest {
    private static final int NODES = Integer.getInteger("flowtun.bench.nodes", 1000);
    private static final int PER_NETWORK = 10;
    /** lports per run (multiples of {@value #PER_NETWORK}): 100,000 in 10,000 networks by default. */
    private static final List<Integer> RUNS = Arrays.stream(System.getProperty("flowtun.bench.lports",
        "100000").split(",")).map(String::trim).map(Integer::valueOf).collect(Collectors.toList());
    private static final int NETWORKS = RUNS.stream().mapToInt(Integer::intValue).sum() / PER_NETWORK;

    private LocalityFixture fixture;
    private final AtomicLong localCreated = new AtomicLong();
    private final AtomicLong remoteCreated = new AtomicLong();

    public LocalityThroughputBenchmark() {
        super(true);
    }

    @Test
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public void throughput() throws Exception {
        fixture = new LocalityFixture(getDataBroker(),
            getDataBrokerTestCustomizer().createNotificationPublishService(), LocalityFixture.quietConfig())
            .withoutEventLog();
        fixture.start();
        fixture.onEvent(this::count);

        final long setupStart = System.nanoTime();
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        for (int n = 1; n <= NODES; n++) {
            final Chassis entry = new ChassisBuilder().setId(new ResourceId(LocalityFixture.chassisId(n)))
                .setIp(IpAddressBuilder.getDefaultInstance(LocalityFixture.ip(n)))
                .setTunnelTypes(List.of(Vxlan.class)).build();
            tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
                InstanceIdentifier.create(ChassisRegistry.class).child(Chassis.class, new ChassisKey(entry.getId())),
                entry);
        }
        for (int n = 0; n < NETWORKS; n++) {
            final Network network = new NetworkBuilder().setId(new ResourceId("net-" + n)).setNetworkType(Vxlan.class)
                .setSegmentationId(Uint32.valueOf(1000 + n)).build();
            tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Networks.class)
                .child(Network.class, network.key()), network);
        }
        tx.commit().get(1, TimeUnit.MINUTES);
        for (int n = 1; n <= NODES; n++) {
            fixture.addNode(n);
            fixture.connect(n);
        }
        await("every switch reconciled", () -> fixture.ofSwitches.replacements.get() >= NODES);
        awaitQuiet();
        final double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

        final List<Map<String, Object>> runs = new ArrayList<>();
        int created = 0;
        for (int size : RUNS) {
            runs.add(run(created, size));
            created += size;
        }
        fixture.close();

        final Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("nodes", NODES);
        figures.put("networks", NETWORKS);
        figures.put("setup_seconds", round(setupSeconds));
        figures.put("runs", runs);
        final StringBuilder json = new StringBuilder("{\n");
        figures.forEach((key, value) -> json.append(json.length() > 2 ? ",\n" : "").append("  \"").append(key)
            .append("\": ").append(toJson(value)));
        json.append("\n}\n");
        final Path out = Path.of("target", "benchmarks", "locality.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json, StandardCharsets.UTF_8);
        System.out.println("flowtun locality throughput (" + out.toAbsolutePath() + "):\n" + json);
    }

    /** Plugs {@code size} new VMs (spread over every node), then writes their lports in one transaction. */
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    private Map<String, Object> run(final int offset, final int size) throws Exception {
        final Map<Integer, List<String>> byNode = new HashMap<>();
        final List<Lport> lports = new ArrayList<>(size);
        for (int i = offset; i < offset + size; i++) {
            final int network = i / PER_NETWORK;
            // the network's lports on distinct nodes, NODES / PER_NETWORK apart
            final int node = 1 + (network * 7 + i % PER_NETWORK * (NODES / PER_NETWORK)) % NODES;
            final String id = "lp-" + i;
            byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(id);
            lports.add(new LportBuilder().setId(new ResourceId(id)).setNetwork(new ResourceId("net-" + network))
                .setBinding(new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport
                    .rev261122.lports.lport.binding.ChassisBuilder()
                    .setChassis(new ResourceId(LocalityFixture.chassisId(node))).build()).build());
        }
        byNode.forEach(fixture::plugAll);
        awaitQuiet();
        final long localBefore = localCreated.get();
        final long remoteBefore = remoteCreated.get();
        final long addsBefore = fixture.ofSwitches.flowAdds.get();
        final long expectedLocal = size;
        final long expectedRemote = (long) size * (PER_NETWORK - 1);
        final long start = System.nanoTime();
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        for (Lport lport : lports) {
            tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Lports.class)
                .child(Lport.class, new LportKey(lport.getId())), lport);
        }
        tx.commit().get(5, TimeUnit.MINUTES);
        final long committed = System.nanoTime();
        await(size + " lports classified", () -> localCreated.get() - localBefore >= expectedLocal
            && remoteCreated.get() - remoteBefore >= expectedRemote);
        final double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(expectedLocal, localCreated.get() - localBefore);
        assertEquals(expectedRemote, remoteCreated.get() - remoteBefore);
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("lports", size);
        row.put("lports_before", offset);
        row.put("commit_seconds", round((committed - start) / 1e9));
        row.put("all_events_seconds", round(seconds));
        row.put("lports_per_second", Math.round(size / seconds));
        row.put("placements", expectedLocal + expectedRemote);
        row.put("events_per_second", Math.round((expectedLocal + expectedRemote) / seconds));
        row.put("flows_written", fixture.ofSwitches.flowAdds.get() - addsBefore);
        row.put("live_heap_mb", liveHeapMegabytes());
        System.out.println("[benchmark] locality: " + row);
        return row;
    }

    /** The heap in use after full collections: the live objects (the in-memory datastore's included). */
    private static long liveHeapMegabytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        final Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / 1024 / 1024;
    }

    private void count(final LocalityChange change) {
        switch (change.event()) {
            case LocalCreated:
                localCreated.incrementAndGet();
                break;
            case RemoteCreated:
                remoteCreated.incrementAndGet();
                break;
            default:
                break;
        }
    }

    /** Until no flow RPC has come for half a second. */
    private void awaitQuiet() throws InterruptedException {
        long last = -1;
        while (fixture.ofSwitches.flowAdds.get() != last) {
            last = fixture.ofSwitches.flowAdds.get();
            Thread.sleep(500);
        }
    }

    private void await(final String what, final BooleanSupplier done) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": " + localCreated + " local-created, "
                    + remoteCreated + " remote-created, " + fixture.ofSwitches.flowAdds + " flows added, "
                    + fixture.ofSwitches.replacements + " switches replaced");
            }
            Thread.sleep(5);
        }
    }

    private static double round(final double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String toJson(final Object value) {
        if (value instanceof Map) {
            return ((Map<?, ?>) value).entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + toJson(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).stream().map(LocalityThroughputBenchmark::toJson)
                .collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
        }
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

}
