/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.GroupActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PopVlanActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PushVlanActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.group.action._case.GroupActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.output.action._case.OutputActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.pop.vlan.action._case.PopVlanActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.push.vlan.action._case.PushVlanActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetFieldBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.ActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowModFlags;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.InstructionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.GoToTableCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.WriteMetadataCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.apply.actions._case.ApplyActionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.go.to.table._case.GoToTableBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.write.metadata._case.WriteMetadataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.Instruction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.InstructionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.AddGroupInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.AddGroupInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.RemoveGroupInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.RemoveGroupInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.BucketId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupTypes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.BucketsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.buckets.Bucket;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.buckets.BucketBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.EtherType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.VlanId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetDestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetTypeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.MetadataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.TunnelBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.VlanMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.vlan.match.fields.VlanIdBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowjava.nx.match.rev140421.NxmNxReg6;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowjava.nx.match.rev140421.NxmNxReg7;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.GeneralAugMatchRpcAddFlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.general.extension.grouping.ExtensionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.general.extension.list.grouping.ExtensionList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.general.extension.list.grouping.ExtensionListBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.add.flow.input.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NxActionRegLoadRpcAddFlowApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.add.group.input.buckets.bucket.action.action.NxActionRegLoadRpcAddGroupCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.DstChoice;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.dst.choice.DstNxRegCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.dst.choice.DstNxTunIpv4DstCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nx.action.reg.load.grouping.NxRegLoad;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nx.action.reg.load.grouping.NxRegLoadBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nx.action.reg.load.grouping.nx.reg.load.DstBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.NxAugMatchRpcAddFlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.NxmNxReg7Key;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.nxm.nx.reg.grouping.NxmNxRegBuilder;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Empty;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Turns {@link FlowSpec}s into OpenFlowPlugin flow RPC inputs (with the Nicira extensions for reg6/reg7 and
 * tun_dst). Pure: no I/O.
 */
public final class OpenFlowInputs {
    private static final Uint64 ALL_BITS = Uint64.MAX_VALUE;
    private static final Uint64 COOKIE_MASK = Uint64.fromLongBits(-1L);
    /** OpenFlow's OFPG_ALL: a group removal of every group. */
    public static final long ALL_GROUPS = 0xfffffffcL;
    /** OpenFlow's OFPTT_ALL: a flow removal in every table. */
    private static final short ALL_TABLES = 0xff;
    private static final long IPV4_ETHERTYPE = 0x0800;

    /**
     * Every flowtun flow asks the switch to say when it is removed (flow-removed, reason DELETE), so that a flow
     * deleted behind flowtun's back is noticed at once (the last bit is SEND_FLOW_REM).
     */
    private static final FlowModFlags SEND_FLOW_REMOVED = new FlowModFlags(false, false, false, false, true);

    private OpenFlowInputs() {
    }

    /** The path of an OpenFlow node id such as {@code openflow:1} in the inventory. */
    public static InstanceIdentifier<Node> nodePath(final String openflowNodeId) {
        return InstanceIdentifier.create(Nodes.class).child(Node.class, new NodeKey(new NodeId(openflowNodeId)));
    }

    /** The inventory node of an OpenFlow node id such as {@code openflow:1}. */
    public static NodeRef nodeRef(final String openflowNodeId) {
        return new NodeRef(nodePath(openflowNodeId));
    }

    public static AddFlowInput addFlow(final String openflowNodeId, final FlowSpec spec) {
        return new AddFlowInputBuilder()
            .setNode(nodeRef(openflowNodeId))
            .setTableId(Uint8.valueOf(spec.table()))
            .setPriority(Uint16.valueOf(spec.priority()))
            .setCookie(new FlowCookie(Uint64.fromLongBits(spec.cookie())))
            .setFlags(SEND_FLOW_REMOVED)
            .setHardTimeout(Uint16.ZERO)
            .setIdleTimeout(Uint16.ZERO)
            .setStrict(false)
            .setMatch(match(openflowNodeId, spec))
            .setInstructions(new InstructionsBuilder().setInstruction(instructions(openflowNodeId, spec)).build())
            .build();
    }

