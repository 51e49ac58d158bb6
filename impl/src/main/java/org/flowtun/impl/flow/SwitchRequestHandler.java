/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.io.Serializable;
import java.util.HashMap;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun._switch.rev261207.FlowtunSwitchService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun._switch.rev261207.WriteToSwitchInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun._switch.rev261207.WriteToSwitchOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun._switch.rev261207.WriteToSwitchOutputBuilder;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The {@code flowtun-switch:write-to-switch} RPC on a switch's master member: runs the request with the local
 * {@link FlowWriter} (OpenFlowPlugin's RPCs, invoked where the switch is connected as master, so nothing is
 * serialized on the way) and answers with its result, or with how it failed.
 */
final class SwitchRequestHandler implements FlowtunSwitchService {
    /** A failed request's answer: the reason, and whether the switch itself refused it. */
    static final class Failure implements Serializable {
        private static final long serialVersionUID = 1L;

        final String message;
        final boolean rejectedBySwitch;

        Failure(final Throwable cause) {
            this.message = String.valueOf(cause.getMessage());
            this.rejectedBySwitch = cause instanceof SwitchRejectedException;
        }

        RuntimeException toException(final String openflowNodeId) {
            final String text = openflowNodeId + " (through its master member): " + message;
            return rejectedBySwitch ? new SwitchRejectedException(text) : new IllegalStateException(text);
        }
    }

    private final FlowWriter local;

    SwitchRequestHandler(final FlowWriter local) {
        this.local = requireNonNull(local);
    }

    @Override
    public ListenableFuture<RpcResult<WriteToSwitchOutput>> writeToSwitch(final WriteToSwitchInput input) {
        final NodeKey key = ((InstanceIdentifier<?>) input.getNode().getValue()).firstKeyOf(Node.class);
        if (key == null) {
            return Futures.immediateFuture(answer(new Failure(new IllegalArgumentException("not a switch: "
                + input.getNode().getValue()))));
        }
        final String node = key.getId().getValue();
        final SwitchRequest request = SwitchRequest.decode(input.getRequest(), SwitchRequest.class);
        final SettableFuture<RpcResult<WriteToSwitchOutput>> answer = SettableFuture.create();
        Futures.addCallback(run(node, request), new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                answer.set(answer(result));
            }

            @Override
            public void onFailure(final Throwable cause) {
                answer.set(answer(new Failure(cause)));
            }
        }, MoreExecutors.directExecutor());
        return answer;
    }

    private static RpcResult<WriteToSwitchOutput> answer(final Object value) {
        return RpcResultBuilder.success(new WriteToSwitchOutputBuilder().setResult(SwitchRequest.encode(value))
            .build()).build();
    }

    /** Runs the request here; its answer: the count, the installed flows, the seals, or nothing (done). */
    private ListenableFuture<Object> run(final String node, final SwitchRequest request) {
        switch (request.kind) {
            case ADD:
                return done(local.add(node, request.flow));
            case REMOVE:
                return done(local.remove(node, request.table, request.cookie));
            case BUNDLE:
                return done(local.bundle(node, request.changes));
            case REPLACE:
                return done(local.replace(node, request.flows, request.seals));
            case SEALS:
                return Futures.transform(local.seals(node), seals -> new HashMap<>(seals),
                    MoreExecutors.directExecutor());
            case COUNT_FLOWS:
                return Futures.transform(local.countFlows(node), count -> count, MoreExecutors.directExecutor());
            case INSTALLED_FLOWS:
                return Futures.transform(local.installedFlows(node), flows -> new HashMap<>(flows),
                    MoreExecutors.directExecutor());
            default:
                return Futures.immediateFailedFuture(new IllegalArgumentException("unknown request " + request.kind));
        }
    }

    /** Done, or failed: what OpenFlowPlugin answered beyond that stays here. */
    private static ListenableFuture<Object> done(final ListenableFuture<?> future) {
        return Futures.transform(future, ignored -> null, MoreExecutors.directExecutor());
    }
}
