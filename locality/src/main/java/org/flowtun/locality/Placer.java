/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Where an lport is on a node, and the flows that make it so: the apps' rules composed by the lport's role
 * (distributed: L3 and DHCP apps; following its associated lport: DNAT app; following its trunk's parent: trunk
 * app; by its own binding: classification app if local, tunnel app if remote; L2 app for the MAC lookups). Remote
 * and distributed only on a node that needs the lport's network ({@link NetworkNeeds}). A function of the logical
 * model, the needs and the node; it changes nothing.
 */
final class Placer {
    /** The longest chain of followers (a floating IP on a trunk sub-port is two); longer ones are cycles. */
    private static final int MAX_CHAIN = 8;

    private final LogicalModel model;
    private final NetworkNeeds needs;

    Placer(final LogicalModel model, final NetworkNeeds needs) {
        this.model = requireNonNull(model);
        this.needs = requireNonNull(needs);
    }

    /** The lport's placement on the node (keys allocated), by its role. */
    Placement place(final NodeInfo node, final LportInfo lport, final NetworkInfo network, final long lportKey,
            final long networkKey) {
        final LportRoles.Role role = model.roleOf(lport);
        switch (role.kind()) {
            case DISTRIBUTED:
                return needs.needs(node.nodeId(), lport.network()) ? Placement.distributed(List.of())
                    : Placement.NONE;
            case UNASSOCIATED:
                return Placement.NONE;
            case OWN:
                return ClassificationApp.place(node, lport, lportKey, networkKey)
                    .map(local -> local.withFlows(L2App.localPortFlows(lportKey, networkKey, lport.mac(),
                        local.attachment())))
                    .or(() -> remotePlacement(node, lport, lport, network, lportKey, networkKey))
                    .orElse(Placement.NONE);
            default:
                break;
        }
        final LportInfo anchor = model.lport(role.anchor());
        if (anchor == null) {
            return Placement.NONE;
        }
        if (role.kind() == LportRoles.Kind.SUB_PORT) {
            // a sub-port's parent is placed by its own binding (a trunk's parent is no sub-port)
            if (model.roleOf(anchor).kind() != LportRoles.Kind.OWN) {
                return Placement.NONE;
            }
            final Long parentOfport = ClassificationApp.localOfport(node, anchor);
            if (parentOfport != null) {
                return TrunkApp.localPlacement(lportKey, networkKey, lport.mac(), parentOfport, role.vlan());
            }
            return remotePlacement(node, lport, anchor, network, lportKey, networkKey).orElse(Placement.NONE);
        }
        // a floating lport: where its associated lport is (on its own port, or a trunk sub-port on its parent's)
        final L2App.Attachment associated = attachmentOf(node, anchor);
        if (associated != null) {
            return DnatApp.localPlacement(lportKey, networkKey, lport.mac(), associated, anchor.mac(),
                DnatApp.fixedIp(role.fixedIp(), anchor));
        }
        final LportInfo binding = bindingOf(lport);
        return binding == null ? Placement.NONE
            : remotePlacement(node, lport, binding, network, lportKey, networkKey).orElse(Placement.NONE);
    }

    /**
     * The lport whose binding (chassis or host) places {@code lport}: itself, or at the end of the chain of lports
     * it follows (a floating IP's associated lport, a sub-port's trunk parent); null when it is distributed,
     * unassociated, or follows a missing lport.
     */
    LportInfo bindingOf(final LportInfo lport) {
        LportInfo current = lport;
        for (int depth = 0; depth < MAX_CHAIN && current != null; depth++) {
            final LportRoles.Role role = model.roleOf(current);
            switch (role.kind()) {
                case OWN:
                    return current;
                case FLOATING:
                case SUB_PORT:
                    current = model.lport(role.anchor());
                    break;
                default:
                    return null;
            }
        }
        // a cycle of followers: no binding
        return null;
    }

    /**
     * Where the lport receives packets on the node when it is local there: its own OVS port, or (a trunk
     * sub-port) its parent's port and its VLAN; null otherwise.
     */
    private L2App.Attachment attachmentOf(final NodeInfo node, final LportInfo lport) {
        final LportRoles.Role role = model.roleOf(lport);
        if (role.kind() == LportRoles.Kind.OWN) {
            final Long ofport = ClassificationApp.localOfport(node, lport);
            return ofport == null ? null : L2App.Attachment.untagged(ofport);
        }
        if (role.kind() == LportRoles.Kind.SUB_PORT) {
            final LportInfo parent = model.lport(role.anchor());
            final Long ofport = parent == null || model.roleOf(parent).kind() != LportRoles.Kind.OWN ? null
                : ClassificationApp.localOfport(node, parent);
            return ofport == null ? null : L2App.Attachment.tagged(ofport, role.vlan());
        }
        return null;
    }

    /**
     * Remote through where {@code binding} lives: the tunnel app's egress flow (the provider app's, on a vlan or flat
     * network) and the MAC lookup leading to it; on a node that does not need the lport's network, nothing.
     */
    private Optional<Placement> remotePlacement(final NodeInfo node, final LportInfo lport, final LportInfo binding,
            final NetworkInfo network, final long lportKey, final long networkKey) {
        if (!needs.needs(node.nodeId(), lport.network())) {
            return Optional.of(Placement.NONE);
        }
        final Optional<Placement> remote = network != null && network.isProvider()
            ? ProviderApp.place(node, binding, network, lportKey)
            : TunnelApp.place(node, binding, network, model.chassisIp(binding.chassis()), lportKey);
        return remote.map(placed -> placed.flows().isEmpty() ? placed
            : placed.withFlows(L2App.remotePortFlows(lportKey, networkKey, lport.mac())));
    }
}
