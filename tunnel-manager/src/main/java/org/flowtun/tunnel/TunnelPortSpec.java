/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Objects;
import org.flowtun.impl.NetworkKind;

/**
 * A virtual tunnel port as flowtun wants it on a node: {@code <type>-tunnel-port} of OVS type {@code <type>}
 * with {@code options: key=flow, local_ip=<node ip>, remote_ip=flow}.
 */
public final class TunnelPortSpec {
    public static final String SUFFIX = "-tunnel-port";

    private final NetworkKind type;
    private final String localIp;

    public TunnelPortSpec(final NetworkKind type, final String localIp) {
        if (!type.isTunnel()) {
            throw new IllegalArgumentException(type.yangName() + " is not a tunnel type");
        }
        this.type = type;
        this.localIp = requireNonNull(localIp);
    }

    public static String portName(final NetworkKind type) {
        return type.yangName() + SUFFIX;
    }

    public NetworkKind type() {
        return type;
    }

    public String name() {
        return portName(type);
    }

    public String localIp() {
        return localIp;
    }

    public Map<String, String> options() {
        return Map.of("key", "flow", "local_ip", localIp, "remote_ip", "flow");
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof TunnelPortSpec && type == ((TunnelPortSpec) obj).type
            && localIp.equals(((TunnelPortSpec) obj).localIp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, localIp);
    }

    @Override
    public String toString() {
        return name() + options();
    }
}
