/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.flowtun.impl.ConfigContainers;
import org.flowtun.impl.cache.ChassisRegistryCache;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.config.FlowtunConfigSource;
import org.flowtun.impl.config.ManagedFlowtunConfig;
import org.flowtun.impl.health.HealthReport;
import org.flowtun.impl.metrics.PrometheusRegistry;
import org.flowtun.impl.ovsdb.OvsdbTopology;
import org.flowtun.impl.ovsdb.OvsdbTopologyListener;
import org.flowtun.impl.ovsdb.SwitchStateStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.ChassisRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.ChassisKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Geneve;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Gre;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Vxlan;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbBridgeAugmentation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbBridgeAugmentationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbBridgeName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbNodeAugmentation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbNodeAugmentationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbTerminationPointAugmentation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ControllerEntry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ControllerEntryBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.node.attributes.ConnectionInfoBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.node.attributes.OpenvswitchExternalIds;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.node.attributes.OpenvswitchExternalIdsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.node.attributes.OpenvswitchOtherConfigs;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.node.attributes.OpenvswitchOtherConfigsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.port._interface.attributes.Options;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NodeId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.Topology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.TopologyBuilder;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.Node;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.node.TerminationPoint;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The tunnel manager as it runs in the controller (the OVSDB topology listener, the switch state, the chassis
 * registrar, the tunnel-port reconciler and its writes) over MD-SAL's in-memory data broker: OVS nodes are written
 * into the operational topology as the OVSDB southbound writes them, and what flowtun asks of the southbound is read
 * back from the configuration topology.
 */
public class TunnelManagerScenarioTest extends AbstractConcurrentDataBrokerTest {
    private static final String NODE = "ovsdb://uuid/node-1";
    private static final String BRIDGE = OvsdbTopology.bridgeNodeId(NODE, "br-int");
    private static final String TARGET = "tcp:192.0.2.1:6653";

    private SwitchStateStore switches;
    private OvsdbTopologyListener topologyListener;
    private ChassisRegistryCache chassis;
    private TunnelManager manager;
    private final ManualSingletons singletons = new ManualSingletons(true);

    public TunnelManagerScenarioTest() {
        super(true);
    }

