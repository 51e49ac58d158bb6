/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.neutron;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.flowtun.impl.validation.Violations;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.TrunkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.trunk.SubPort;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.trunk.SubPortBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.trunk.SubPortKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yangtools.yang.common.Uint16;

/**
 * Neutron trunks as flowtun's: {@code port_id} is the parent lport, {@code sub_ports} its VLAN sub-ports. Neutron
 * sends the whole trunk again when a sub-port is added or removed, so a trunk is always written whole. Only VLAN
 * segmentation exists in flowtun (another type is refused naming {@code sub_ports}). Pure.
 */
public final class NeutronTrunks {
    private NeutronTrunks() {
    }

    public static Translated<Trunk> trunk(final JsonObject trunk, final String id) {
        final Violations problems = new Violations("trunk", id);
        NeutronNetworks.checkId(trunk, id, problems);
        final TrunkBuilder builder = new TrunkBuilder().setId(new ResourceId(id));
        final String parent = NeutronJson.text(trunk, "port_id");
        if (parent != null) {
            builder.setParentLport(new ResourceId(parent));
        }
        final Map<SubPortKey, SubPort> subPorts = new HashMap<>();
        final JsonElement subs = trunk.get("sub_ports");
        if (subs != null && subs.isJsonArray()) {
            for (JsonElement element : subs.getAsJsonArray()) {
                if (!element.isJsonObject()) {
                    continue;
                }
                final JsonObject sub = element.getAsJsonObject();
                final String port = NeutronJson.text(sub, "port_id");
                final String type = NeutronJson.text(sub, "segmentation_type");
                final Long vlan = NeutronJson.has(sub, "segmentation_id") ? NeutronJson.number(sub, "segmentation_id")
                    : null;
                if (port == null) {
                    problems.add("sub_ports", "a sub-port without port_id");
                } else if (type != null && !"vlan".equals(type)) {
                    problems.add("sub_ports", "sub-port \"" + port + "\": segmentation_type \"" + type
                        + "\" (flowtun's trunks carry vlan only)");
                } else {
                    final SubPortBuilder subPort = new SubPortBuilder().setLport(new ResourceId(port));
                    if (vlan != null && vlan >= 0 && vlan <= 0xFFFF) {
                        subPort.setSegmentationId(Uint16.valueOf(vlan));
                    }
                    final SubPort built = subPort.build();
                    subPorts.put(built.key(), built);
                }
            }
        }
        builder.setSubPort(subPorts);
        return problems.isEmpty() ? Translated.of(builder.build()) : Translated.refused(problems);
    }
}
