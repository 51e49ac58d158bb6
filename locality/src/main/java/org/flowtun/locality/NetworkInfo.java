/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;
import org.flowtun.impl.NetworkKind;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;

/**
 * What the locality apps need of a network: its type and segmentation id (the tunnel id T).
 */
public final class NetworkInfo {
    private final String id;
    private final NetworkKind kind;
    private final long segmentationId;
    private final String physicalNetwork;

    public NetworkInfo(final String id, final NetworkKind kind, final long segmentationId) {
        this(id, kind, segmentationId, null);
    }

    public NetworkInfo(final String id, final NetworkKind kind, final long segmentationId,
            final String physicalNetwork) {
        this.id = requireNonNull(id);
        this.kind = kind;
        this.segmentationId = segmentationId;
        this.physicalNetwork = physicalNetwork;
    }

    public static NetworkInfo of(final Network network) {
        final Optional<NetworkKind> kind = NetworkKind.of(network.getNetworkType());
        return new NetworkInfo(network.getId().getValue(), kind.orElse(null),
            network.getSegmentationId() == null ? 0 : network.getSegmentationId().toJava(),
            org.flowtun.impl.validation.ProviderSegments.physicalNetwork(network));
    }

    /** The physical network of a vlan or flat network, or null. */
    public String physicalNetwork() {
        return physicalNetwork;
    }

    /** Whether the provider app carries this network (vlan or flat, on a physical network). */
    public boolean isProvider() {
        return kind != null && kind.isProvider() && physicalNetwork != null;
    }

    public String id() {
        return id;
    }

    /** The network type, or null if it has none. */
    public NetworkKind kind() {
        return kind;
    }

    public long segmentationId() {
        return segmentationId;
    }

    /** The tunnel type (identity name) of a tunnel network, or null for vlan/flat/local. */
    public String tunnelType() {
        return kind != null && kind.isTunnel() ? kind.yangName() : null;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof NetworkInfo && id.equals(((NetworkInfo) obj).id) && kind == ((NetworkInfo) obj).kind
            && segmentationId == ((NetworkInfo) obj).segmentationId
            && Objects.equals(physicalNetwork, ((NetworkInfo) obj).physicalNetwork);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, segmentationId);
    }

    @Override
    public String toString() {
        return id + "(" + (kind == null ? "untyped" : kind.yangName()) + " " + segmentationId
            + (physicalNetwork == null ? "" : " on " + physicalNetwork) + ")";
    }
}
