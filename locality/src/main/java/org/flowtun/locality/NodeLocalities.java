/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;

/**
 * The localities announced for one lport, by node. The first node is held in two fields and a map is made only
 * for a second one: most lports are placed on few nodes, and a map per lport would be most of their cost. Not
 * thread-safe.
 */
final class NodeLocalities {
    private String firstNode;
    private Locality firstLocality;
    /** The other nodes, or null. */
    private Map<String, Locality> others;

    Locality get(final String node) {
        if (node.equals(firstNode)) {
            return firstLocality;
        }
        return others == null ? null : others.get(node);
    }

    void put(final String node, final Locality locality) {
        if (firstNode == null || firstNode.equals(node)) {
            firstNode = node;
            firstLocality = locality;
        } else {
            if (others == null) {
                others = new HashMap<>(4);
            }
            others.put(node, locality);
        }
    }

    /** Forgets the node; true when no node is left. */
    boolean remove(final String node) {
        if (node.equals(firstNode)) {
            firstNode = null;
            firstLocality = null;
            if (others != null && !others.isEmpty()) {
                final Map.Entry<String, Locality> next = others.entrySet().iterator().next();
                firstNode = next.getKey();
                firstLocality = next.getValue();
                others.remove(firstNode);
            }
        } else if (others != null) {
            others.remove(node);
        }
        if (others != null && others.isEmpty()) {
            others = null;
        }
        return firstNode == null;
    }

    void forEach(final BiConsumer<String, Locality> action) {
        if (firstNode != null) {
            action.accept(firstNode, firstLocality);
        }
        if (others != null) {
            others.forEach(action);
        }
    }
}
