/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.cache;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.opendaylight.mdsal.binding.api.ClusteredDataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.ChassisRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yangtools.concepts.ListenerRegistration;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * The {@link ChassisCache} implementation, fed by a data-tree listener on the chassis registry.
 */
public final class ChassisRegistryCache
        implements ChassisCache, ClusteredDataTreeChangeListener<Chassis>, AutoCloseable {
    private final Map<String, Chassis> byId = new ConcurrentHashMap<>();
    private final List<BiConsumer<Chassis, Chassis>> listeners = new CopyOnWriteArrayList<>();
    private final ListenerRegistration<?> registration;

    public ChassisRegistryCache(final DataBroker dataBroker) {
        registration = dataBroker.registerDataTreeChangeListener(DataTreeIdentifier.create(
            LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(ChassisRegistry.class).child(Chassis.class)),
            this);
    }

    @Override
    public Optional<Chassis> byId(final String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Registration registerListener(final BiConsumer<Chassis, Chassis> listener) {
        // first the chassis known now, then every change (changes are delivered under this lock too)
        byId.values().forEach(chassis -> listener.accept(null, chassis));
        listeners.add(requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized void onDataTreeChanged(final Collection<DataTreeModification<Chassis>> changes) {
        for (DataTreeModification<Chassis> change : changes) {
            final DataObjectModification<Chassis> root = change.getRootNode();
            final Chassis before = root.getDataBefore();
            final Chassis after = root.getDataAfter();
            if (before != null) {
                byId.remove(before.getId().getValue());
            }
            if (after != null) {
                byId.put(after.getId().getValue(), after);
            }
            listeners.forEach(listener -> listener.accept(before, after));
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
