/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.MessagesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.Message;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.MessageBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleAddFlowCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleRemoveFlowCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.add.flow._case.AddFlowCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.remove.flow._case.RemoveFlowCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleControlType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleFlags;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleId;

/**
 * Inputs of OpenFlowPlugin's bundle RPCs ({@code sal-bundle}, ONF extension 230, which Open vSwitch implements
 * for OpenFlow 1.3): open, add flow-mods, commit or discard. The flow-mods are the very ones
 * {@link OpenFlowInputs} builds for the flow RPCs.
 */
public final class BundleInputs {
    /** Applied all or nothing, in the order given. */
    private static final BundleFlags ATOMIC_ORDERED = new BundleFlags(true, true);

    private BundleInputs() {
    }

    public static ControlBundleInput control(final String openflowNodeId, final BundleId id,
            final BundleControlType type) {
        return new ControlBundleInputBuilder()
            .setNode(OpenFlowInputs.nodeRef(openflowNodeId))
            .setBundleId(id)
            .setType(type)
            .setFlags(ATOMIC_ORDERED)
            .build();
    }

    /**
     * The bundle's messages: the removals first, then the additions (an addition replaces a flow it matches). Each
     * message is made when read, so that a bundle's messages are built chunk by chunk as they are sent instead of
     * all at once (a whole switch's replacement can be tens of thousands).
     */
    public static List<Message> messages(final String openflowNodeId, final List<FlowSpec> adds,
            final Map<Long, Short> removes) {
        final List<Map.Entry<Long, Short>> removals = List.copyOf(removes.entrySet());
        return removalsThenAdditions(openflowNodeId, removals.size(), index -> OpenFlowInputs.removeFlow(
            openflowNodeId, removals.get(index).getValue(), removals.get(index).getKey()), adds);
    }

    /** Every flowtun flow removed, then {@code flows} added; made when read, like {@link #messages}. */
    public static List<Message> replacement(final String openflowNodeId, final List<FlowSpec> flows) {
        final RemoveFlowInput removeAll = OpenFlowInputs.removeFlowtunFlows(openflowNodeId);
        return removalsThenAdditions(openflowNodeId, 1, index -> removeAll, flows);
    }

    /**
     * {@code removalCount} removals ({@code removal} makes the i-th), then one addition per flow of {@code adds}:
     * each message is made when the list is read at its index.
     */
    private static List<Message> removalsThenAdditions(final String openflowNodeId, final int removalCount,
            final IntFunction<RemoveFlowInput> removal, final List<FlowSpec> adds) {
        final NodeRef node = OpenFlowInputs.nodeRef(openflowNodeId);
        return new AbstractList<>() {
            @Override
            public Message get(final int index) {
                return index < removalCount ? removal(node, removal.apply(index))
                    : addition(openflowNodeId, node, adds.get(index - removalCount));
            }

            @Override
            public int size() {
                return removalCount + adds.size();
            }
        };
    }

    private static Message removal(final NodeRef node, final RemoveFlowInput removal) {
        return new MessageBuilder().setNode(node)
            .setBundleInnerMessage(new BundleRemoveFlowCaseBuilder().setRemoveFlowCaseData(
                new RemoveFlowCaseDataBuilder(removal).build()).build())
            .build();
    }

    private static Message addition(final String openflowNodeId, final NodeRef node, final FlowSpec flow) {
        return new MessageBuilder().setNode(node)
            .setBundleInnerMessage(new BundleAddFlowCaseBuilder().setAddFlowCaseData(
                new AddFlowCaseDataBuilder(OpenFlowInputs.addFlow(openflowNodeId, flow)).build()).build())
            .build();
    }

    public static AddBundleMessagesInput add(final String openflowNodeId, final BundleId id,
            final List<Message> messages) {
        return new AddBundleMessagesInputBuilder()
            .setNode(OpenFlowInputs.nodeRef(openflowNodeId))
            .setBundleId(id)
            .setFlags(ATOMIC_ORDERED)
            // made once here (the lists above make their messages when read)
            .setMessages(new MessagesBuilder().setMessage(List.copyOf(messages)).build())
            .build();
    }
}
