/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.flowtun.impl.NetworkKind;

/**
 * flowtun's configuration ({@code etc/org.flowtun.cfg}, PID {@code org.flowtun}) as one typed, validated
 * value. {@link #parse(Map)} rejects a bad value with a message naming the key; the caller keeps the
 * previous configuration in force.
 */
public final class FlowtunConfig {
    public static final String PID = "org.flowtun";
    public static final String TUNNEL_TYPES = "tunnel-types";
    public static final String INTEGRATION_BRIDGE = "integration-bridge";
    public static final String CONTROLLER_TARGET = "controller-target";
    public static final String DATAPATH_TYPE = "datapath-type";

    public static final FlowtunConfig DEFAULT = new FlowtunConfig(
        List.of(NetworkKind.VXLAN, NetworkKind.GRE, NetworkKind.GENEVE), "br-int", null, "system");

    private static final Pattern BRIDGE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern TARGET = Pattern.compile("(tcp|ssl|unix):.+|(ptcp|pssl|punix):.*");

    private final List<NetworkKind> tunnelTypes;
    private final String integrationBridge;
    private final String controllerTarget;
    private final String datapathType;

    private FlowtunConfig(final List<NetworkKind> tunnelTypes, final String integrationBridge,
            final String controllerTarget, final String datapathType) {
        this.tunnelTypes = List.copyOf(tunnelTypes);
        this.integrationBridge = integrationBridge;
        this.controllerTarget = controllerTarget;
        this.datapathType = datapathType;
    }

    /**
     * Parses the configuration properties; missing keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key and the bad value
     */
    public static FlowtunConfig parse(final Map<String, ?> properties) {
        final List<NetworkKind> types = new ArrayList<>();
        final String typesValue = value(properties, TUNNEL_TYPES, "vxlan,gre,geneve");
        final Set<String> seen = new LinkedHashSet<>();
        for (String raw : typesValue.split(",")) {
            final String name = raw.trim().toLowerCase(java.util.Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            final NetworkKind kind = NetworkKind.named(name).filter(NetworkKind::isTunnel).orElseThrow(
                () -> new IllegalArgumentException(TUNNEL_TYPES + ": unknown tunnel type \"" + raw.trim()
                    + "\" (known: vxlan, gre, geneve)"));
            if (seen.add(name)) {
                types.add(kind);
            }
        }
        final String bridge = value(properties, INTEGRATION_BRIDGE, "br-int");
        if (!BRIDGE_NAME.matcher(bridge).matches()) {
            throw new IllegalArgumentException(INTEGRATION_BRIDGE + ": \"" + bridge
                + "\" is not a valid bridge name (1-15 of letters, digits, _ . -)");
        }
        final String target = value(properties, CONTROLLER_TARGET, "");
        if (!target.isEmpty() && !TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException(CONTROLLER_TARGET + ": \"" + target
                + "\" is not an OVS controller target (tcp:IP:PORT, ssl:IP:PORT or unix:PATH)");
        }
        final String datapath = value(properties, DATAPATH_TYPE, "system");
        if (!"system".equals(datapath) && !"netdev".equals(datapath)) {
            throw new IllegalArgumentException(DATAPATH_TYPE + ": \"" + datapath + "\" must be system or netdev");
        }
        return new FlowtunConfig(types, bridge, target.isEmpty() ? null : target, datapath);
    }

    private static String value(final Map<String, ?> properties, final String key, final String defaultValue) {
        final Object value = properties.get(key);
        return value == null ? defaultValue : value.toString().trim();
    }

    /** The configured tunnel types, in configuration order, without duplicates (may be empty). */
    public List<NetworkKind> tunnelTypes() {
        return Collections.unmodifiableList(tunnelTypes);
    }

    public String integrationBridge() {
        return integrationBridge;
    }

    /** The configured controller target; empty means tcp:(the address the node reaches us on):6653. */
    public Optional<String> controllerTarget() {
        return Optional.ofNullable(controllerTarget);
    }

    /** {@code system} or {@code netdev}. */
    public String datapathType() {
        return datapathType;
    }

    @Override
    public boolean equals(final Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof FlowtunConfig)) {
            return false;
        }
        final FlowtunConfig other = (FlowtunConfig) obj;
        return tunnelTypes.equals(other.tunnelTypes) && integrationBridge.equals(other.integrationBridge)
            && Objects.equals(controllerTarget, other.controllerTarget) && datapathType.equals(other.datapathType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tunnelTypes, integrationBridge, controllerTarget, datapathType);
    }

    @Override
    public String toString() {
        return TUNNEL_TYPES + "=" + tunnelTypes.stream().map(NetworkKind::yangName)
            .collect(java.util.stream.Collectors.joining(",")) + ", " + INTEGRATION_BRIDGE + "=" + integrationBridge
            + ", " + CONTROLLER_TARGET + "=" + (controllerTarget == null ? "(tcp:<controller>:6653)" : controllerTarget)
            + ", " + DATAPATH_TYPE + "=" + datapathType;
    }
}
