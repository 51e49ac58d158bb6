/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * IPv4 addresses as the unsigned 32-bit values flows carry.
 */
public final class Ipv4 {
    private Ipv4() {
    }

    /** The value of a dotted-quad IPv4 address; IllegalArgumentException for anything else. */
    public static long toLong(final String address) {
        final InetAddress parsed = InetAddresses.forString(address);
        if (!(parsed instanceof Inet4Address)) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return Integer.toUnsignedLong(InetAddresses.coerceToInteger(parsed));
    }

    public static String toText(final long value) {
        return (value >>> 24 & 0xFF) + "." + (value >>> 16 & 0xFF) + "." + (value >>> 8 & 0xFF) + "." + (value & 0xFF);
    }
}
