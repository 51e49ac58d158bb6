/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

/**
 * The digests a switch's seals hold for a set of flows (see {@link Pipeline#SEAL_TABLE}): per bucket of flows (the
 * low bits of their cookie), the sum of a 64-bit mix of each flow's key and cookie; for the switch seal, the same
 * over the flows that send to groups (their cookie hashes their groups' content, so the sum stands for the groups
 * the switch holds). A sum, so that a flow added or removed costs one addition: no set is ever walked.
 */
public final class SealDigests {
    private final long[] sums = new long[Pipeline.SEALS];

    /** {@code flow} is wanted now. */
    public void add(final FlowSpec flow) {
        update(flow, mix(flow));
    }

    /** {@code flow} is wanted no more. */
    public void remove(final FlowSpec flow) {
        update(flow, -mix(flow));
    }

    /** The cookie of the seal {@code index} ({@link Pipeline#SWITCH_SEAL} or a bucket) for the flows added. */
    public long sealCookie(final int index) {
        return Pipeline.sealCookie(sums[index]);
    }

    private void update(final FlowSpec flow, final long term) {
        sums[Pipeline.sealBucket(flow.cookie())] += term;
        if (!flow.groups().isEmpty()) {
            sums[Pipeline.SWITCH_SEAL] += term;
        }
    }

    /** MurmurHash3's 64-bit finaliser over key and cookie: equal flows mix equal, on every member. */
    private static long mix(final FlowSpec flow) {
        long value = flow.key() * 0x9E3779B97F4A7C15L + flow.cookie();
        value ^= value >>> 33;
        value *= 0xFF51AFD7ED558CCDL;
        value ^= value >>> 33;
        value *= 0xC4CEB9FE1A85EC53L;
        value ^= value >>> 33;
        return value;
    }
}
