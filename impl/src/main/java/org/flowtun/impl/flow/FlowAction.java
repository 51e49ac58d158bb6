/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;

/**
 * One OpenFlow action of a {@link FlowSpec}, written as {@code ovs-ofctl} prints it.
 */
public final class FlowAction {
    public enum Kind {
        LOAD_REG6,
        LOAD_REG7,
        SET_TUNNEL_ID,
        SET_TUNNEL_IPV4_DST,
        PUSH_VLAN,
        SET_VLAN_VID,
        POP_VLAN,
        SET_ETH_DST,
        SET_IPV4_DST,
        OUTPUT,
        GROUP
    }

    /** The 802.1Q ethertype pushed with a VLAN tag. */
    public static final int VLAN_ETHERTYPE = 0x8100;
    /** OpenFlow's OFPVID_PRESENT bit, set in a vlan_vid value that carries a VLAN id. */
    public static final int VLAN_PRESENT = 0x1000;

    private static final Kind[] KINDS = Kind.values();
    private static final int VALUE_BITS = 56;
    private static final long VALUE_MASK = (1L << VALUE_BITS) - 1;

    private final Kind kind;
    private final long value;

    private FlowAction(final Kind kind, final long value) {
        checkArgument((value & ~VALUE_MASK) == 0, "%s value %s does not fit in %s bits", kind, value, VALUE_BITS);
        this.kind = kind;
        this.value = value;
    }

    /**
     * The action in one long: its kind in the top byte, its value in the other 56 bits (every value flowtun sets
     * fits: keys, ports and IPv4 addresses are 32-bit, MACs 48). A flow keeps its actions so: a long each instead
     * of an object and a list slot.
     */
    long packed() {
        return (long) kind.ordinal() << VALUE_BITS | value;
    }

    static FlowAction unpack(final long packed) {
        return new FlowAction(KINDS[(int) (packed >>> VALUE_BITS)], packed & VALUE_MASK);
    }

    public static FlowAction loadReg6(final long value) {
        return new FlowAction(Kind.LOAD_REG6, value);
    }

    public static FlowAction loadReg7(final long value) {
        return new FlowAction(Kind.LOAD_REG7, value);
    }

    public static FlowAction setTunnelId(final long tunnelId) {
        return new FlowAction(Kind.SET_TUNNEL_ID, tunnelId);
    }

    /** {@code ipv4} as an unsigned 32-bit value (see {@link Ipv4#toLong}). */
    public static FlowAction setTunnelIpv4Dst(final long ipv4) {
        return new FlowAction(Kind.SET_TUNNEL_IPV4_DST, ipv4);
    }

    /** Pushes an 802.1Q tag ({@link #VLAN_ETHERTYPE}); follow it with {@link #setVlanVid}. */
    public static FlowAction pushVlan() {
        return new FlowAction(Kind.PUSH_VLAN, VLAN_ETHERTYPE);
    }

    /** Sets the VLAN id (1..4094) of the outermost tag. */
    public static FlowAction setVlanVid(final int vlanId) {
        return new FlowAction(Kind.SET_VLAN_VID, vlanId);
    }

    public static FlowAction popVlan() {
        return new FlowAction(Kind.POP_VLAN, 0);
    }

    /** {@code mac} as a 48-bit value (see {@link #macToLong}). */
    public static FlowAction setEthDst(final long mac) {
        return new FlowAction(Kind.SET_ETH_DST, mac);
    }

    /** {@code ipv4} as an unsigned 32-bit value (see {@link Ipv4#toLong}). */
    public static FlowAction setIpv4Dst(final long ipv4) {
        return new FlowAction(Kind.SET_IPV4_DST, ipv4);
    }

    public static FlowAction output(final long port) {
        return new FlowAction(Kind.OUTPUT, port);
    }

    /** Sends the packet to an OpenFlow group (see {@link GroupSpec}). */
    public static FlowAction group(final long groupId) {
        return new FlowAction(Kind.GROUP, groupId);
    }

    public Kind kind() {
        return kind;
    }

    public long value() {
        return value;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof FlowAction && ((FlowAction) obj).kind == kind && ((FlowAction) obj).value == value;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, value);
    }

    @Override
    public String toString() {
        switch (kind) {
            case LOAD_REG6:
                return "load:0x" + Long.toHexString(value) + "->NXM_NX_REG6[]";
            case LOAD_REG7:
                return "load:0x" + Long.toHexString(value) + "->NXM_NX_REG7[]";
            case SET_TUNNEL_ID:
                return "set_field:0x" + Long.toHexString(value) + "->tun_id";
            case SET_TUNNEL_IPV4_DST:
                return "set_field:" + Ipv4.toText(value) + "->tun_dst";
            case PUSH_VLAN:
                return "push_vlan:0x" + Long.toHexString(value);
            case SET_VLAN_VID:
                return "set_field:" + (value | VLAN_PRESENT) + "->vlan_vid";
            case POP_VLAN:
                return "pop_vlan";
            case SET_ETH_DST:
                return "set_field:" + macToText(value) + "->eth_dst";
            case SET_IPV4_DST:
                return "set_field:" + Ipv4.toText(value) + "->ip_dst";
            case OUTPUT:
                return "output:" + value;
            case GROUP:
                return "group:" + value;
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** A MAC address ({@code aa:bb:cc:dd:ee:ff}, any case) as a 48-bit value. */
    public static long macToLong(final String mac) {
        final String[] octets = mac.split(":");
        if (octets.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + mac);
        }
        long value = 0;
        for (String octet : octets) {
            value = value << 8 | Integer.parseInt(octet, 16);
        }
        return value;
    }

    /** A 48-bit value as a lower-case MAC address. */
    public static String macToText(final long mac) {
        final StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (text.length() > 0) {
                text.append(':');
            }
            text.append(String.format("%02x", mac >>> shift & 0xFF));
        }
        return text.toString();
    }
}
