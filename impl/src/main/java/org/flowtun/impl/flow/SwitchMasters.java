/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.flowtun.impl.cluster.SingletonJob;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.eos.common.api.EntityOwnershipState;
import org.opendaylight.mdsal.eos.dom.api.DOMEntity;
import org.opendaylight.mdsal.eos.dom.api.DOMEntityOwnershipChange;
import org.opendaylight.mdsal.eos.dom.api.DOMEntityOwnershipListener;
import org.opendaylight.mdsal.eos.dom.api.DOMEntityOwnershipService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun._switch.rev261207.FlowtunSwitchService;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switches this member is OpenFlow master of (OpenFlowPlugin runs each connected switch as a cluster singleton
 * named after it, {@code openflow:<datapath id>}): for each, this member answers the switch's
 * {@code flowtun-switch:write-to-switch} requests (a routed RPC implementation registered for its inventory node).
 */
public final class SwitchMasters implements MasterFlowWriter.Mastership, DOMEntityOwnershipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchMasters.class);
    private static final String OPENFLOW = "openflow:";

    private final DOMEntityOwnershipService ownershipService;
    private final RpcProviderService rpcProvider;
    private final SwitchRequestHandler handler;
    private final Map<String, Registration> mastered = new ConcurrentHashMap<>();
    private final Registration listener;

    public SwitchMasters(final DOMEntityOwnershipService ownershipService, final RpcProviderService rpcProvider,
            final FlowWriter local) {
        this.ownershipService = requireNonNull(ownershipService);
        this.rpcProvider = requireNonNull(rpcProvider);
        this.handler = new SwitchRequestHandler(local);
        this.listener = ownershipService.registerListener(SingletonJob.ENTITY_TYPE, this);
    }

    /**
     * Whether this member is the switch's master now (asked of the ownership service itself when its change has not
     * been heard yet: a switch that has just connected).
     */
    @Override
    public boolean isMaster(final String openflowNodeId) {
        return mastered.containsKey(openflowNodeId) || ownershipService.getOwnershipState(
            new DOMEntity(SingletonJob.ENTITY_TYPE, openflowNodeId))
            .map(state -> state == EntityOwnershipState.IS_OWNER).orElse(false);
    }

    @Override
    public void ownershipChanged(final DOMEntityOwnershipChange change) {
        final String name = entityName(change.getEntity().getIdentifier().getLastPathArgument());
        if (name == null || !name.startsWith(OPENFLOW)) {
            return;
        }
        if (change.getState().isOwner() && !change.inJeopardy()) {
            mastered.computeIfAbsent(name, node -> {
                LOG.debug("{}: this member is its master; it answers flowtun's requests for it", node);
                final Set<InstanceIdentifier<?>> path = Set.of(OpenFlowInputs.nodePath(node));
                return rpcProvider.registerRpcImplementation(FlowtunSwitchService.class, handler, path);
            });
        } else {
            final Registration registration = mastered.remove(name);
            if (registration != null) {
                LOG.debug("{}: this member is no longer its master", name);
                registration.close();
            }
        }
    }

    private static String entityName(final PathArgument argument) {
        if (argument instanceof NodeIdentifierWithPredicates) {
            for (Object value : ((NodeIdentifierWithPredicates) argument).values()) {
                return String.valueOf(value);
            }
        }
        return null;
    }

    @Override
    public void close() {
        listener.close();
        mastered.values().forEach(Registration::close);
        mastered.clear();
    }
}
