/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.ovsdb;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A port of a bridge, as the OVSDB monitor reports it: name, interface type ({@code vxlan}, {@code gre},
 * {@code geneve}, {@code internal}, {@code system}, ...), options, external ids and OpenFlow port number
 * (0 until OVS assigns one). Immutable.
 */
public final class OvsdbPort {
    public static final String IFACE_ID = "iface-id";

    private final String name;
    private final String type;
    private final Map<String, String> options;
    private final Map<String, String> externalIds;
    private final long ofport;

    public OvsdbPort(final String name, final String type, final Map<String, String> options,
            final Map<String, String> externalIds, final long ofport) {
        this.name = requireNonNull(name);
        this.type = requireNonNull(type);
        this.options = Map.copyOf(options);
        this.externalIds = Map.copyOf(externalIds);
        this.ofport = ofport;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public Map<String, String> options() {
        return options;
    }

    public Map<String, String> externalIds() {
        return externalIds;
    }

    /** The OpenFlow port number, or 0 (also for OVS's -1: the port could not be created). */
    public long ofport() {
        return ofport;
    }

    /** The lport this port attaches ({@code external_ids:iface-id}). */
    public Optional<String> ifaceId() {
        return Optional.ofNullable(externalIds.get(IFACE_ID));
    }

    /** Whether this is a flow-based tunnel port: {@code options:remote_ip=flow}. */
    public boolean isFlowBasedTunnel() {
        return "flow".equals(options.get("remote_ip"));
    }

    @Override
    public boolean equals(final Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof OvsdbPort)) {
            return false;
        }
        final OvsdbPort other = (OvsdbPort) obj;
        return ofport == other.ofport && name.equals(other.name) && type.equals(other.type)
            && options.equals(other.options) && externalIds.equals(other.externalIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, options, externalIds, ofport);
    }

    @Override
    public String toString() {
        return name + "(" + type + ", ofport " + ofport + ", " + options + ")";
    }
}
