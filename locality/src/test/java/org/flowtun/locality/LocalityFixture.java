/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.flowtun.api.LocalityChange;
import org.flowtun.api.TunnelPort;
import org.flowtun.impl.cache.ChassisRegistryCache;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.config.FlowtunConfigSource;
import org.flowtun.impl.config.ManagedFlowtunConfig;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.OpenFlowConnectionCache;
import org.flowtun.impl.health.HealthReport;
import org.flowtun.impl.metrics.PrometheusRegistry;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.PatchPorts;
import org.flowtun.impl.validation.AnnouncedKeyWrites;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yangtools.concepts.NoOpListenerRegistration;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.NotificationListener;

/**
 * The locality service as it runs in the controller (provider, engine, apps, reconciler, publisher, key store,
 * data-tree listeners) over MD-SAL's in-memory data broker, with its southbound replaced: nodes as the OVSDB
 * monitor would report them ({@link HarnessSwitches}, {@link HarnessTunnelPorts}), switches that take every flow
 * ({@link FakeSwitches}), and OpenFlow connections written to the operational inventory as OpenFlowPlugin writes
 * them. Node {@code n} is chassis {@code chassis-n} at {@code 10.0.0.n}, switch {@code openflow:n}, with tunnel
 * ports vxlan, gre and geneve at ofports 1, 2, 3.
 */
final class LocalityFixture implements AutoCloseable {
    private final DataBroker dataBroker;
    private final NotificationPublishService notifications;
    private final Map<String, String> config;
    final HarnessSwitches switches = new HarnessSwitches();
    final HarnessTunnelPorts tunnelPorts = new HarnessTunnelPorts();
    final FakeSwitches ofSwitches = new FakeSwitches();
    /** Every event announced, in order (unless {@link #withoutEventLog()}). */
    private final List<LocalityChange> events = new ArrayList<>();
    private volatile boolean logEvents = true;
    /** node to the VM ports on its br-int (port name to iface-id and ofport). */
    private final Map<Integer, Map<String, OvsdbPort>> vmPorts = new HashMap<>();
    /** Node to its bridge mappings (physical network to bridge). */
    private final Map<Integer, Map<String, String>> mappings = new HashMap<>();
    private final List<Consumer<LocalityChange>> listeners = new CopyOnWriteArrayList<>();
    private ChassisRegistryCache chassis;
    private OpenFlowConnectionCache connections;
    private LocalityProvider provider;

    LocalityFixture(final DataBroker dataBroker, final NotificationPublishService notifications,
            final Map<String, String> config) {
        this.dataBroker = dataBroker;
        this.notifications = notifications;
        this.config = config;
    }

    /** The audits and refreshes off: these switches change only through flowtun. */
    static Map<String, String> quietConfig() {
        return Map.of(FlowtunConfig.FLOW_AUDIT_INTERVAL, "0", FlowtunConfig.FLOW_REFRESH_INTERVAL, "0");
    }

    /** The metrics the locality service registers (a scrape reads them). */
    final PrometheusRegistry metrics = new PrometheusRegistry();
    /** Whether the service seals switches (a cluster member's). */
    boolean sealSwitches;

    /** Starts the locality service (again, after {@link #stop()}: a controller restart). */
    LocalityFixture start() {
        chassis = new ChassisRegistryCache(dataBroker);
        connections = new OpenFlowConnectionCache(dataBroker);
        connections.init();
        provider = new LocalityProvider(dataBroker, notifications, unused(NotificationService.class), ofSwitches,
            switches, connections, chassis, tunnelPorts, configSource(config), new AnnouncedKeyWrites(), metrics,
            HealthReport.NONE, HealthReport.NONE, sealSwitches);
        provider.init();
        provider.localityService().registerListener(change -> {
            if (logEvents) {
                synchronized (events) {
                    events.add(change);
                }
            }
            listeners.forEach(listener -> listener.accept(change));
        });
        return this;
    }

    /** Stops the locality service (the controller goes down; the datastore and the switches stay). */
    void stop() {
        provider.close();
        chassis.close();
        connections.close();
        provider = null;
    }

    /** Keeps no log of the events (a benchmark's millions); {@link #onEvent} listeners still hear them. */
    LocalityFixture withoutEventLog() {
        logEvents = false;
        return this;
    }

    void onEvent(final Consumer<LocalityChange> listener) {
        listeners.add(listener);
    }

