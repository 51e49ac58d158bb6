/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowtun.impl.flow.FlowAction;
import org.flowtun.impl.flow.FlowApp;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.Pipeline;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.trunk.SubPort;

/**
 * The trunk app: a trunk sub-port follows its parent lport. Where the parent is local, the sub-port is local on the
 * parent's OVS port with its VLAN: packets tagged with it are the sub-port's ({@code in_port=P,dl_vlan=V ->
 * pop_vlan, reg6=R, metadata=N, goto L2_LOOKUP}, above the parent's untagged flow) and packets for it leave tagged
 * ({@code reg7=R -> push_vlan, vlan_vid=V, output:P}). Elsewhere it is remote, reached through the parent's host
 * (the tunnel app's egress flow with the parent's destination). Pure.
 */
public final class TrunkApp {
    private TrunkApp() {
    }

    /** A sub-port local on the node: its parent is at {@code parentOfport}. */
    public static Placement localPlacement(final long lportKey, final long networkKey, final String mac,
            final long parentOfport, final int vlan) {
        final List<FlowSpec> flows = new ArrayList<>();
        flows.add(classificationFlow(parentOfport, vlan, lportKey, networkKey));
        final L2App.Attachment attachment = L2App.Attachment.tagged(parentOfport, vlan);
        flows.addAll(L2App.localPortFlows(lportKey, networkKey, mac, attachment));
        return Placement.local(flows, attachment);
    }

    /** The trunk's parent lport (its sub-ports follow it), or null for a deleted trunk. */
    static String parentLport(final Trunk trunk) {
        return trunk == null || trunk.getParentLport() == null ? null : trunk.getParentLport().getValue();
    }

    /** The trunk's sub-ports and their VLAN ids. */
    static Map<String, Integer> subPorts(final Trunk trunk) {
        final Map<String, Integer> subPorts = new HashMap<>();
        if (trunk != null && trunk.getSubPort() != null) {
            for (SubPort sub : trunk.getSubPort().values()) {
                if (sub.getSegmentationId() != null) {
                    subPorts.put(sub.getLport().getValue(), sub.getSegmentationId().toJava());
                }
            }
        }
        return subPorts;
    }

    public static FlowSpec classificationFlow(final long parentOfport, final int vlan, final long lportKey,
            final long networkKey) {
        return FlowSpec.builder(FlowApp.TRUNK, Pipeline.INGRESS_CLASSIFICATION_DISPATCH,
                Pipeline.TAGGED_PORT_PRIORITY)
            .matchInPort(parentOfport)
            .matchVlan(vlan)
            .apply(FlowAction.popVlan())
            .apply(FlowAction.loadReg6(lportKey))
            .writeMetadata(networkKey)
            .gotoTable(Pipeline.L2_LOOKUP)
            .build();
    }
}
