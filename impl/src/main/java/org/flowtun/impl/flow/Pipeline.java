/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

/**
 * The flowtun OpenFlow pipeline: table numbers (as in Dragonflow), priorities and the cookie layout. The one
 * place for them.
 */
public final class Pipeline {
    public static final short INGRESS_CLASSIFICATION_DISPATCH = 0;
    public static final short L2_LOOKUP = 55;
    public static final short EGRESS = 75;
    public static final short INGRESS_DESTINATION_PORT_LOOKUP = 100;
    public static final short INGRESS_DISPATCH = 115;

    /** Flows that match one port, one (tunnel, network) pair or one MAC address of a network. */
    public static final int PORT_PRIORITY = 100;
    /** A trunk sub-port's classification: its parent's port and its VLAN (above the parent's untagged flow). */
    public static final int TAGGED_PORT_PRIORITY = 110;
    /** Group ids below this are a network's flood group (its key); above, the groups chained from it. */
    private static final long FLOOD_SUB_GROUP_STEP = 1L << 24;

    /** A network's broadcast / multicast flooding. */
    public static final int FLOOD_PRIORITY = 50;
    /**
     * A vlan or flat network's unicast to a MAC that no port of it has: out to its physical network, where other
     * hosts (a router, a host of another cloud) may have it.
     */
    public static final int UNKNOWN_UNICAST_PRIORITY = 10;

    /**
     * Cookie layout: bits 63..56 mark a flowtun flow, bits 55..48 name the app that wants it, bits 47..0 are a
     * hash of the flow's full text, so a flow on a switch is recognised without reading its match back.
     */
    public static final long FLOWTUN_COOKIE = 0xF7L << 56;
    public static final long FLOWTUN_COOKIE_MASK = 0xFFL << 56;
    public static final long APP_COOKIE_MASK = 0xFFFFL << 48;
    public static final long FLOW_HASH_MASK = (1L << 48) - 1;

    /**
     * Seals (a cluster member's switches only, see {@link SealDigests}): flows in a table no packet reaches, one per
     * bucket of flowtun flows and one for the whole switch, whose cookies hold digests of what the switch holds, so
     * that a member taking the jobs over can tell, from a few flows read back, which of a switch's flows it need not
     * send again. A seal's priority is {@code 1 +} its index; its cookie {@link #SEAL_COOKIE} and a 56-bit digest.
     */
    public static final short SEAL_TABLE = 250;
    public static final long SEAL_COOKIE = 0xF6L << 56;
    public static final long SEAL_COOKIE_MASK = 0xFFL << 56;
    /** Buckets of flowtun flows, by the low bits of their cookie (a power of two). */
    public static final int SEAL_BUCKETS = 64;
    /** The index of the switch's own seal: a digest of the flows that send to groups; its age is the last vouch. */
    public static final int SWITCH_SEAL = SEAL_BUCKETS;
    public static final int SEALS = SEAL_BUCKETS + 1;

    private Pipeline() {
    }

    /** Whether a flow with this cookie is flowtun's. */
    public static boolean isFlowtunCookie(final long cookie) {
        return (cookie & FLOWTUN_COOKIE_MASK) == FLOWTUN_COOKIE;
    }

    /** The seal bucket of a flowtun flow with this cookie. */
    public static int sealBucket(final long cookie) {
        return (int) (cookie & (SEAL_BUCKETS - 1));
    }

    /** The cookie of a seal holding {@code digest}. */
    public static long sealCookie(final long digest) {
        return SEAL_COOKIE | (digest & ~SEAL_COOKIE_MASK);
    }

    /** The cookie mask that selects a seal bucket's flowtun flows. */
    public static long sealBucketMask() {
        return FLOWTUN_COOKIE_MASK | (SEAL_BUCKETS - 1);
    }

    /** The group a network floods to on a node: its key. */
    public static long floodGroup(final long networkKey) {
        return networkKey;
    }

    /**
     * The {@code index}-th group chained from a network's flood group when its remote hosts do not fit one group
     * (the network's key in the low 24 bits, {@code index + 1} above).
     */
    public static long floodSubGroup(final long networkKey, final int index) {
        return (index + 1) * FLOOD_SUB_GROUP_STEP + networkKey;
    }
}
