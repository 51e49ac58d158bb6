/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A flow an app wants on a switch, independent of OpenFlowPlugin's model: what the pure flow-building functions
 * return and tests compare. Its {@link #key()} (table, priority, match) is its identity on a switch (OpenFlow
 * replaces a flow with the same key); its {@link #cookie()} identifies its whole content.
 */
public final class FlowSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final String MULTICAST_BIT = "01:00:00:00:00:00";

    private final FlowApp app;
    private final short table;
    private final int priority;
    private final Long inPort;
    private final Integer vlanId;
    private final boolean ipv4;
    private final Long tunnelId;
    private final Long reg7;
    private final Long metadata;
    private final String ethDst;
    private final String ethDstMask;
    /** Applied actions, {@link FlowAction#packed() packed}: a long each, not an object and a list slot. */
    private final long[] actions;
    private final Long writeMetadata;
    private final Short gotoTable;
    /**
     * The groups written, changed and removed with this flow: the one its actions send to, last, and before it
     * those that group's buckets send to; empty when it has none.
     */
    private final List<GroupSpec> groups;
    /** A 64-bit hash of table, priority and match, not their text (see {@link #key()}). */
    private final Long key;
    /** The app's bits and a hash of the full content (match, instructions, groups). */
    private final long cookie;

    private FlowSpec(final Builder builder) {
        app = requireNonNull(builder.app);
        table = builder.table;
        priority = builder.priority;
        inPort = builder.inPort;
        vlanId = builder.vlanId;
        ipv4 = builder.ipv4;
        tunnelId = builder.tunnelId;
        reg7 = builder.reg7;
        metadata = builder.metadata;
        ethDst = builder.ethDst;
        ethDstMask = builder.ethDstMask;
        actions = builder.actions.stream().mapToLong(FlowAction::packed).toArray();
        writeMetadata = builder.writeMetadata;
        gotoTable = builder.gotoTable;
        groups = builder.groups;

        // hashes of the fields themselves, not of the text they print as (the same equality, without building it)
        final Hasher match = Hashing.murmur3_128().newHasher();
        putMatch(match);
        key = match.hash().asLong();
        final Hasher content = Hashing.murmur3_128().newHasher();
        putMatch(content);
        putInstructions(content);
        cookie = app.cookie() | content.hash().asLong() & Pipeline.FLOW_HASH_MASK;
    }

    /** Table, priority and each match field present, tagged (an absent field adds nothing). */
    private void putMatch(final Hasher hasher) {
        hasher.putShort(table).putInt(priority).putBoolean(ipv4);
        putOptional(hasher, 't', tunnelId);
        putOptional(hasher, 'i', inPort);
        if (vlanId != null) {
            hasher.putChar('v').putInt(vlanId);
        }
        putOptional(hasher, 'r', reg7);
        putOptional(hasher, 'm', metadata);
        if (ethDst != null) {
            hasher.putChar('e').putUnencodedChars(ethDst);
            if (ethDstMask != null) {
                hasher.putChar('/').putUnencodedChars(ethDstMask);
            }
        }
    }

    /** The applied actions (packed), metadata written, next table and groups, each part tagged. */
    private void putInstructions(final Hasher hasher) {
        hasher.putChar('a').putInt(actions.length);
        for (long action : actions) {
            hasher.putLong(action);
        }
        putOptional(hasher, 'w', writeMetadata);
        if (gotoTable != null) {
            hasher.putChar('g').putShort(gotoTable);
        }
        for (GroupSpec group : groups) {
            group.putContent(hasher.putChar('G'));
        }
    }

    private static void putOptional(final Hasher hasher, final char tag, final Long value) {
        if (value != null) {
            hasher.putChar(tag).putLong(value);
        }
    }

    /** Table, priority and match as ovs-ofctl shows them. */
    private String matchText() {
        final String fields = matchFields();
        return "table=" + table + ",priority=" + priority + (fields.isEmpty() ? "" : "," + fields);
    }

    /** The match's fields as ovs-ofctl shows them ({@code in_port=4}, {@code metadata=0x1,dl_dst=...}). */
    public String matchFields() {
        final StringBuilder match = new StringBuilder();
        if (ipv4) {
            match.append(",ip");
        }
        if (tunnelId != null) {
            match.append(",tun_id=0x").append(Long.toHexString(tunnelId));
        }
        if (inPort != null) {
            match.append(",in_port=").append(inPort);
        }
        if (vlanId != null) {
            match.append(vlanId == 0 ? ",vlan_tci=0x0000/0x1fff" : ",dl_vlan=" + vlanId);
        }
        if (reg7 != null) {
            match.append(",reg7=0x").append(Long.toHexString(reg7));
        }
        if (metadata != null) {
            match.append(",metadata=0x").append(Long.toHexString(metadata));
        }
        if (ethDst != null) {
            match.append(",dl_dst=").append(ethDst);
            if (ethDstMask != null) {
                match.append('/').append(ethDstMask);
            }
        }
        return match.length() == 0 ? "" : match.substring(1);
    }

    /** The flow's text, and its group's when it has one: the cookie changes when either does. */
    private String text(final String match, final List<FlowAction> applied) {
        return match + " actions=" + instructions(applied) + (groups.isEmpty() ? "" : " " + groups);
    }

    /** The instructions as ovs-ofctl shows them after {@code actions=}. */
    public String instructions() {
        return instructions(actions());
    }

    private String instructions(final List<FlowAction> applied) {
        final List<String> parts = new ArrayList<>();
        if (!applied.isEmpty()) {
            parts.add(applied.stream().map(FlowAction::toString).collect(Collectors.joining(",")));
        }
        if (writeMetadata != null) {
            parts.add("write_metadata:0x" + Long.toHexString(writeMetadata));
        }
        if (gotoTable != null) {
            parts.add("goto_table:" + gotoTable);
        }
        return parts.isEmpty() ? "drop" : String.join(",", parts);
    }

    public static Builder builder(final FlowApp app, final short table, final int priority) {
        return new Builder(app, table, priority);
    }

    public FlowApp app() {
        return app;
    }

    public short table() {
        return table;
    }

    public int priority() {
        return priority;
    }

    public Long inPort() {
        return inPort;
    }

    /** The VLAN matched: 1..4094, 0 for untagged packets only, null when any. */
    public Integer vlanId() {
        return vlanId;
    }

    /** Whether only IPv4 packets match ({@code dl_type=0x0800}). */
    public boolean ipv4() {
        return ipv4;
    }

    public Long tunnelId() {
        return tunnelId;
    }

    public Long reg7() {
        return reg7;
    }

    public Long metadata() {
        return metadata;
    }

    public String ethDst() {
        return ethDst;
    }

    /** The mask of {@link #ethDst()}, or null for an exact match. */
    public String ethDstMask() {
        return ethDstMask;
    }

    /** The applied actions, in order (made on each call). */
    public List<FlowAction> actions() {
        final FlowAction[] result = new FlowAction[actions.length];
        for (int i = 0; i < actions.length; i++) {
            result[i] = FlowAction.unpack(actions[i]);
        }
        return List.of(result);
    }

    public Long writeMetadata() {
        return writeMetadata;
    }

    public Short gotoTable() {
        return gotoTable;
    }

    /**
     * The groups that go with this flow, in the order they are written: those chained from the flow's group, then
     * the group its actions send to; empty when it sends to none.
     */
    public List<GroupSpec> groups() {
        return groups;
    }

    /**
     * Table, priority and match, as a 64-bit hash: two flows with the same key cannot both be on a switch. A hash,
     * like the cookie, so that a node's reconciler keeps a number per flow instead of the match's text; a
     * collision among a node's flows is vanishingly unlikely with 64 bits.
     */
    public Long key() {
        return key;
    }

    /** The app's cookie bits and a 48-bit hash of the full content (what {@link #toString()} prints). */
    public long cookie() {
        return cookie;
    }

    /** Same app, match and instructions (the content the cookie hashes; the cookie is compared first). */
    @Override
    public boolean equals(final Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof FlowSpec)) {
            return false;
        }
        final FlowSpec other = (FlowSpec) obj;
        return cookie == other.cookie && app == other.app && table == other.table && priority == other.priority
            && ipv4 == other.ipv4 && Objects.equals(inPort, other.inPort) && Objects.equals(vlanId, other.vlanId)
            && Objects.equals(tunnelId, other.tunnelId) && Objects.equals(reg7, other.reg7)
            && Objects.equals(metadata, other.metadata) && Objects.equals(ethDst, other.ethDst)
            && Objects.equals(ethDstMask, other.ethDstMask) && Arrays.equals(actions, other.actions)
            && Objects.equals(writeMetadata, other.writeMetadata) && Objects.equals(gotoTable, other.gotoTable)
            && groups.equals(other.groups);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(cookie);
    }

    /**
     * The flow as {@code ovs-ofctl -O OpenFlow13 dump-flows} would show it (without counters and cookie), followed
     * by its group as {@code dump-groups} would show it, if it has one.
     */
    @Override
    public String toString() {
        return text(matchText(), actions());
    }

    public static final class Builder {
        private final FlowApp app;
        private final short table;
        private final int priority;
        private Long inPort;
        private Integer vlanId;
        private boolean ipv4;
        private Long tunnelId;
        private Long reg7;
        private Long metadata;
        private String ethDst;
        private String ethDstMask;
        private final List<FlowAction> actions = new ArrayList<>();
        private Long writeMetadata;
        private Short gotoTable;
        private List<GroupSpec> groups = List.of();

        private Builder(final FlowApp app, final short table, final int priority) {
            this.app = app;
            this.table = table;
            this.priority = priority;
        }

        public Builder matchInPort(final long port) {
            this.inPort = port;
            return this;
        }

        /** Packets tagged with VLAN {@code id} (1..4094). */
        public Builder matchVlan(final int id) {
            this.vlanId = id;
            return this;
        }

        /** Packets without a VLAN tag. */
        public Builder matchUntagged() {
            this.vlanId = 0;
            return this;
        }

        /** IPv4 packets only. */
        public Builder matchIpv4() {
            this.ipv4 = true;
            return this;
        }

        public Builder matchTunnelId(final long id) {
            this.tunnelId = id;
            return this;
        }

        public Builder matchReg7(final long value) {
            this.reg7 = value;
            return this;
        }

        public Builder matchMetadata(final long value) {
            this.metadata = value;
            return this;
        }

        public Builder matchEthDst(final String mac) {
            this.ethDst = mac.toLowerCase(Locale.ROOT);
            return this;
        }

        /** Multicast and broadcast destinations: {@code dl_dst=01:00:00:00:00:00/01:00:00:00:00:00}. */
        public Builder matchMulticast() {
            this.ethDst = MULTICAST_BIT;
            this.ethDstMask = MULTICAST_BIT;
            return this;
        }

        public Builder apply(final FlowAction action) {
            actions.add(action);
            return this;
        }

        public Builder writeMetadata(final long value) {
            this.writeMetadata = value;
            return this;
        }

        public Builder gotoTable(final short nextTable) {
            this.gotoTable = nextTable;
            return this;
        }

        /**
         * Sends the packet to {@code group}, written with the flow, as are the groups {@code chained} that its buckets
         * send to (OpenFlow limits one group to what one 64 KB message holds).
         */
        public Builder applyGroup(final GroupSpec group, final List<GroupSpec> chained) {
            checkState(groups.isEmpty(), "a flow sends to one group");
            final List<GroupSpec> all = new ArrayList<>(chained);
            all.add(group);
            groups = List.copyOf(all);
            return apply(FlowAction.group(group.groupId()));
        }

        public FlowSpec build() {
            return new FlowSpec(this);
        }
    }
}
