/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.flowtun.api.LocalityChange;
import org.flowtun.api.TunnelPort;
import org.flowtun.api.TunnelPortListener;
import org.flowtun.api.TunnelPortService;
import org.flowtun.impl.cache.ChassisRegistryCache;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.config.FlowtunConfigSource;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.SwitchStateCache;
import org.flowtun.impl.ovsdb.SwitchStateListener;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.OpendaylightDirectStatisticsService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.SalFlowService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.OpendaylightFlowStatisticsService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.SalBundleService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.Message;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleAddFlowCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleRemoveFlowCase;
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
import org.opendaylight.yangtools.concepts.NoOpListenerRegistration;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.NotificationListener;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Event throughput of the locality service alone (not a test: run it with scripts/benchmark.sh, or
 * {@code mvn -pl locality test -Dtest=LocalityThroughputBenchmark}). The real {@link LocalityProvider} (listeners,
 * engine, apps, flow reconciler, publisher) over MD-SAL's in-memory data broker, with {@value #NODES} nodes
 * connected; lports are written to the configuration datastore in one transaction and timed until every
 * locality event is out. Each lport is bound to one node's chassis, plugged there: local on that node and remote
 * on every other node (DESIGN.md), so {@code lports × nodes} classifications, each with its flow and its event.
 * What would be the switches answer every flow RPC at once: only flowtun's own work is measured. Figures:
 * target/benchmarks/locality.json.
 */
public class LocalityThroughputBenchmark extends AbstractConcurrentDataBrokerTest {
    private static final int NODES = Integer.getInteger("flowtun.bench.nodes", 1000);
    private static final int NETWORKS = Math.max(1, NODES / 10);
    private static final List<Integer> RUNS = Arrays.stream(System.getProperty("flowtun.bench.lports",
        "1000,2000").split(",")).map(String::trim).map(Integer::valueOf).collect(Collectors.toList());

    private final HarnessSwitches switches = new HarnessSwitches();
    private final HarnessTunnelPorts tunnelPorts = new HarnessTunnelPorts();
    private final AtomicLong flowAdds = new AtomicLong();
    /** Switches made right at connection: a replacement bundle committed, or (refusing bundles) read back. */
    private final AtomicLong switchesSynced = new AtomicLong();
    private final AtomicLong localCreated = new AtomicLong();
    private final AtomicLong remoteCreated = new AtomicLong();
    /** node index to the VM ports plugged into its br-int so far. */
    private final Map<Integer, Map<String, OvsdbPort>> vmPorts = new HashMap<>();

    public LocalityThroughputBenchmark() {
        super(true);
    }

