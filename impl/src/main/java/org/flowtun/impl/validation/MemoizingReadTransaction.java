/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.validation;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * A read-only transaction that reads each path once: the checks of 10,000 lports of one network in one request
 * read that network once, not 10,000 times.
 */
final class MemoizingReadTransaction implements ReadTransaction {
    private final ReadTransaction delegate;
    private final Map<InstanceIdentifier<?>, FluentFuture<?>> reads = new ConcurrentHashMap<>();
    private final Map<InstanceIdentifier<?>, FluentFuture<Boolean>> exists = new ConcurrentHashMap<>();

    MemoizingReadTransaction(final ReadTransaction delegate) {
        this.delegate = requireNonNull(delegate);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends DataObject> FluentFuture<Optional<T>> read(final LogicalDatastoreType store,
            final InstanceIdentifier<T> path) {
        if (store != LogicalDatastoreType.CONFIGURATION) {
            return delegate.read(store, path);
        }
        return (FluentFuture<Optional<T>>) reads.computeIfAbsent(path, key -> delegate.read(store, path));
    }

    @Override
    public FluentFuture<Boolean> exists(final LogicalDatastoreType store, final InstanceIdentifier<?> path) {
        if (store != LogicalDatastoreType.CONFIGURATION) {
            return delegate.exists(store, path);
        }
        return exists.computeIfAbsent(path, key -> delegate.exists(store, path));
    }

    @Override
    public Object getIdentifier() {
        return delegate.getIdentifier();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
