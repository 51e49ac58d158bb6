/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.config;

import com.google.common.net.InetAddresses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
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
    public static final String FLOW_AUDIT_INTERVAL = "flow-audit-interval";
    public static final String FLOW_REFRESH_INTERVAL = "flow-refresh-interval";

    static final int DEFAULT_AUDIT_SECONDS = 10;
    static final int DEFAULT_REFRESH_SECONDS = 300;
    public static final FlowtunConfig DEFAULT = new FlowtunConfig(
        List.of(NetworkKind.VXLAN, NetworkKind.GRE, NetworkKind.GENEVE), "br-int", null, "system",
        DEFAULT_AUDIT_SECONDS, DEFAULT_REFRESH_SECONDS);

    private static final Pattern BRIDGE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    /**
     * An active OVS controller target: tcp:HOST[:PORT], ssl:HOST[:PORT] (HOST an IPv4, [IPv6] or DNS name). The key
     * takes a comma-separated list of them (every member of a cluster).
     */
    private static final Pattern NETWORK_TARGET =
        Pattern.compile("(tcp|ssl):(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+)(?::(\\d+))?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d+(\\.\\d+){3}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
        + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final String TARGET_FORMS = "tcp:IP[:PORT], ssl:IP[:PORT] or unix:PATH";
    private static final int MAX_INTERVAL_SECONDS = 86_400;

    private final List<NetworkKind> tunnelTypes;
    private final String integrationBridge;
    private final String controllerTarget;
    private final String datapathType;
    private final int flowAuditSeconds;
    private final int flowRefreshSeconds;

    private FlowtunConfig(final List<NetworkKind> tunnelTypes, final String integrationBridge,
            final String controllerTarget, final String datapathType, final int flowAuditSeconds,
            final int flowRefreshSeconds) {
        this.tunnelTypes = List.copyOf(tunnelTypes);
        this.integrationBridge = integrationBridge;
        this.controllerTarget = controllerTarget;
        this.datapathType = datapathType;
        this.flowAuditSeconds = flowAuditSeconds;
        this.flowRefreshSeconds = flowRefreshSeconds;
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
        // one target, or one per cluster member: a comma-separated list
        final List<String> targets = new ArrayList<>();
        for (String raw : value(properties, CONTROLLER_TARGET, "").split(",")) {
            final String one = raw.trim();
            if (!one.isEmpty()) {
                checkTarget(one);
                if (!targets.contains(one)) {
                    targets.add(one);
                }
            }
        }
        final String target = String.join(",", targets);
        final String datapath = value(properties, DATAPATH_TYPE, "system");
        if (!"system".equals(datapath) && !"netdev".equals(datapath)) {
            throw new IllegalArgumentException(DATAPATH_TYPE + ": \"" + datapath + "\" must be system or netdev");
        }
        return new FlowtunConfig(types, bridge, target.isEmpty() ? null : target, datapath,
            seconds(properties, FLOW_AUDIT_INTERVAL, DEFAULT_AUDIT_SECONDS),
            seconds(properties, FLOW_REFRESH_INTERVAL, DEFAULT_REFRESH_SECONDS));
    }

    /** Accepts what OVS accepts as an active controller target, with a valid address and port. */
    private static void checkTarget(final String target) {
        if (target.startsWith("unix:")) {
            if (target.length() > "unix:".length()) {
                return;
            }
            throw badTarget(target, "no socket path");
        }
        final Matcher matcher = NETWORK_TARGET.matcher(target);
        if (!matcher.matches()) {
            throw badTarget(target, "not an active OVS controller target");
        }
        final String host = matcher.group(2);
        if (host.startsWith("[")) {
            if (!InetAddresses.isInetAddress(host.substring(1, host.length() - 1))) {
                throw badTarget(target, "\"" + host + "\" is not an IPv6 address");
            }
        } else if (DOTTED_QUAD.matcher(host).matches()) {
            if (!InetAddresses.isInetAddress(host)) {
                throw badTarget(target, "\"" + host + "\" is not an IPv4 address");
            }
        } else if (!HOST_NAME.matcher(host).matches()) {
            throw badTarget(target, "\"" + host + "\" is neither an IP address nor a host name");
        }
        final String port = matcher.group(3);
        if (port != null && (port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535)) {
            throw badTarget(target, "port " + port + " is out of range (1..65535)");
        }
    }

    private static IllegalArgumentException badTarget(final String target, final String reason) {
        return new IllegalArgumentException(CONTROLLER_TARGET + ": \"" + target + "\": " + reason + " (expected "
            + TARGET_FORMS + ")");
    }

    private static int seconds(final Map<String, ?> properties, final String key, final int defaultValue) {
        final String text = value(properties, key, Integer.toString(defaultValue));
        final int seconds;
        try {
            seconds = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is not a whole number of seconds", e);
        }
        if (seconds < 0 || seconds > MAX_INTERVAL_SECONDS) {
            throw new IllegalArgumentException(key + ": " + seconds + " is out of range (0 to turn it off, or 1.."
                + MAX_INTERVAL_SECONDS + " seconds)");
        }
        return seconds;
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

    /**
     * The configured controller target(s), comma-separated as configured; empty means tcp:(the address the node
     * reaches us on):6653.
     */
    public Optional<String> controllerTarget() {
        return Optional.ofNullable(controllerTarget);
    }

    /** The configured controller targets (one per cluster member in a cluster); empty: the default. */
    public Set<String> controllerTargets() {
        return controllerTarget == null ? Set.of() : Set.of(controllerTarget.split(","));
    }

    /** {@code system} or {@code netdev}. */
    public String datapathType() {
        return datapathType;
    }

    /** Seconds between counts of every switch's flowtun flows (0: never). */
    public int flowAuditSeconds() {
        return flowAuditSeconds;
    }

    /** Seconds between sending every switch its wanted flows again (0: never). */
    public int flowRefreshSeconds() {
        return flowRefreshSeconds;
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
            && Objects.equals(controllerTarget, other.controllerTarget) && datapathType.equals(other.datapathType)
            && flowAuditSeconds == other.flowAuditSeconds && flowRefreshSeconds == other.flowRefreshSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tunnelTypes, integrationBridge, controllerTarget, datapathType, flowAuditSeconds,
            flowRefreshSeconds);
    }

    @Override
    public String toString() {
        return TUNNEL_TYPES + "=" + tunnelTypes.stream().map(NetworkKind::yangName)
            .collect(java.util.stream.Collectors.joining(",")) + ", " + INTEGRATION_BRIDGE + "=" + integrationBridge
            + ", " + CONTROLLER_TARGET + "=" + (controllerTarget == null ? "(tcp:<controller>:6653)" : controllerTarget)
            + ", " + DATAPATH_TYPE + "=" + datapathType + ", " + FLOW_AUDIT_INTERVAL + "=" + flowAuditSeconds + ", "
            + FLOW_REFRESH_INTERVAL + "=" + flowRefreshSeconds;
    }
}