    @Test
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public void throughput() throws Exception {
        // the switches here are proxies that hold no flows: nothing to count or send again
        final FlowtunConfig config = FlowtunConfig.parse(Map.of(FlowtunConfig.FLOW_AUDIT_INTERVAL, "0",
            FlowtunConfig.FLOW_REFRESH_INTERVAL, "0"));
        final FlowtunConfigSource configSource = new FlowtunConfigSource() {
            @Override
            public Optional<FlowtunConfig> current() {
                return Optional.of(config);
            }

            @Override
            public Registration register(final java.util.function.Consumer<FlowtunConfig> consumer) {
                consumer.accept(config);
                return () -> { };
            }
        };
        final ChassisRegistryCache chassis = new ChassisRegistryCache(getDataBroker());
        final LocalityProvider provider = new LocalityProvider(getDataBroker(),
            getDataBrokerTestCustomizer().createNotificationPublishService(), unused(NotificationService.class),
            flowService(), bundleService(), statisticsService(), unused(OpendaylightFlowStatisticsService.class),
            switches, chassis, tunnelPorts, configSource, changes -> () -> { });
        provider.init();
        provider.localityService().registerListener(this::count);

        final long setupStart = System.nanoTime();
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        for (int n = 0; n < NODES; n++) {
            final Chassis entry = new ChassisBuilder().setId(new ResourceId(chassisId(n)))
                .setIp(IpAddressBuilder.getDefaultInstance(ip(n))).setTunnelTypes(List.of(Vxlan.class)).build();
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
        for (int n = 0; n < NODES; n++) {
            switches.update(new OvsdbSwitch(switchId(n), chassisId(n), ip(n), "tcp:127.0.0.1:6653"));
            plug(n, List.of());
            for (int t = 0; t < 3; t++) {
                final String type = List.of("vxlan", "gre", "geneve").get(t);
                tunnelPorts.update(new TunnelPort(switchId(n), type, type + "-tunnel-port", t + 1));
            }
        }
        final WriteTransaction inventory = getDataBroker().newWriteOnlyTransaction();
        for (int n = 0; n < NODES; n++) {
            final NodeKey key = new NodeKey(new NodeId(openflowId(n)));
            inventory.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier.create(Nodes.class)
                .child(Node.class, key), new NodeBuilder().withKey(key).build());
        }
        inventory.commit().get(1, TimeUnit.MINUTES);
        await("every switch reconciled", () -> switchesSynced.get() >= NODES);
        awaitQuiet();
        final double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

        final List<Map<String, Object>> runs = new ArrayList<>();
        int created = 0;
        for (int size : RUNS) {
            runs.add(run(created, size));
            created += size;
        }
        provider.close();
        chassis.close();

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
            final int network = i % NETWORKS;
            final int node = i % NODES;
            final String id = "lp-" + i;
            byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(id);
            lports.add(new LportBuilder().setId(new ResourceId(id)).setNetwork(new ResourceId("net-" + network))
                .setBinding(new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport
                    .rev261122.lports.lport.binding.ChassisBuilder().setChassis(new ResourceId(chassisId(node)))
                    .build()).build());
        }
        byNode.forEach(this::plug);
        awaitQuiet();
        final long localBefore = localCreated.get();
        final long remoteBefore = remoteCreated.get();
        final long addsBefore = flowAdds.get();
        final long expectedLocal = size;
        final long expectedRemote = (long) size * (NODES - 1);
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
        row.put("classifications", (long) size * NODES);
        row.put("events_per_second", Math.round((expectedLocal + expectedRemote) / seconds));
        row.put("flows_written", flowAdds.get() - addsBefore);
        System.out.println("[benchmark] locality: " + row);
        return row;
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

    /** The node's br-int with the VMs plugged so far plus {@code plugged} (iface-id = lport id). */
    private void plug(final int node, final List<String> plugged) {
        final Map<String, OvsdbPort> ports = vmPorts.computeIfAbsent(node, n -> new HashMap<>());
        for (String lport : plugged) {
            ports.put("tap-" + lport, new OvsdbPort("tap-" + lport, "", Map.of(),
                Map.of(OvsdbPort.IFACE_ID, lport), 10 + ports.size()));
        }
        switches.update(new OvsdbBridge(switchId(node) + "/bridge/br-int", switchId(node), "br-int",
            Set.of("tcp:127.0.0.1:6653"), String.format(Locale.ROOT, "%016x", node + 1), Map.of(), Map.copyOf(ports)));
    }

    /** Until no flow RPC has come for half a second. */
    private void awaitQuiet() throws InterruptedException {
        long last = -1;
        while (flowAdds.get() != last) {
            last = flowAdds.get();
            Thread.sleep(500);
        }
    }

