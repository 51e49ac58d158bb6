/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.List;
import java.util.Optional;
import org.flowtun.impl.flow.FlowAction;
import org.flowtun.impl.flow.FlowApp;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.Pipeline;

/**
 * The classification app: an lport is local on a node when it is bound to the node's chassis and an OVS
 * interface with {@code external_ids:iface-id=<lport>} is on the node's integration bridge. Its table-0 flow
 * classifies the port's packets: {@code in_port=P -> reg6=R, metadata=N, goto L2_LOOKUP}. Pure.
 */
public final class ClassificationApp {
    private ClassificationApp() {
    }

    /** The lport's local placement on the node, or empty when it is not local there. */
    public static Optional<Placement> place(final NodeInfo node, final LportInfo lport, final long lportKey,
            final long networkKey) {
        final Long ofport = localOfport(node, lport);
        if (ofport == null) {
            return Optional.empty();
        }
        return Optional.of(Placement.local(List.of(classificationFlow(ofport, lportKey, networkKey)),
            L2App.Attachment.untagged(ofport)));
    }

    /** The lport's OVS port on the node when it is local there (bound to the node's chassis, plugged), or null. */
    public static Long localOfport(final NodeInfo node, final LportInfo lport) {
        final Long ofport = node.vmPort(lport.id());
        return ofport == null || lport.chassis() == null || !lport.chassis().equals(node.chassisId()) ? null : ofport;
    }

    public static FlowSpec classificationFlow(final long ofport, final long lportKey, final long networkKey) {
        return FlowSpec.builder(FlowApp.CLASSIFICATION, Pipeline.INGRESS_CLASSIFICATION_DISPATCH,
                Pipeline.PORT_PRIORITY)
            .matchInPort(ofport)
            .apply(FlowAction.loadReg6(lportKey))
            .writeMetadata(networkKey)
            .gotoTable(Pipeline.L2_LOOKUP)
            .build();
    }
}