    /** The group of type all, a bucket per action list (the switch deletes a flow that sends to a group it deletes). */
    public static AddGroupInput addGroup(final String openflowNodeId, final GroupSpec group) {
        final List<Bucket> buckets = new ArrayList<>();
        for (List<FlowAction> bucketActions : group.buckets()) {
            final List<Action> actions = new ArrayList<>();
            for (FlowAction action : bucketActions) {
                actions.add(action(openflowNodeId, action, actions.size(), true));
            }
            buckets.add(new BucketBuilder().setBucketId(new BucketId(Uint32.valueOf(buckets.size())))
                .setAction(actions).build());
        }
        return new AddGroupInputBuilder()
            .setNode(nodeRef(openflowNodeId))
            .setGroupId(new GroupId(Uint32.valueOf(group.groupId())))
            .setGroupType(GroupTypes.GroupAll)
            .setBuckets(new BucketsBuilder().setBucket(buckets).build())
            .build();
    }

    /** Removes the group {@code groupId} ({@link #ALL_GROUPS}: every group), and the flows that send to it. */
    public static RemoveGroupInput removeGroup(final String openflowNodeId, final long groupId) {
        return new RemoveGroupInputBuilder()
            .setNode(nodeRef(openflowNodeId))
            .setGroupId(new GroupId(Uint32.valueOf(groupId)))
            .setGroupType(GroupTypes.GroupAll)
            .build();
    }

    /** Removes, in {@code table}, every flow whose cookie is exactly {@code cookie}. */
    public static RemoveFlowInput removeFlow(final String openflowNodeId, final short table, final long cookie) {
        return removeByCookie(openflowNodeId, table, cookie, COOKIE_MASK);
    }

    /** Removes every flowtun flow (cookie under {@link Pipeline#FLOWTUN_COOKIE_MASK}) in every table. */
    public static RemoveFlowInput removeFlowtunFlows(final String openflowNodeId) {
        return removeByCookie(openflowNodeId, ALL_TABLES, Pipeline.FLOWTUN_COOKIE,
            Uint64.fromLongBits(Pipeline.FLOWTUN_COOKIE_MASK));
    }

    /** Removes every flowtun flow of the seal bucket {@code bucket}, in every table. */
    public static RemoveFlowInput removeSealBucket(final String openflowNodeId, final int bucket) {
        return removeByCookie(openflowNodeId, ALL_TABLES, Pipeline.FLOWTUN_COOKIE | bucket,
            Uint64.fromLongBits(Pipeline.sealBucketMask()));
    }

    /**
     * The seal {@code index} with {@code cookie}: in {@link Pipeline#SEAL_TABLE}, any packet, no instruction; an add
     * replaces the seal of the same index (same match and priority) and restarts its age.
     */
    public static AddFlowInput addSeal(final String openflowNodeId, final int index, final long cookie) {
        return new AddFlowInputBuilder()
            .setNode(nodeRef(openflowNodeId))
            .setTableId(Uint8.valueOf(Pipeline.SEAL_TABLE))
            .setPriority(Uint16.valueOf(1 + index))
            .setCookie(new FlowCookie(Uint64.fromLongBits(cookie)))
            .setHardTimeout(Uint16.ZERO)
            .setIdleTimeout(Uint16.ZERO)
            .setStrict(false)
            .setMatch(new MatchBuilder().build())
            .setInstructions(new InstructionsBuilder().setInstruction(List.of()).build())
            .build();
    }

    /** Removes, in {@code table}, every flow (any match) whose cookie equals {@code cookie} under {@code mask}. */
    private static RemoveFlowInput removeByCookie(final String openflowNodeId, final short table, final long cookie,
            final Uint64 mask) {
        return new RemoveFlowInputBuilder()
            .setNode(nodeRef(openflowNodeId))
            .setTableId(Uint8.valueOf(table))
            .setCookie(new FlowCookie(Uint64.fromLongBits(cookie)))
            .setCookieMask(new FlowCookie(mask))
            .setStrict(false)
            .setMatch(new MatchBuilder().build())
            .build();
    }

