/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.function.BiConsumer;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.concepts.ListenerRegistration;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * A thin data-tree listener on the entries of one configuration list: each change is handed on as
 * (before, after): (null, e) created, (b, a) updated, (b, null) deleted. No logic here.
 */
public final class ListChangeListener<T extends DataObject> implements DataTreeChangeListener<T>, AutoCloseable {
    private final BiConsumer<T, T> consumer;
    private final ListenerRegistration<?> registration;

    public ListChangeListener(final DataBroker dataBroker, final InstanceIdentifier<T> entries,
            final BiConsumer<T, T> consumer) {
        this.consumer = requireNonNull(consumer);
        this.registration = dataBroker.registerDataTreeChangeListener(
            DataTreeIdentifier.create(LogicalDatastoreType.CONFIGURATION, entries), this);
    }

    @Override
    public void onDataTreeChanged(final Collection<DataTreeModification<T>> changes) {
        for (DataTreeModification<T> change : changes) {
            final DataObjectModification<T> root = change.getRootNode();
            consumer.accept(root.getDataBefore(), root.getDataAfter());
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
