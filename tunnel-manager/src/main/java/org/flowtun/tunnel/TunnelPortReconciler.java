/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.ovsdb.BridgeMappings;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.OvsdbTopology;
import org.flowtun.impl.ovsdb.SwitchStateCache;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one node's integration bridge and virtual tunnel ports to what the configuration asks for: computes
 * the {@link TunnelPortPlan} from the cached switch state and writes only the difference. A write is not
 * repeated while the switch has not had time to report it (the retry delay); a plan still unmet after that is
 * written again. Runs on the tunnel manager's single thread.
 */
final class TunnelPortReconciler {
    static final long RETRY_NANOS = 15_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(TunnelPortReconciler.class);
    private static final String PATCHES = " patch ports";

    private final SwitchStateCache switches;
    private final OvsdbConfigWriter writer;
    /** What was last written per node and when: intent fingerprint and System.nanoTime(). */
    private final Map<String, Map.Entry<String, Long>> inFlight = new HashMap<>();
    /** What was last logged of each node's bridge mappings. */
    private final Map<String, String> mappingReports = new HashMap<>();

    TunnelPortReconciler(final SwitchStateCache switches, final OvsdbConfigWriter writer) {
        this.switches = requireNonNull(switches);
        this.writer = requireNonNull(writer);
    }

    /**
     * Reconciles a node; returns true when something was written (the caller schedules a check after the
     * retry delay).
     */
    boolean reconcile(final FlowtunConfig config, final String switchNodeId) {
        final Optional<OvsdbSwitch> node = switches.ovsdbSwitch(switchNodeId);
        if (node.isEmpty()) {
            forget(switchNodeId);
            return false;
        }
        final Optional<OvsdbBridge> bridge = switches.bridge(switchNodeId, config.integrationBridge());
        final TunnelPortPlan plan = TunnelPortPlan.compute(config, node.get(), bridge);
        final BridgeMappings mappings = node.get().bridgeMappings(config.integrationBridge());
        final PatchPortPlan patches = PatchPortPlan.compute(config.integrationBridge(), mappings,
            switches.bridges(switchNodeId));
        reportMappings(switchNodeId, mappings, patches);
        // the bridge and tunnel ports, and the patch ports, each wait for the switch on their own: one that is
        // still changing does not make the other write again
        boolean written = false;
        if (due(switchNodeId, plan.isEmpty() ? null : plan.toString())) {
            apply(config, node.get(), bridge.orElse(null), plan);
            written = true;
        }
        if (due(switchNodeId + PATCHES, patches.isEmpty() ? null : patches.toString())) {
            applyPatches(node.get(), patches);
            written = true;
        }
        return written;
    }

    /**
     * Whether {@code intent} (null: nothing to do) is to be written now: not when the same was written less than
     * {@link #RETRY_NANOS} ago (the switch has not reported it yet).
     */
    private boolean due(final String key, final String intent) {
        if (intent == null) {
            inFlight.remove(key);
            return false;
        }
        final Map.Entry<String, Long> last = inFlight.get(key);
        final long now = System.nanoTime();
        if (last != null && last.getKey().equals(intent) && now - last.getValue() < RETRY_NANOS) {
            LOG.debug("{}: waiting for the switch to report {}", key, intent);
            return false;
        }
        inFlight.put(key, Map.entry(intent, now));
        return true;
    }

    /** Logs a node's mappings when they change, with what cannot be used and the bridges it lacks. */
    private void reportMappings(final String switchNodeId, final BridgeMappings mappings,
            final PatchPortPlan patches) {
        final String report = mappings + " " + mappings.problems() + " " + patches.missingBridges();
        if (report.equals(mappingReports.put(switchNodeId, report))) {
            return;
        }
        if (!mappings.isEmpty() || !mappings.problems().isEmpty()) {
            LOG.info("{}: bridge mappings {}", switchNodeId, mappings.isEmpty() ? "none" : mappings);
        }
        mappings.problems().forEach(problem -> LOG.warn("{}: external_ids:{}: {}", switchNodeId,
            BridgeMappings.EXTERNAL_ID, problem));
        patches.missingBridges().forEach(missing -> LOG.warn("{}: bridge {} is mapped but does not exist: create it"
            + " and add the physical network's NIC to it (ovs-vsctl add-br, add-port)", switchNodeId, missing));
    }