    private static Match match(final String openflowNodeId, final FlowSpec spec) {
        final MatchBuilder match = new MatchBuilder();
        if (spec.inPort() != null) {
            match.setInPort(new NodeConnectorId(openflowNodeId + ":" + spec.inPort()));
        }
        if (spec.tunnelId() != null) {
            match.setTunnel(new TunnelBuilder().setTunnelId(Uint64.valueOf(spec.tunnelId())).build());
        }
        if (spec.metadata() != null) {
            match.setMetadata(new MetadataBuilder().setMetadata(Uint64.valueOf(spec.metadata()))
                .setMetadataMask(ALL_BITS).build());
        }
        if (spec.ethDst() != null || spec.ipv4()) {
            final EthernetMatchBuilder ethernet = new EthernetMatchBuilder();
            if (spec.ethDst() != null) {
                final EthernetDestinationBuilder destination = new EthernetDestinationBuilder()
                    .setAddress(new MacAddress(spec.ethDst()));
                if (spec.ethDstMask() != null) {
                    destination.setMask(new MacAddress(spec.ethDstMask()));
                }
                ethernet.setEthernetDestination(destination.build());
            }
            if (spec.ipv4()) {
                ethernet.setEthernetType(new EthernetTypeBuilder()
                    .setType(new EtherType(Uint32.valueOf(IPV4_ETHERTYPE))).build());
            }
            match.setEthernetMatch(ethernet.build());
        }
        if (spec.vlanId() != null) {
            match.setVlanMatch(spec.vlanId() == 0 ? untagged() : vlan(spec.vlanId()));
        }
        if (spec.reg7() != null) {
            final ExtensionList reg7 = new ExtensionListBuilder()
                .setExtensionKey(NxmNxReg7Key.class)
                .setExtension(new ExtensionBuilder().addAugmentation(new NxAugMatchRpcAddFlowBuilder()
                    .setNxmNxReg(new NxmNxRegBuilder().setReg(NxmNxReg7.class)
                        .setValue(Uint32.valueOf(spec.reg7())).build())
                    .build()).build())
                .build();
            match.addAugmentation(new GeneralAugMatchRpcAddFlowBuilder().setExtensionList(List.of(reg7)).build());
        }
        return match.build();
    }

    private static List<Instruction> instructions(final String openflowNodeId, final FlowSpec spec) {
        final List<Instruction> instructions = new ArrayList<>();
        if (!spec.actions().isEmpty()) {
            final List<Action> actions = new ArrayList<>();
            for (FlowAction action : spec.actions()) {
                actions.add(action(openflowNodeId, action, actions.size(), false));
            }
            instructions.add(instruction(instructions.size(), new ApplyActionsCaseBuilder()
                .setApplyActions(new ApplyActionsBuilder().setAction(actions).build()).build()));
        }
        if (spec.writeMetadata() != null) {
            instructions.add(instruction(instructions.size(), new WriteMetadataCaseBuilder()
                .setWriteMetadata(new WriteMetadataBuilder().setMetadata(Uint64.valueOf(spec.writeMetadata()))
                    .setMetadataMask(ALL_BITS).build()).build()));
        }
        if (spec.gotoTable() != null) {
            instructions.add(instruction(instructions.size(), new GoToTableCaseBuilder()
                .setGoToTable(new GoToTableBuilder().setTableId(Uint8.valueOf(spec.gotoTable())).build()).build()));
        }
        return instructions;
    }

    private static Instruction instruction(final int order,
            final org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.Instruction body) {
        return new InstructionBuilder().setOrder(order).setInstruction(body).build();
    }

