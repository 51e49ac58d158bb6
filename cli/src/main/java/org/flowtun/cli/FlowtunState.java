/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.ChassisRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.cluster.rev261207.Jobs;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.Lports;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.LportStates;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.TunnelPorts;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.lport.states.LportState;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.tunnel.ports.Node;
import org.opendaylight.yangtools.yang.binding.ChildOf;
import org.opendaylight.yangtools.yang.binding.DataRoot;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * What the commands show, read from the datastore once per command (an operator's request, not a hot path):
 * nodes (flowtun-state:tunnel-ports), chassis, lports and their localities, the member that runs the jobs.
 */
final class FlowtunState {
    private static final long TIMEOUT_SECONDS = 30;

    private final Map<String, Node> nodes = new TreeMap<>();
    private final Map<String, Chassis> chassis = new TreeMap<>();
    private final Map<String, Lport> lports = new TreeMap<>();
    private final Map<String, LportState> lportStates = new TreeMap<>();
    private Jobs jobs;

    private FlowtunState() {
    }

    static FlowtunState read(final DataBroker dataBroker) throws InterruptedException, ExecutionException,
            TimeoutException {
        final FlowtunState state = new FlowtunState();
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            read(tx, LogicalDatastoreType.OPERATIONAL, TunnelPorts.class).map(TunnelPorts::getNode)
                .ifPresent(all -> all.values().forEach(node -> state.nodes.put(node.getNodeId(), node)));
            read(tx, LogicalDatastoreType.CONFIGURATION, ChassisRegistry.class).map(ChassisRegistry::getChassis)
                .ifPresent(all -> all.values().forEach(entry -> state.chassis.put(entry.getId().getValue(), entry)));
            read(tx, LogicalDatastoreType.CONFIGURATION, Lports.class).map(Lports::getLport)
                .ifPresent(all -> all.values().forEach(lport -> state.lports.put(lport.getId().getValue(), lport)));
            read(tx, LogicalDatastoreType.OPERATIONAL, LportStates.class).map(LportStates::getLportState)
                .ifPresent(all -> all.values().forEach(lport -> state.lportStates.put(lport.getId(), lport)));
            state.jobs = read(tx, LogicalDatastoreType.OPERATIONAL, Jobs.class).orElse(null);
        }
        return state;
    }

    private static <T extends ChildOf<? extends DataRoot>> Optional<T> read(final ReadTransaction tx,
            final LogicalDatastoreType store, final Class<T> container) throws InterruptedException,
            ExecutionException, TimeoutException {
        return tx.read(store, InstanceIdentifier.create(container)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Nodes by node id. */
    Map<String, Node> nodes() {
        return nodes;
    }

    Map<String, Chassis> chassis() {
        return chassis;
    }

    Map<String, Lport> lports() {
        return lports;
    }

    Map<String, LportState> lportStates() {
        return lportStates;
    }

    /** "flowtun's jobs run on member-2 (since ...)", as the member that runs them recorded it. */
    String jobsLine() {
        return jobs == null || jobs.getOwner() == null ? "flowtun's jobs run on no member yet"
            : "flowtun's jobs (locality service, flows, tunnel manager) run on " + jobs.getOwner() + " (since "
                + jobs.getSince() + ")";
    }

    /** The member that runs flowtun's jobs, or "another member". */
    String jobsOwner() {
        return jobs == null || jobs.getOwner() == null ? "another member" : jobs.getOwner();
    }

    /** The chassis of a node, or "-". */
    String chassisOf(final String nodeId) {
        final Node node = nodes.get(nodeId);
        return node == null || node.getChassisId() == null ? "-" : node.getChassisId();
    }

    /**
     * The node ids a user's name for a node means: a node id, or a chassis id (the node of that chassis). Empty
     * when nothing matches.
     */
    List<String> resolveNode(final String name) {
        if (nodes.containsKey(name)) {
            return List.of(name);
        }
        final List<String> matches = new ArrayList<>();
        nodes.values().stream().filter(node -> name.equals(node.getChassisId()))
            .forEach(node -> matches.add(node.getNodeId()));
        return matches;
    }

    static <V> Collection<V> values(final Map<?, V> map) {
        return map == null ? List.of() : map.values();
    }
}
