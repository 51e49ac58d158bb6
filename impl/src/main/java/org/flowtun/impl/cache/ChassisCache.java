/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

package org.flowtun.impl.cache;

import java.util.Optional;
import java.util.function.BiConsumer;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Every chassis of the chassis registry, in memory, by id (the spec's "local cache of chassis"), with change
 * listeners (OSGi service). Reads never block.
 */
public interface ChassisCache {
    Optional<Chassis> byId(String id);

    /**
     * Registers a listener told (before, after) of every chassis: first (null, c) for each one known now, then
     * every change: (null, c) created, (b, a) updated, (b, null) deleted. Called on the registering thread, then on
     * the data-tree listener thread: hand work off and return.
     */
    Registration registerListener(BiConsumer<Chassis, Chassis> listener);
}
