/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allocates the keys of one kind (lport tunnel keys R, network keys N) without collisions. A key given in the
 * configuration wins: an allocated key it collides with is allocated anew (and the displaced owner reported).
 * What changed in the allocations is handed out by {@link #takeChanges()} so that it can be persisted, and
 * {@link #restore} takes them back after a restart. Pure; not
 * thread-safe.
 */
public final class KeyAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(KeyAllocator.class);
    private static final long MAX_KEY = 0xFFFF_FFFFL;

    private final String kind;
    /** Every key in use: key to owner. */
    private final Map<Long, String> owners = new HashMap<>();
    /** Keys this allocator chose (not given by the configuration): owner to key. */
    private final Map<String, Long> allocated = new HashMap<>();
    /** Keys the configuration gave: owner to key. */
    private final Map<String, Long> explicit = new HashMap<>();
    /** Owners whose allocated key changed (allocated, moved or freed) since {@link #takeChanges()}. */
    private final Set<String> changed = new HashSet<>();
    private long next = 1;

    public KeyAllocator(final String kind) {
        this.kind = kind;
    }

    /** Restores an allocation made before a restart (ignored if the key is taken meanwhile). */
    public void restore(final String owner, final long key) {
        if (!owners.containsKey(key) && !allocated.containsKey(owner) && !explicit.containsKey(owner)) {
            // one Long for both maps: boxed once
            final Long boxed = key;
            owners.put(boxed, owner);
            allocated.put(owner, boxed);
        }
    }

    /**
     * The key of {@code owner}: {@code explicitKey} when given, else its allocation (made now if it has none).
     * Owners whose allocated key the explicit key took are added to {@code displaced}: they have a new key.
     */
    public long key(final String owner, final Long explicitKey, final Set<String> displaced) {
        if (explicitKey != null) {
            final Long previousExplicit = explicit.put(owner, explicitKey);
            if (previousExplicit != null && !previousExplicit.equals(explicitKey)) {
                owners.remove(previousExplicit, owner);
            }
            final Long previousAllocated = allocated.remove(owner);
            if (previousAllocated != null) {
                owners.remove(previousAllocated, owner);
                changed.add(owner);
            }
            final String holder = owners.put(explicitKey, owner);
            if (holder != null && !holder.equals(owner)) {
                if (allocated.remove(holder) != null) {
                    allocate(holder);
                    displaced.add(holder);
                } else {
                    LOG.warn("{} key {} is given to both {} and {}", kind, explicitKey, holder, owner);
                }
            }
            return explicitKey;
        }
        final Long previousExplicit = explicit.remove(owner);
        if (previousExplicit != null) {
            owners.remove(previousExplicit, owner);
        }
        final Long current = allocated.get(owner);
        return current != null ? current : allocate(owner);
    }

    /** The key {@code owner} has, or null. */
    public Long keyOf(final String owner) {
        final Long key = explicit.get(owner);
        return key != null ? key : allocated.get(owner);
    }

    /** The owners that have a key (allocated or given). */
    public Set<String> owners() {
        final Set<String> result = new HashSet<>(allocated.keySet());
        result.addAll(explicit.keySet());
        return result;
    }

    /** Frees the key of an owner that is gone. */
    public void release(final String owner) {
        final Long key = explicit.remove(owner);
        if (key != null) {
            owners.remove(key, owner);
        }
        final Long allocatedKey = allocated.remove(owner);
        if (allocatedKey != null) {
            owners.remove(allocatedKey, owner);
            changed.add(owner);
        }
    }

    /**
     * The allocations that changed since the last call: owner to its allocated key, or to null when it has none
     * any more (freed, or the configuration now gives its key).
     */
    public Map<String, Long> takeChanges() {
        final Map<String, Long> changes = new HashMap<>();
        changed.forEach(owner -> changes.put(owner, allocated.get(owner)));
        changed.clear();
        return changes;
    }

    /** Every allocation counts as changed (to be written again). */
    public void markAllChanged() {
        changed.addAll(allocated.keySet());
    }

    /** The keys this allocator chose: owner to key (what must survive a restart). */
    public Map<String, Long> allocations() {
        return Map.copyOf(allocated);
    }

    private long allocate(final String owner) {
        for (long tries = 0; tries < MAX_KEY; tries++) {
            final long candidate = next;
            next = next == MAX_KEY ? 1 : next + 1;
            if (!owners.containsKey(candidate)) {
                final Long boxed = candidate;
                owners.put(boxed, owner);
                allocated.put(owner, boxed);
                changed.add(owner);
                return candidate;
            }
        }
        throw new IllegalStateException("no free " + kind + " key left");
    }
}
