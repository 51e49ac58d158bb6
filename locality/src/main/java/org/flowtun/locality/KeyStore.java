/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flowtun.impl.ChainedWriter;
import org.flowtun.impl.health.HealthReport;
import org.flowtun.impl.validation.KeyAllocationsGuard;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.KeyAllocations;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.KeyAllocationsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.key.allocations.LportKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.key.allocations.LportKeyBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.key.allocations.LportKeyKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.key.allocations.NetworkKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.key.allocations.NetworkKeyBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.key.allocations.NetworkKeyKey;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Keeps the allocated keys in the configuration datastore ({@code flowtun-keys:key-allocations}), so that a
 * restarted controller programs the same keys: read once at start, then the changes written per batch.
 */
final class KeyStore implements AutoCloseable {
    private static final InstanceIdentifier<KeyAllocations> ROOT = InstanceIdentifier.create(KeyAllocations.class);

    private final DataBroker dataBroker;
    private final KeyAllocationsGuard guard;
    private final ChainedWriter writer;
    private final HealthReport health;
    private final Runnable onRewrite;
    /** Writes sent so far, the last that failed and the last that succeeded (guarded by this). */
    private long writes;
    private long failedWrite;
    private long succeededWrite;

    /**
     * Creates the store.
     *
     * @param guard told what each write changes before it is committed (the container refuses any other write)
     * @param onRewrite asked to write every allocation again after a write failed
     * @param health told when a write fails (ERROR: restarted controllers could reuse keys), and when one succeeds
     *     after that
     */
    KeyStore(final DataBroker dataBroker, final KeyAllocationsGuard guard, final Runnable onRewrite,
            final HealthReport health) {
        this.health = requireNonNull(health);
        this.onRewrite = requireNonNull(onRewrite);
        this.dataBroker = requireNonNull(dataBroker);
        this.guard = requireNonNull(guard);
        // a failed chain is replaced; each failed write has everything written again (failed), not the chain
        this.writer = new ChainedWriter(dataBroker, "key-allocations", KeyStore::nothing);
    }

    /** The allocations persisted before this start. */
    FluentFuture<Optional<KeyAllocations>> read() {
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, ROOT);
        }
    }

    static Map<String, Long> lportKeys(final KeyAllocations allocations) {
        final Map<String, Long> keys = new HashMap<>();
        if (allocations.getLportKey() != null) {
            allocations.getLportKey().values().forEach(entry -> keys.put(entry.getLport(), entry.getKey().toJava()));
        }
        return keys;
    }

    static Map<String, Long> networkKeys(final KeyAllocations allocations) {
        final Map<String, Long> keys = new HashMap<>();
        if (allocations.getNetworkKey() != null) {
            allocations.getNetworkKey().values().forEach(
                entry -> keys.put(entry.getNetwork(), entry.getKey().toJava()));
        }
        return keys;
    }

    /** Writes the allocations that changed: owner to key, or to null for an allocation that is gone. */
    void save(final Map<String, Long> lportChanges, final Map<String, Long> networkChanges) {
        final boolean empty = lportChanges.isEmpty() && networkChanges.isEmpty();
        if (empty && !isFailing()) {
            return;
        }
        final boolean puts = lportChanges.values().stream().anyMatch(Objects::nonNull)
            || networkChanges.values().stream().anyMatch(Objects::nonNull);
        final List<String> changes = new ArrayList<>(lportChanges.size() + networkChanges.size());
        lportChanges.forEach((lport, key) -> changes.add(KeyAllocationsGuard.lportKey(lport, key)));
        networkChanges.forEach((network, key) -> changes.add(KeyAllocationsGuard.networkKey(network, key)));
        final Runnable committed = guard.expect(changes);
        final long write = nextWrite();
        writer.write(tx -> {
            // the container for the entries put; a write of deletions alone leaves it be, so that it goes with its
            // last entries; after a failure with nothing to write again, an empty commit shows the store writable
            if (puts) {
                tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT, new KeyAllocationsBuilder().build());
            }
            lportChanges.forEach((lport, key) -> {
                if (key == null) {
                    tx.delete(LogicalDatastoreType.CONFIGURATION, lportPath(lport));
                } else {
                    tx.put(LogicalDatastoreType.CONFIGURATION, lportPath(lport),
                        new LportKeyBuilder().setLport(lport).setKey(Uint32.valueOf(key)).build());
                }
            });
            networkChanges.forEach((network, key) -> {
                if (key == null) {
                    tx.delete(LogicalDatastoreType.CONFIGURATION, networkPath(network));
                } else {
                    tx.put(LogicalDatastoreType.CONFIGURATION, networkPath(network),
                        new NetworkKeyBuilder().setNetwork(network).setKey(Uint32.valueOf(key)).build());
                }
            });
        }).addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                committed.run();
                succeeded(write);
            }

            @Override
            public void onFailure(final Throwable cause) {
                committed.run();
                failed(write, cause);
            }
        }, MoreExecutors.directExecutor());
    }

    private static void nothing() {
        // see failed()
    }

    private synchronized long nextWrite() {
        return ++writes;
    }

    /** A write failed, and none after it has succeeded yet. */
    private synchronized boolean isFailing() {
        return failedWrite > succeededWrite;
    }

    /**
     * Write {@code write} succeeded: if a write before it had failed, the store is writable again (the writes go in
     * order through one chain, and the failure had every allocation written again after it).
     */
    private synchronized void succeeded(final long write) {
        final boolean wasFailing = isFailing();
        succeededWrite = Math.max(succeededWrite, write);
        if (wasFailing && !isFailing()) {
            health.operational(LocalityHealth.OPERATIONAL);
        }
    }

    /**
     * Write {@code write} failed: unless a later one succeeded already (its callback came first), the store is
     * failing until a write after this one succeeds; every allocation is written again (none: an empty commit).
     */
    private void failed(final long write, final Throwable cause) {
        synchronized (this) {
            if (write > succeededWrite) {
                failedWrite = Math.max(failedWrite, write);
                health.error("the key allocations could not be written (" + cause.getMessage()
                    + "); writing them again");
            }
        }
        // what the write held is lost with it, whatever came after: every allocation is written again
        onRewrite.run();
    }

    private static InstanceIdentifier<LportKey> lportPath(final String lport) {
        return ROOT.child(LportKey.class, new LportKeyKey(lport));
    }

    private static InstanceIdentifier<NetworkKey> networkPath(final String network) {
        return ROOT.child(NetworkKey.class, new NetworkKeyKey(network));
    }

    @Override
    public void close() {
        writer.close();
    }
}
