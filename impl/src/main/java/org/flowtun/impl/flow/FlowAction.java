/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

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
        OUTPUT
    }

    private final Kind kind;
    private final long value;

    private FlowAction(final Kind kind, final long value) {
        this.kind = kind;
        this.value = value;
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

    public static FlowAction output(final long port) {
        return new FlowAction(Kind.OUTPUT, port);
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
            case OUTPUT:
                return "output:" + value;
            default:
                throw new IllegalStateException(kind.name());
        }
    }
}
