/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hasher;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An OpenFlow group of type {@code all} that a flow sends packets to: each bucket gets its own copy of the packet
 * and applies its actions to it. flowtun floods a network's broadcast and multicast through one, a bucket per local
 * port and per remote host, so the number of hosts is not bounded by one flow's action list. A group belongs to the
 * flow that refers to it ({@link FlowSpec.Builder#applyGroup}): it is written, changed and removed with that flow.
 */
public final class GroupSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** OpenFlow's OFPG_MAX: group ids above it are reserved. */
    public static final long MAX_GROUP_ID = 0xffffff00L;

    private final long groupId;
    /** Each bucket's actions, {@link FlowAction#packed() packed}. */
    private final long[][] buckets;

    public GroupSpec(final long groupId, final List<List<FlowAction>> buckets) {
        checkArgument(groupId >= 0 && groupId <= MAX_GROUP_ID, "group id %s out of range", groupId);
        this.groupId = groupId;
        this.buckets = buckets.stream().map(bucket -> bucket.stream().mapToLong(FlowAction::packed).toArray())
            .toArray(long[][]::new);
    }

    public long groupId() {
        return groupId;
    }

    /** Each bucket's actions, in order. */
    public List<List<FlowAction>> buckets() {
        final List<List<FlowAction>> result = new ArrayList<>(buckets.length);
        for (long[] bucket : buckets) {
            result.add(Arrays.stream(bucket).mapToObj(FlowAction::unpack).collect(Collectors.toList()));
        }
        return result;
    }

    /** Its id and every bucket's actions, into a flow's content hash. */
    void putContent(final Hasher hasher) {
        hasher.putLong(groupId).putInt(buckets.length);
        for (long[] bucket : buckets) {
            hasher.putInt(bucket.length);
            for (long action : bucket) {
                hasher.putLong(action);
            }
        }
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof GroupSpec && ((GroupSpec) obj).groupId == groupId
            && Arrays.deepEquals(((GroupSpec) obj).buckets, buckets);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(groupId) * 31 + Arrays.deepHashCode(buckets);
    }

    /** The group as {@code ovs-ofctl -O OpenFlow13 dump-groups} shows it. */
    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder("group_id=").append(groupId).append(",type=all");
        for (List<FlowAction> bucket : buckets()) {
            text.append(",bucket=actions=").append(bucket.stream().map(FlowAction::toString)
                .collect(Collectors.joining(",")));
        }
        return text.toString();
    }
}