    private void applyPatches(final OvsdbSwitch node, final PatchPortPlan patches) {
        if (!patches.portsToWrite().isEmpty()) {
            final Set<String> missing = new HashSet<>();
            for (PatchPortSpec port : patches.portsToWrite()) {
                final boolean exists = switches.bridge(node.nodeId(), port.bridge())
                    .map(bridge -> bridge.ports().containsKey(port.name())).orElse(false);
                if (!exists) {
                    missing.add(port.name());
                }
                final String action = exists ? "updating" : "creating";
                LOG.info("{}: {} patch port {}", node.nodeId(), action, port);
            }
            log(writer.writePatchPorts(node.nodeId(), patches.portsToWrite(), missing), node, "write patch ports");
        }
        patches.portsToRemove().forEach((bridgeName, ports) -> {
            ports.forEach(port -> LOG.info("{}: removing patch port {} of {} (no mapping wants it)", node.nodeId(),
                port.name(), bridgeName));
            log(writer.removePorts(OvsdbTopology.bridgeNodeId(node.nodeId(), bridgeName), ports), node,
                "remove patch ports " + ports.stream().map(OvsdbPort::name).collect(Collectors.toList()));
        });
    }

    void forget(final String switchNodeId) {
        inFlight.remove(switchNodeId);
        inFlight.remove(switchNodeId + PATCHES);
        mappingReports.remove(switchNodeId);
    }

    /** Forgets every write in flight: the next owner of the job decides from what the switches report. */
    void forgetAll() {
        inFlight.clear();
    }

    private void apply(final FlowtunConfig config, final OvsdbSwitch node, final OvsdbBridge bridge,
            final TunnelPortPlan plan) {
        final String bridgeNodeId = OvsdbTopology.bridgeNodeId(node.nodeId(), config.integrationBridge());
        switch (plan.bridgeAction()) {
            case CREATE:
                LOG.info("{}: creating {} ({} datapath, controller {})", node.nodeId(), config.integrationBridge(),
                    config.datapathType(), plan.controllerTargets());
                log(writer.writeBridge(node, config, plan, null), node, "create " + config.integrationBridge());
                break;
            case SET_CONTROLLERS:
                LOG.info("{}: setting the controller of existing {} to {}{}", node.nodeId(),
                    config.integrationBridge(), plan.controllerTargets(), plan.controllersToRemove().isEmpty() ? ""
                        : ", removing " + plan.controllersToRemove());
                log(writer.writeBridge(node, config, plan, bridge), node, "set the controller of "
                    + config.integrationBridge());
                break;
            default:
                break;
        }
        if (!plan.portsToWrite().isEmpty()) {
            final Set<String> missing = plan.portsToWrite().stream().map(TunnelPortSpec::name)
                .filter(name -> bridge == null || !bridge.ports().containsKey(name)).collect(Collectors.toSet());
            plan.portsToWrite().forEach(port -> LOG.info("{}: {} tunnel port {} (local_ip={})", node.nodeId(),
                missing.contains(port.name()) ? "creating" : "updating", port.name(), port.localIp()));
            log(writer.writePorts(bridgeNodeId, plan.portsToWrite(), missing), node, "write tunnel ports");
        }
        if (!plan.portsToRemove().isEmpty()) {
            plan.portsToRemove().forEach(port -> LOG.info("{}: removing tunnel port {} of an unconfigured type",
                node.nodeId(), port.name()));
            log(writer.removePorts(bridgeNodeId, plan.portsToRemove()), node, "remove tunnel ports "
                + plan.portsToRemove().stream().map(OvsdbPort::name).collect(Collectors.toList()));
        }
    }

    private static void log(final FluentFuture<? extends CommitInfo> future, final OvsdbSwitch node,
            final String what) {
        future.addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("{}: {}: written", node.nodeId(), what);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("{}: could not {}: {} (retried)", node.nodeId(), what, cause.getMessage());
            }
        }, MoreExecutors.directExecutor());
    }
}
