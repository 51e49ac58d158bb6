/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flowtun.impl.flow.FlowSpec;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;

/**
 * What an app decided for one lport on one node: its locality (null: none) and the flows that make it so. An
 * lport whose flows cannot be built yet (no tunnel port of its type on the node, no IP for its chassis) has no
 * locality until they can: its events wait for its flows.
 */
public final class Placement {
    public static final Placement NONE = new Placement(null, List.of(), null);

    private final Locality locality;
    private final List<FlowSpec> flows;
    private final L2App.Attachment attachment;

    private Placement(final Locality locality, final List<FlowSpec> flows, final L2App.Attachment attachment) {
        this.locality = locality;
        this.flows = List.copyOf(flows);
        this.attachment = attachment;
    }

    /** Local, without an attachment its network floods to (a floating IP's lport). */
    public static Placement local(final List<FlowSpec> flows) {
        return new Placement(Locality.Local, flows, null);
    }

    /** Local, attached to an OVS port of the node: its network's broadcasts reach it there. */
    public static Placement local(final List<FlowSpec> flows, final L2App.Attachment attachment) {
        return new Placement(Locality.Local, flows, attachment);
    }

    public static Placement remote(final List<FlowSpec> flows) {
        return new Placement(Locality.Remote, flows, null);
    }

    /** Handled on every node (router interfaces and gateways, DHCP ports). */
    public static Placement distributed(final List<FlowSpec> flows) {
        return new Placement(Locality.Distributed, flows, null);
    }

    /** The same placement with more flows. */
    public Placement withFlows(final List<FlowSpec> more) {
        final List<FlowSpec> all = new ArrayList<>(flows);
        all.addAll(more);
        return new Placement(locality, all, attachment);
    }

    /** The locality, or null when the lport has none on the node. */
    public Locality locality() {
        return locality;
    }

    public List<FlowSpec> flows() {
        return flows;
    }

    /** Where a local lport is attached on the node (its network floods there), or null. */
    public L2App.Attachment attachment() {
        return attachment;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof Placement && ((Placement) obj).locality == locality
            && ((Placement) obj).flows.equals(flows) && Objects.equals(((Placement) obj).attachment, attachment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(locality, flows);
    }

    @Override
    public String toString() {
        return (locality == null ? "none" : locality.getName()) + flows;
    }
}