    private void await(final String what, final BooleanSupplier done) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": " + localCreated + " local-created, "
                    + remoteCreated + " remote-created, " + flowAdds + " flows added, "
                    + switchesSynced + " switches synced");
            }
            Thread.sleep(5);
        }
    }

    /** OpenFlowPlugin's add/remove-flow RPCs, as a switch that takes every flow at once. */
    private SalFlowService flowService() {
        return (SalFlowService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {SalFlowService.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "addFlow":
                        flowAdds.incrementAndGet();
                        return RpcResultBuilder.success(new AddFlowOutputBuilder().build()).buildFuture();
                    case "removeFlow":
                        return RpcResultBuilder.success(new RemoveFlowOutputBuilder().build()).buildFuture();
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    /** OpenFlowPlugin's bundle RPCs, as a switch that takes every bundle at once. */
    private SalBundleService bundleService() {
        return (SalBundleService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {SalBundleService.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "controlBundle":
                        return RpcResultBuilder.success(new ControlBundleOutputBuilder().build()).buildFuture();
                    case "addBundleMessages":
                        ((AddBundleMessagesInput) args[0]).getMessages().getMessage().forEach(message -> {
                            if (message.getBundleInnerMessage() instanceof BundleAddFlowCase) {
                                flowAdds.incrementAndGet();
                            } else if (isReplacement(message)) {
                                switchesSynced.incrementAndGet();
                            }
                        });
                        return RpcResultBuilder.success(new AddBundleMessagesOutputBuilder().build()).buildFuture();
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    /** The first message of a switch's replacement bundle: every flowtun flow removed, in every table. */
    private static boolean isReplacement(final Message message) {
        return message.getBundleInnerMessage() instanceof BundleRemoveFlowCase
            && ((BundleRemoveFlowCase) message.getBundleInnerMessage()).getRemoveFlowCaseData().getTableId()
                .toJava() == 0xff;
    }

    /** The direct-statistics read of a switch's flows (a switch refusing bundles): an empty switch. */
    /** A service the benchmark does not use: registrations do nothing, calls fail. */
    private <T> T unused(final Class<T> type) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
            (proxy, method, args) -> {
                if (method.getName().startsWith("register")) {
                    return NoOpListenerRegistration.of((NotificationListener) args[0]);
                }
                throw new UnsupportedOperationException(method.getName());
            }));
    }

    private OpendaylightDirectStatisticsService statisticsService() {
        return (OpendaylightDirectStatisticsService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {OpendaylightDirectStatisticsService.class}, (proxy, method, args) -> {
                if ("getFlowStatistics".equals(method.getName())) {
                    switchesSynced.incrementAndGet();
                    return RpcResultBuilder.success(new GetFlowStatisticsOutputBuilder().build()).buildFuture();
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    private static String chassisId(final int node) {
        return "chassis-" + node;
    }

    private static String switchId(final int node) {
        return "ovsdb://uuid/bench-" + node;
    }

    private static String openflowId(final int node) {
        return "openflow:" + (node + 1);
    }

    private static String ip(final int node) {
        return "10.1." + node / 250 + "." + (node % 250 + 1);
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

    /** The OVSDB state the southbound plugin would report, replayed to listeners as SwitchStateStore does. */
    private static final class HarnessSwitches implements SwitchStateCache {
        private final Map<String, OvsdbSwitch> switches = new HashMap<>();
        private final Map<String, OvsdbBridge> bridges = new HashMap<>();
        private final List<SwitchStateListener> listeners = new CopyOnWriteArrayList<>();

        synchronized void update(final OvsdbSwitch ovsdbSwitch) {
            switches.put(ovsdbSwitch.nodeId(), ovsdbSwitch);
            listeners.forEach(listener -> listener.switchUpdated(ovsdbSwitch));
        }

        synchronized void update(final OvsdbBridge bridge) {
            bridges.put(bridge.bridgeNodeId(), bridge);
            listeners.forEach(listener -> listener.bridgeUpdated(bridge));
        }

        @Override
        public synchronized Optional<OvsdbSwitch> ovsdbSwitch(final String switchNodeId) {
            return Optional.ofNullable(switches.get(switchNodeId));
        }

        @Override
        public synchronized Collection<OvsdbSwitch> switches() {
            return List.copyOf(switches.values());
        }

        @Override
        public synchronized Optional<OvsdbBridge> bridge(final String switchNodeId, final String bridgeName) {
            return bridges.values().stream().filter(b -> b.switchNodeId().equals(switchNodeId)
                && b.name().equals(bridgeName)).findFirst();
        }

        @Override
        public synchronized Collection<OvsdbBridge> bridges(final String switchNodeId) {
            return bridges.values().stream().filter(b -> b.switchNodeId().equals(switchNodeId))
                .collect(Collectors.toList());
        }

        @Override
        public synchronized Registration register(final SwitchStateListener listener) {
            switches.values().forEach(listener::switchUpdated);
            bridges.values().forEach(listener::bridgeUpdated);
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    /** The tunnel ports the tunnel manager would report, each with its ofport. */
    private static final class HarnessTunnelPorts implements TunnelPortService {
        private final Map<String, TunnelPort> ports = new HashMap<>();
        private final List<TunnelPortListener> listeners = new CopyOnWriteArrayList<>();

        synchronized void update(final TunnelPort port) {
            final TunnelPort previous = ports.put(port.nodeId() + "/" + port.type(), port);
            listeners.forEach(listener -> listener.onTunnelPortChanged(previous, port));
        }

        @Override
        public synchronized Optional<TunnelPort> tunnelPort(final String nodeId, final String type) {
            return Optional.ofNullable(ports.get(nodeId + "/" + type));
        }

        @Override
        public synchronized Collection<TunnelPort> tunnelPorts() {
            return List.copyOf(ports.values());
        }

        @Override
        public synchronized Registration registerListener(final TunnelPortListener listener) {
            ports.values().forEach(port -> listener.onTunnelPortChanged(null, port));
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }
}