    @Before
    public void setUp() throws Exception {
        // what exists when the tunnel manager starts: flowtun's containers, the southbound's topology
        new ConfigContainers(getDataBroker()).init();
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        final Topology topology = new TopologyBuilder().setTopologyId(OvsdbTopology.TOPOLOGY_ID).build();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, OvsdbTopology.TOPOLOGY, topology);
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, OvsdbTopology.TOPOLOGY, topology);
        tx.commit().get(10, TimeUnit.SECONDS);
        switches = new SwitchStateStore();
        topologyListener = new OvsdbTopologyListener(getDataBroker(), switches);
        chassis = new ChassisRegistryCache(getDataBroker());
        manager = new TunnelManager(getDataBroker(), switches, chassis, configSource(Map.of(
            FlowtunConfig.CONTROLLER_TARGET, TARGET, FlowtunConfig.DATAPATH_TYPE, "netdev")), new PrometheusRegistry(),
            HealthReport.NONE, singletons);
        manager.init();
    }

    @After
    public void tearDown() {
        manager.close();
        chassis.close();
        topologyListener.close();
    }

    @Test
    public void aNewNodeGetsItsChassisItsBridgeAndOneTunnelPortPerType() throws Exception {
        writeOvsNode("chassis-1", "10.0.0.1");
        await("the chassis registered", () -> readChassis("chassis-1").isPresent(), () -> readChassis("chassis-1"));
        final Chassis registered = readChassis("chassis-1").orElseThrow();
        assertEquals("10.0.0.1", registered.getIp().stringValue());
        assertEquals(Set.of(Vxlan.class, Gre.class, Geneve.class), Set.copyOf(registered.getTunnelTypes()));

        await("br-int asked of the southbound", () -> configBridge().isPresent(), this::configBridge);
        final OvsdbBridgeAugmentation bridge = configBridge().orElseThrow();
        assertEquals(Set.of(TARGET), targets(bridge));
        assertEquals(Uint32.valueOf(1000), bridge.getControllerEntry().values().iterator().next().getMaxBackoff());

        // OVS reports the bridge: flowtun asks for its three flow-based tunnel ports
        writeOperationalBridge(Set.of(TARGET));
        await("the tunnel ports asked of the southbound", () -> configPorts().size() == 3, this::configPorts);
        final Map<String, String> expected = Map.of("key", "flow", "local_ip", "10.0.0.1", "remote_ip", "flow");
        for (String port : List.of("vxlan-tunnel-port", "gre-tunnel-port", "geneve-tunnel-port")) {
            assertEquals(port, expected, configPorts().get(port));
        }
    }

    @Test
    public void aBridgeKeepsOnlyFlowtunsControllerTarget() throws Exception {
        writeOvsNode("chassis-1", "10.0.0.1");
        writeOperationalBridge(Set.of(TARGET, "tcp:198.51.100.9:6653"));
        // another controller is first written to the configuration (so that the southbound knows it), then deleted
        await("only flowtun's target configured", () -> configBridge().map(TunnelManagerScenarioTest::targets)
            .equals(Optional.of(Set.of(TARGET))), this::configBridge);
    }

    @Test
    public void aStandbyMemberWritesNothingUntilItTakesTheJobsOver() throws Exception {
        // another member took flowtun's jobs over: this one still hears the node, but writes nothing for it
        singletons.handOver();
        writeOvsNode("chassis-1", "10.0.0.1");
        await("the node known here", () -> !switches.switches().isEmpty(), switches::switches);
        Thread.sleep(1000);
        assertEquals(Optional.empty(), readChassis("chassis-1"));
        assertEquals(Optional.empty(), configBridge());

        // the jobs move here: the node is reconciled once, from what this member already knows
        singletons.takeOver();
        await("the chassis registered", () -> readChassis("chassis-1").isPresent(), () -> readChassis("chassis-1"));
        await("br-int asked of the southbound", () -> configBridge().isPresent(), this::configBridge);
        assertEquals(Set.of(TARGET), targets(configBridge().orElseThrow()));
    }

    @Test
    public void aMappedPhysicalNetworkGetsAPatchPairAndTheChassisItsMapping() throws Exception {
        writeOvsNode("chassis-1", "10.0.0.1", "physnet1:br-prov");
        writeOperationalBridge(Set.of(TARGET));
        // the operator's bridge, with its NIC: flowtun never wrote its configuration node
        final String provider = OvsdbTopology.bridgeNodeId(NODE, "br-prov");
        operational(bridgeNode(provider, "br-prov", Map.of(), List.of(port("eth1", null, 1))));
        await("int-br-prov asked of the southbound on br-int", () -> Map.of("peer", "phy-br-prov")
            .equals(configPorts(BRIDGE).get("int-br-prov")), () -> configPorts(BRIDGE));
        await("phy-br-prov asked of the southbound on br-prov", () -> Map.of("peer", "int-br-prov")
            .equals(configPorts(provider).get("phy-br-prov")), () -> configPorts(provider));
        assertEquals("nothing else of br-prov is written", Set.of("phy-br-prov"), configPorts(provider).keySet());
        await("the mapping in the chassis", () -> readChassis("chassis-1").map(registered -> registered
            .nonnullBridgeMapping().size()).orElse(0) == 1, () -> readChassis("chassis-1"));
        assertEquals("br-prov", readChassis("chassis-1").orElseThrow().nonnullBridgeMapping().values().iterator()
            .next().getBridge());

        // OVS has them; the mapping is removed: both go, and nothing else
        operational(bridgeNode(provider, "br-prov", Map.of(), List.of(port("eth1", null, 1),
            port("phy-br-prov", "int-br-prov", 2))));
        final ControllerEntry controller = new ControllerEntryBuilder().setTarget(new Uri(TARGET)).build();
        operational(bridgeNode(BRIDGE, "br-int", Map.of(controller.key(), controller),
            List.of(port("int-br-prov", "phy-br-prov", 3))));
        writeOvsNode("chassis-1", "10.0.0.1", null);
        await("the patch ports no longer asked for", () -> !configPorts(BRIDGE).containsKey("int-br-prov")
            && configPorts(provider).isEmpty(), () -> configPorts(BRIDGE) + " " + configPorts(provider));
        await("the mapping gone from the chassis", () -> readChassis("chassis-1").map(registered -> registered
            .nonnullBridgeMapping().isEmpty()).orElse(false), () -> readChassis("chassis-1"));
    }

    private static Node bridgeNode(final String nodeId, final String name, final Map<org.opendaylight.yang.gen.v1.urn
            .opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ControllerEntryKey,
            ControllerEntry> controllers, final List<TerminationPoint> ports) {
        return new NodeBuilder().setNodeId(new NodeId(new Uri(nodeId)))
            .addAugmentation(OvsdbBridgeAugmentation.class, new OvsdbBridgeAugmentationBuilder()
                .setBridgeName(new OvsdbBridgeName(name)).setControllerEntry(controllers).build())
            .setTerminationPoint(ports.stream().collect(Collectors.toMap(TerminationPoint::key, tp -> tp)))
            .build();
    }

    /** A port as the southbound reports it: a patch port when {@code peer} is given. */
    private static TerminationPoint port(final String name, final String peer, final long ofport) {
        final TerminationPoint tp = OvsdbConfigWriter.terminationPoint(name, peer == null ? "" : "patch",
            peer == null ? Map.of() : Map.of("peer", peer));
        return new org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology
            .topology.node.TerminationPointBuilder(tp).addAugmentation(OvsdbTerminationPointAugmentation.class,
                new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105
                    .OvsdbTerminationPointAugmentationBuilder(tp.augmentation(OvsdbTerminationPointAugmentation.class))
                    .setOfport(Uint32.valueOf(ofport)).build()).build();
    }

    private void writeOvsNode(final String systemId, final String localIp) throws Exception {
        writeOvsNode(systemId, localIp, null);
    }

    /** The OVS node as the southbound reports it, with {@code external_ids:flowtun-bridge-mappings} (or none). */
    private void writeOvsNode(final String systemId, final String localIp, final String mappings) throws Exception {
        final OpenvswitchExternalIds id = new OpenvswitchExternalIdsBuilder().setExternalIdKey("system-id")
            .setExternalIdValue(systemId).build();
        final Map<org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.node
            .attributes.OpenvswitchExternalIdsKey, OpenvswitchExternalIds> ids = new HashMap<>(Map.of(id.key(), id));
        if (mappings != null) {
            final OpenvswitchExternalIds mapping = new OpenvswitchExternalIdsBuilder()
                .setExternalIdKey("flowtun-bridge-mappings").setExternalIdValue(mappings).build();
            ids.put(mapping.key(), mapping);
        }
        final OpenvswitchOtherConfigs ip = new OpenvswitchOtherConfigsBuilder().setOtherConfigKey("local_ip")
            .setOtherConfigValue(localIp).build();
        final OvsdbNodeAugmentation ovsdb = new OvsdbNodeAugmentationBuilder()
            .setOpenvswitchExternalIds(ids)
            .setOpenvswitchOtherConfigs(Map.of(ip.key(), ip))
            .setConnectionInfo(new ConnectionInfoBuilder()
                .setLocalIp(IpAddressBuilder.getDefaultInstance("192.0.2.1")).setLocalPort(new PortNumber(6640))
                .setRemoteIp(IpAddressBuilder.getDefaultInstance(localIp)).setRemotePort(new PortNumber(40000))
                .build())
            .build();
        operational(new NodeBuilder().setNodeId(new NodeId(new Uri(NODE)))
            .addAugmentation(OvsdbNodeAugmentation.class, ovsdb).build());
    }

    private void writeOperationalBridge(final Set<String> controllers) throws Exception {
        final Map<org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge
            .attributes.ControllerEntryKey, ControllerEntry> entries = new HashMap<>();
        controllers.forEach(target -> {
            final ControllerEntry entry = new ControllerEntryBuilder().setTarget(new Uri(target)).build();
            entries.put(entry.key(), entry);
        });
        operational(new NodeBuilder().setNodeId(new NodeId(new Uri(BRIDGE)))
            .addAugmentation(OvsdbBridgeAugmentation.class, new OvsdbBridgeAugmentationBuilder()
                .setBridgeName(new OvsdbBridgeName("br-int")).setControllerEntry(entries).build())
            .build());
    }

    private void operational(final Node node) throws Exception {
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        // a put: the node as OVS reports it now (an external id removed is gone)
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, OvsdbTopology.nodePath(
            node.getNodeId().getValue()), node);
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private Optional<Chassis> readChassis(final String id) {
        return read(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier
            .create(ChassisRegistry.class).child(Chassis.class, new ChassisKey(new ResourceId(id))));
    }

    private Optional<OvsdbBridgeAugmentation> configBridge() {
        return read(LogicalDatastoreType.CONFIGURATION, OvsdbTopology.nodePath(BRIDGE)).map(node ->
            node.augmentation(OvsdbBridgeAugmentation.class));
    }

    /** The configured ports of br-int: name to options. */
    private Map<String, Map<String, String>> configPorts() {
        return configPorts(BRIDGE);
    }

    /** The configured ports of a bridge: name to options. */
    private Map<String, Map<String, String>> configPorts(final String bridgeNodeId) {
        final Map<String, Map<String, String>> ports = new HashMap<>();
        final Optional<Node> node = read(LogicalDatastoreType.CONFIGURATION, OvsdbTopology.nodePath(bridgeNodeId));
        if (node.isPresent() && node.get().getTerminationPoint() != null) {
            for (TerminationPoint tp : node.get().getTerminationPoint().values()) {
                final OvsdbTerminationPointAugmentation port =
                    tp.augmentation(OvsdbTerminationPointAugmentation.class);
                ports.put(port.getName(), port.getOptions() == null ? Map.of() : port.getOptions().values().stream()
                    .collect(Collectors.toMap(Options::getOption, Options::getValue)));
            }
        }
        return ports;
    }

    private static Set<String> targets(final OvsdbBridgeAugmentation bridge) {
        return bridge.getControllerEntry() == null ? Set.of() : bridge.getControllerEntry().values().stream()
            .map(entry -> entry.getTarget().getValue()).collect(Collectors.toSet());
    }

    private <T extends DataObject> Optional<T> read(final LogicalDatastoreType store,
            final InstanceIdentifier<T> path) {
        try (ReadTransaction tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(store, path).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(final String what, final java.util.function.BooleanSupplier done,
            final Supplier<Object> state) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            assertTrue("timed out waiting for " + what + ": " + state.get(), System.nanoTime() < deadline);
            Thread.sleep(10);
        }
    }

    /** The configuration as ConfigAdmin would deliver etc/org.flowtun.cfg. */
    private static FlowtunConfigSource configSource(final Map<String, String> properties) {
        final ManagedFlowtunConfig source = new ManagedFlowtunConfig();
        source.updated(new Hashtable<>(properties));
        return source;
    }
}
