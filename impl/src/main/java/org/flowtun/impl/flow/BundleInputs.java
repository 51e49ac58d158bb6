/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.RemoveGroupInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.MessagesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.Message;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.MessageBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleAddFlowCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleAddGroupCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleRemoveFlowCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleRemoveGroupCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleUpdateGroupCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.add.flow._case.AddFlowCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.add.group._case.AddGroupCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.remove.flow._case.RemoveFlowCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.remove.group._case.RemoveGroupCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.update.group._case.UpdateGroupCaseDataBuilder;
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
     * The bundle's messages, in the order {@link SwitchChanges} gives. Each message is made when read, so that a
     * bundle's messages are built chunk by chunk as they are sent instead of all at once (a whole switch's
     * replacement can be tens of thousands).
     */
    public static List<Message> messages(final String openflowNodeId, final SwitchChanges changes) {
        final NodeRef node = OpenFlowInputs.nodeRef(openflowNodeId);
        final List<Supplier<Message>> steps = new ArrayList<>(changes.size());
        changes.bucketRemovals().forEach(bucket -> steps.add(() -> flowRemoval(node,
            OpenFlowInputs.removeSealBucket(openflowNodeId, bucket))));
        if (changes.allGroupsRemoved()) {
            steps.add(() -> groupRemoval(node, OpenFlowInputs.removeGroup(openflowNodeId, OpenFlowInputs.ALL_GROUPS)));
        }
        changes.flowRemovals().forEach((cookie, table) -> steps.add(() -> flowRemoval(node,
            OpenFlowInputs.removeFlow(openflowNodeId, table, cookie))));
        changes.groupAdditions().forEach(group -> steps.add(() -> groupAddition(openflowNodeId, node, group)));
        changes.groupModifications().forEach(group -> steps.add(() -> new MessageBuilder().setNode(node)
            .setBundleInnerMessage(new BundleUpdateGroupCaseBuilder().setUpdateGroupCaseData(
                new UpdateGroupCaseDataBuilder(OpenFlowInputs.addGroup(openflowNodeId, group)).build()).build())
            .build()));
        changes.flowAdditions().forEach(flow -> steps.add(() -> flowAddition(node,
            OpenFlowInputs.addFlow(openflowNodeId, flow))));
        changes.groupRemovals().forEach(group -> steps.add(() -> groupRemoval(node,
            OpenFlowInputs.removeGroup(openflowNodeId, group))));
        seals(openflowNodeId, node, changes.seals(), steps);
        return madeWhenRead(steps);
    }

    /**
     * Every flowtun flow and every group removed (flowtun owns the bridge's groups), then {@code flows} added with
     * their groups, then {@code seals} written (index to cookie); made when read, like {@link #messages}.
     */
    public static List<Message> replacement(final String openflowNodeId, final List<FlowSpec> flows,
            final Map<Integer, Long> seals) {
        final NodeRef node = OpenFlowInputs.nodeRef(openflowNodeId);
        final List<Supplier<Message>> steps = new ArrayList<>(flows.size() + seals.size() + 2);
        steps.add(() -> flowRemoval(node, OpenFlowInputs.removeFlowtunFlows(openflowNodeId)));
        steps.add(() -> groupRemoval(node, OpenFlowInputs.removeGroup(openflowNodeId, OpenFlowInputs.ALL_GROUPS)));
        additions(openflowNodeId, node, flows, steps);
        seals(openflowNodeId, node, seals, steps);
        return madeWhenRead(steps);
    }

    private static void seals(final String openflowNodeId, final NodeRef node, final Map<Integer, Long> seals,
            final List<Supplier<Message>> steps) {
        new TreeMap<>(seals).forEach((index, cookie) -> steps.add(() -> flowAddition(node,
            OpenFlowInputs.addSeal(openflowNodeId, index, cookie))));
    }

    /** Each flow after its groups (those it sends to through others first), all added afresh. */
    private static void additions(final String openflowNodeId, final NodeRef node, final List<FlowSpec> adds,
            final List<Supplier<Message>> steps) {
        for (FlowSpec flow : adds) {
            flow.groups().forEach(group -> steps.add(() -> groupAddition(openflowNodeId, node, group)));
            steps.add(() -> flowAddition(node, OpenFlowInputs.addFlow(openflowNodeId, flow)));
        }
    }

    private static Message groupAddition(final String openflowNodeId, final NodeRef node, final GroupSpec group) {
        return new MessageBuilder().setNode(node)
            .setBundleInnerMessage(new BundleAddGroupCaseBuilder().setAddGroupCaseData(
                new AddGroupCaseDataBuilder(OpenFlowInputs.addGroup(openflowNodeId, group)).build()).build())
            .build();
    }

    private static Message flowAddition(final NodeRef node, final AddFlowInput addition) {
        return new MessageBuilder().setNode(node)
            .setBundleInnerMessage(new BundleAddFlowCaseBuilder().setAddFlowCaseData(
                new AddFlowCaseDataBuilder(addition).build()).build())
            .build();
    }

    private static List<Message> madeWhenRead(final List<Supplier<Message>> steps) {
        return new AbstractList<>() {
            @Override
            public Message get(final int index) {
                return steps.get(index).get();
            }

            @Override
            public int size() {
                return steps.size();
            }
        };
    }

    private static Message flowRemoval(final NodeRef node, final RemoveFlowInput removal) {
        return new MessageBuilder().setNode(node)
            .setBundleInnerMessage(new BundleRemoveFlowCaseBuilder().setRemoveFlowCaseData(
                new RemoveFlowCaseDataBuilder(removal).build()).build())
            .build();
    }

    private static Message groupRemoval(final NodeRef node, final RemoveGroupInput removal) {
        return new MessageBuilder().setNode(node)
            .setBundleInnerMessage(new BundleRemoveGroupCaseBuilder().setRemoveGroupCaseData(
                new RemoveGroupCaseDataBuilder(removal).build()).build())
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
