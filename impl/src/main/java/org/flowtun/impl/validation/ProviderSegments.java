/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.validation;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowtun.impl.NetworkKind;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.PhysicalNetworkName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;

/**
 * The rules of provider networks' segments: a physical network carries one flat network and each VLAN id once
 * (two networks with the same segment would be one broadcast domain on the wire). Pure.
 */
public final class ProviderSegments {
    private ProviderSegments() {
    }

    /** The network's segment must not be another stored network's. */
    public static Violations providerSegmentTaken(final Network network, final Collection<Network> existing) {
        final Violations violations = new Violations("network", idOf(network));
        final String segment = providerSegment(network);
        if (segment != null) {
            for (Network other : existing) {
                if (!idOf(other).equals(idOf(network)) && segment.equals(providerSegment(other))) {
                    violations.add(segmentField(network), segmentText(network) + " is already network \""
                        + idOf(other) + "\"");
                }
            }
        }
        return violations;
    }

    /** Networks written in one request must not share a physical network's segment. */
    public static Violations duplicateProviderSegments(final List<Network> written) {
        final Map<String, String> first = new HashMap<>();
        final Violations violations = Violations.none();
        for (Network network : written) {
            final String segment = providerSegment(network);
            if (segment != null) {
                final String other = first.putIfAbsent(segment, idOf(network));
                if (other != null) {
                    violations.addAll(new Violations("network", idOf(network)).add(
                        segmentField(network), segmentText(network) + " is also network \"" + other
                            + "\" in this request"));
                }
            }
        }
        return violations;
    }

    /** {@code physnet/flat} or {@code physnet/vlan/V} for a provider network that names both; null otherwise. */
    private static String providerSegment(final Network network) {
        final NetworkKind kind = network.getNetworkType() == null ? null
            : NetworkKind.of(network.getNetworkType()).orElse(null);
        final String physicalNetwork = physicalNetwork(network);
        if (kind == null || !kind.isProvider() || physicalNetwork == null) {
            return null;
        }
        if (kind == NetworkKind.FLAT) {
            return physicalNetwork + "/flat";
        }
        return network.getSegmentationId() == null ? null
            : physicalNetwork + "/vlan/" + network.getSegmentationId();
    }

    /** The network's physical network, or null. */
    public static String physicalNetwork(final Network network) {
        final PhysicalNetworkName name = network.getPhysicalNetwork();
        return name == null ? null : name.getValue();
    }

    private static String idOf(final Network network) {
        return network.key().getId().getValue();
    }

    private static String segmentField(final Network network) {
        return NetworkKind.of(network.getNetworkType()).orElse(null) == NetworkKind.FLAT ? "physical-network"
            : "segmentation-id";
    }

    private static String segmentText(final Network network) {
        return NetworkKind.of(network.getNetworkType()).orElse(null) == NetworkKind.FLAT
            ? "the flat network of physical network \"" + physicalNetwork(network) + "\""
            : "vlan " + network.getSegmentationId() + " of physical network \"" + physicalNetwork(network)
                + "\"";
    }
}