    /** An action of a flow, or ({@code inGroup}) of a group's bucket, where Nicira's actions have their own type. */
    private static Action action(final String openflowNodeId, final FlowAction action, final int order,
            final boolean inGroup) {
        final ActionBuilder builder = new ActionBuilder().setOrder(order);
        switch (action.kind()) {
            case LOAD_REG6:
                return builder.setAction(regLoad(new DstNxRegCaseBuilder().setNxReg(NxmNxReg6.class).build(),
                    action.value(), inGroup)).build();
            case LOAD_REG7:
                return builder.setAction(regLoad(new DstNxRegCaseBuilder().setNxReg(NxmNxReg7.class).build(),
                    action.value(), inGroup)).build();
            case SET_TUNNEL_IPV4_DST:
                return builder.setAction(regLoad(new DstNxTunIpv4DstCaseBuilder().setNxTunIpv4Dst(Empty.getInstance())
                    .build(), action.value(), inGroup)).build();
            case SET_TUNNEL_ID:
                return builder.setAction(new SetFieldCaseBuilder().setSetField(new SetFieldBuilder()
                    .setTunnel(new TunnelBuilder().setTunnelId(Uint64.valueOf(action.value())).build()).build())
                    .build()).build();
            case PUSH_VLAN:
                return builder.setAction(new PushVlanActionCaseBuilder().setPushVlanAction(new PushVlanActionBuilder()
                    .setEthernetType(Uint16.valueOf(action.value())).build()).build()).build();
            case SET_VLAN_VID:
                return builder.setAction(new SetFieldCaseBuilder().setSetField(new SetFieldBuilder()
                    .setVlanMatch(vlan((int) action.value())).build()).build()).build();
            case POP_VLAN:
                return builder.setAction(new PopVlanActionCaseBuilder().setPopVlanAction(new PopVlanActionBuilder()
                    .build()).build()).build();
            case SET_ETH_DST:
                return builder.setAction(new SetFieldCaseBuilder().setSetField(new SetFieldBuilder()
                    .setEthernetMatch(new EthernetMatchBuilder().setEthernetDestination(new EthernetDestinationBuilder()
                        .setAddress(new MacAddress(FlowAction.macToText(action.value()))).build()).build())
                    .build()).build()).build();
            case SET_IPV4_DST:
                return builder.setAction(new SetFieldCaseBuilder().setSetField(new SetFieldBuilder()
                    .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(new Ipv4Prefix(
                        Ipv4.toText(action.value()) + "/32")).build()).build()).build()).build();
            case OUTPUT:
                return builder.setAction(new OutputActionCaseBuilder().setOutputAction(new OutputActionBuilder()
                    .setOutputNodeConnector(new Uri(openflowNodeId + ":" + action.value()))
                    .setMaxLength(Uint16.ZERO).build()).build()).build();
            case GROUP:
                return builder.setAction(new GroupActionCaseBuilder().setGroupAction(new GroupActionBuilder()
                    .setGroupId(Uint32.valueOf(action.value())).build()).build()).build();
            default:
                throw new IllegalArgumentException("unknown action " + action);
        }
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.VlanMatch vlan(
            final int vlanId) {
        return new VlanMatchBuilder().setVlanId(new VlanIdBuilder().setVlanId(new VlanId(Uint16.valueOf(vlanId)))
            .setVlanIdPresent(true).build()).build();
    }

    /** Only packets without a VLAN tag (OXM VLAN_VID = OFPVID_NONE). */
    private static org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.VlanMatch
            untagged() {
        return new VlanMatchBuilder().setVlanId(new VlanIdBuilder().setVlanId(new VlanId(Uint16.ZERO))
            .setVlanIdPresent(false).build()).build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.Action regLoad(
            final DstChoice destination, final long value, final boolean inGroup) {
        final NxRegLoad load = new NxRegLoadBuilder()
            .setDst(new DstBuilder().setDstChoice(destination).setStart(Uint16.ZERO).setEnd(Uint16.valueOf(31))
                .build())
            .setValue(BigInteger.valueOf(value)).build();
        return inGroup ? new NxActionRegLoadRpcAddGroupCaseBuilder().setNxRegLoad(load).build()
            : new NxActionRegLoadRpcAddFlowApplyActionsCaseBuilder().setNxRegLoad(load).build();
    }
}