    static String nodeId(final int node) {
        return "ovsdb://uuid/node-" + node;
    }

    static String openflowId(final int node) {
        return "openflow:" + node;
    }

    static String chassisId(final int node) {
        return "chassis-" + node;
    }

    static String ip(final int node) {
        return "10.0." + node / 250 + "." + (node % 250 + 1);
    }

    /** The node's OVS connects over OVSDB: its chassis, br-int and the three tunnel ports. */
    void addNode(final int node) {
        publishSwitch(node);
        publishBridge(node);
        final List<String> types = List.of("vxlan", "gre", "geneve");
        for (int t = 0; t < types.size(); t++) {
            tunnelPorts.update(new TunnelPort(nodeId(node), types.get(t), types.get(t) + "-tunnel-port", t + 1));
        }
    }

    /** A VM's port plugged into the node's br-int: an interface with {@code iface-id=lport}. */
    void plug(final int node, final String lport, final long ofport) {
        vmPorts.computeIfAbsent(node, n -> new HashMap<>()).put("tap-" + lport, new OvsdbPort("tap-" + lport, "",
            Map.of(), Map.of(OvsdbPort.IFACE_ID, lport), ofport));
        publishBridge(node);
    }

    /**
     * The node reaches {@code physicalNetwork}: its OVS maps it to bridge {@code br-<physicalNetwork>}
     * ({@code external_ids:flowtun-bridge-mappings}) and the tunnel manager's patch port toward that bridge is on
     * br-int, at {@code ofport}.
     */
    void mapPhysicalNetwork(final int node, final String physicalNetwork, final long ofport) {
        final String bridge = "br-" + physicalNetwork;
        mappings.computeIfAbsent(node, n -> new java.util.TreeMap<>()).put(physicalNetwork, bridge);
        final String patch = PatchPorts.integrationSide(bridge);
        vmPorts.computeIfAbsent(node, n -> new HashMap<>()).put(patch, new OvsdbPort(patch, PatchPorts.TYPE,
            Map.of(PatchPorts.PEER, PatchPorts.physicalSide(bridge)), Map.of(), ofport));
        publishSwitch(node);
        publishBridge(node);
    }

    /** The node's mapping of {@code physicalNetwork} is removed, and with it the patch port. */
    void unmapPhysicalNetwork(final int node, final String physicalNetwork) {
        mappings.getOrDefault(node, new java.util.TreeMap<>()).remove(physicalNetwork);
        vmPorts.getOrDefault(node, new HashMap<>()).remove(PatchPorts.integrationSide("br-" + physicalNetwork));
        publishSwitch(node);
        publishBridge(node);
    }

    private void publishSwitch(final int node) {
        final StringBuilder text = new StringBuilder();
        mappings.getOrDefault(node, Map.of()).forEach((network, bridge) -> text.append(text.length() == 0 ? "" : ",")
            .append(network).append(':').append(bridge));
        switches.update(new OvsdbSwitch(nodeId(node), chassisId(node), ip(node), "127.0.0.1", Set.of(),
            text.toString()));
    }

    /** The VM's port is taken off the node's br-int. */
    void unplug(final int node, final String lport) {
        vmPorts.getOrDefault(node, new HashMap<>()).remove("tap-" + lport);
        publishBridge(node);
    }

    /** Several VMs at once, each on the next free ofport from 10. */
    void plugAll(final int node, final List<String> lports) {
        final Map<String, OvsdbPort> ports = vmPorts.computeIfAbsent(node, n -> new HashMap<>());
        for (String lport : lports) {
            ports.put("tap-" + lport, new OvsdbPort("tap-" + lport, "", Map.of(), Map.of(OvsdbPort.IFACE_ID, lport),
                10 + ports.size()));
        }
        publishBridge(node);
    }

    private void publishBridge(final int node) {
        switches.update(new OvsdbBridge(nodeId(node) + "/bridge/br-int", nodeId(node), "br-int",
            Set.of("tcp:127.0.0.1:6653"), String.format(Locale.ROOT, "%016x", node), Map.of(),
            Map.copyOf(vmPorts.getOrDefault(node, Map.of()))));
    }

