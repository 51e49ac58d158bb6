/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl;

import java.util.Map;
import java.util.Optional;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Flat;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Geneve;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Gre;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Local;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.NetworkType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.TunnelType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Vlan;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Vxlan;

/**
 * The network types flowtun knows, with what each needs: whether it is tunnelled, and the range of its
 * segmentation id. The one place these facts live.
 */
public enum NetworkKind {
    GRE("gre", Gre.class, true, 1, 0xFFFF_FFFFL),
    VXLAN("vxlan", Vxlan.class, true, 1, 0xFF_FFFFL),
    GENEVE("geneve", Geneve.class, true, 1, 0xFF_FFFFL),
    VLAN("vlan", Vlan.class, false, 1, 4094),
    FLAT("flat", Flat.class, false, 0, 0),
    LOCAL("local", Local.class, false, 0, 0);

    private static final Map<Class<?>, NetworkKind> BY_IDENTITY = Map.of(
        Gre.class, GRE, Vxlan.class, VXLAN, Geneve.class, GENEVE, Vlan.class, VLAN, Flat.class, FLAT,
        Local.class, LOCAL);
    private static final Map<String, NetworkKind> BY_NAME = Map.of(
        "gre", GRE, "vxlan", VXLAN, "geneve", GENEVE, "vlan", VLAN, "flat", FLAT, "local", LOCAL);

    private final String yangName;
    private final Class<? extends NetworkType> identity;
    private final boolean tunnel;
    private final long minSegmentation;
    private final long maxSegmentation;

    NetworkKind(final String yangName, final Class<? extends NetworkType> identity, final boolean tunnel,
            final long minSegmentation, final long maxSegmentation) {
        this.yangName = yangName;
        this.identity = identity;
        this.tunnel = tunnel;
        this.minSegmentation = minSegmentation;
        this.maxSegmentation = maxSegmentation;
    }

    public static Optional<NetworkKind> of(final Class<?> identity) {
        return Optional.ofNullable(BY_IDENTITY.get(identity));
    }

    /** The kind named {@code gre}, {@code vxlan}, ... (the YANG identity's name), if there is one. */
    public static Optional<NetworkKind> named(final String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The YANG identity name: {@code gre}, {@code vxlan}, {@code geneve}, {@code vlan}, ... */
    public String yangName() {
        return yangName;
    }

    /** The network-type identity. */
    public Class<? extends NetworkType> identity() {
        return identity;
    }

    /** Whether this network type is carried by a virtual tunnel port (its identity is a tunnel-type). */
    public boolean isTunnel() {
        return tunnel;
    }

    /** Whether this network type is carried on a physical network (vlan, flat): the provider app's networks. */
    public boolean isProvider() {
        return this == VLAN || this == FLAT;
    }

    /** The tunnel-type identity of a tunnel kind. */
    @SuppressWarnings("unchecked")
    public Class<? extends TunnelType> tunnelIdentity() {
        if (!tunnel) {
            throw new IllegalStateException(yangName + " is not a tunnel type");
        }
        return (Class<? extends TunnelType>) (Class<?>) identity;
    }

    /** Whether networks of this kind carry a segmentation id. */
    public boolean isSegmented() {
        return maxSegmentation > 0;
    }

    public long minSegmentation() {
        return minSegmentation;
    }

    public long maxSegmentation() {
        return maxSegmentation;
    }

    public boolean acceptsSegmentation(final long segmentationId) {
        return segmentationId >= minSegmentation && segmentationId <= maxSegmentation;
    }
}