    /** The node's switch connects over OpenFlow (OpenFlowPlugin writes its inventory node). */
    void connect(final int node) throws Exception {
        final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, inventory(node),
            new NodeBuilder().withKey(new NodeKey(new NodeId(openflowId(node)))).build());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    /**
     * The node's switch connects again before OpenFlowPlugin removed it (ovs-vswitchd restarted at once): its
     * flows are gone, and OpenFlowPlugin writes its node afresh.
     */
    void restartSwitch(final int node) throws Exception {
        ofSwitches.wipe(openflowId(node));
        final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, inventory(node),
            new NodeBuilder().withKey(new NodeKey(new NodeId(openflowId(node)))).setNodeConnector(Map.of()).build());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private static InstanceIdentifier<Node> inventory(final int node) {
        return InstanceIdentifier.create(Nodes.class).child(Node.class, new NodeKey(new NodeId(openflowId(node))));
    }

    /** Writes configuration as RESTCONF would, in one transaction. */
    <T extends DataObject> void put(final InstanceIdentifier<T> path, final T data) throws Exception {
        final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, path, data);
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    void delete(final InstanceIdentifier<?> path) throws Exception {
        final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, path);
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    /** The switch's flows as text (cookies aside), for comparisons. */
    Set<FlowSpec> flowsOn(final int node) {
        return ofSwitches.flows(openflowId(node));
    }

    /** The flows flowtun wants on the node. */
    Set<FlowSpec> wantedOn(final int node) throws Exception {
        return rows(node).stream().map(FlowDiagnostics.Row::flow).collect(Collectors.toSet());
    }

    /** Who wants flows on the node ({@code lport:<id>}, {@code network:<id>}). */
    Set<String> ownersOn(final int node) throws Exception {
        return rows(node).stream().map(FlowDiagnostics.Row::owner).collect(Collectors.toSet());
    }

    private List<FlowDiagnostics.Row> rows(final int node) throws Exception {
        return provider.flowDiagnostics().check(nodeId(node)).get(10, TimeUnit.SECONDS).rows();
    }

    /** The events announced so far for {@code lport} on {@code node}, in order ("remote-created", ...). */
    List<String> eventsOf(final String lport, final int node) {
        final List<String> names = new ArrayList<>();
        final List<LocalityChange> all;
        synchronized (events) {
            all = List.copyOf(events);
        }
        for (LocalityChange change : all) {
            if (change.lportId().equals(lport) && change.nodeId().equals(nodeId(node))) {
                names.add(change.event().getName());
            }
        }
        return names;
    }

    /** Waits (10 s at most) until {@code done}; fails with {@code state} otherwise. */
    static void await(final String what, final BooleanSupplier done, final Supplier<Object> state)
            throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                assertTrue("timed out waiting for " + what + ": " + state.get(), done.getAsBoolean());
            }
            Thread.sleep(5);
        }
    }

    /** Waits until the switch holds exactly what flowtun wants there. */
    void awaitExact(final int node) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!flowsOn(node).equals(wantedOn(node))) {
            if (System.nanoTime() > deadline) {
                assertEquals("switch " + node + " holds what flowtun wants", wantedOn(node), flowsOn(node));
            }
            Thread.sleep(5);
        }
        assertFalse("flowtun wants flows on switch " + node, wantedOn(node).isEmpty());
    }

    /** Waits until flowtun wants no flow on the node and its switch holds none. */
    void awaitNothingOn(final int node) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!flowsOn(node).isEmpty() || !wantedOn(node).isEmpty()) {
            if (System.nanoTime() > deadline) {
                assertEquals("switch " + node + " holds nothing of flowtun's", Set.of(), flowsOn(node));
                assertEquals("flowtun wants nothing on switch " + node, Set.of(), wantedOn(node));
            }
            Thread.sleep(5);
        }
    }

    /** The configuration as ConfigAdmin would deliver etc/org.flowtun.cfg. */
    private static FlowtunConfigSource configSource(final Map<String, String> properties) {
        final ManagedFlowtunConfig source = new ManagedFlowtunConfig();
        source.updated(new Hashtable<>(properties));
        return source;
    }

    /** A service this fixture does not use: registrations do nothing, calls fail. */
    private <T> T unused(final Class<T> type) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
            (proxy, method, args) -> {
                if (method.getName().startsWith("register")) {
                    return NoOpListenerRegistration.of((NotificationListener) args[0]);
                }
                throw new UnsupportedOperationException(method.getName());
            }));
    }

    @Override
    public void close() {
        if (provider != null) {
            stop();
        }
    }
}
