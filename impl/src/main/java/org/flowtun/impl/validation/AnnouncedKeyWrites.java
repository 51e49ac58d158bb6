/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.validation;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendaylight.yangtools.concepts.AbstractRegistration;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * The key-allocation changes flowtun announced and has not committed yet; what the cohort checks against, while
 * this member guards the allocations.
 */
public final class AnnouncedKeyWrites implements KeyAllocationsGuard {
    private final ConcurrentHashMap<String, Integer> expected = new ConcurrentHashMap<>();
    private final AtomicInteger guards = new AtomicInteger();

    @Override
    public Runnable expect(final Collection<String> changes) {
        final List<String> copy = List.copyOf(changes);
        copy.forEach(change -> expected.merge(change, 1, Integer::sum));
        return () -> copy.forEach(change -> expected.computeIfPresent(change, (ignored, count) -> count == 1 ? null
            : count - 1));
    }

    @Override
    public Registration guardHere() {
        guards.incrementAndGet();
        return new AbstractRegistration() {
            @Override
            protected void removeRegistration() {
                guards.decrementAndGet();
            }
        };
    }

    /** Whether this member lets the change through: announced, or another member guards the allocations. */
    boolean isExpected(final String change) {
        return guards.get() == 0 || expected.containsKey(change);
    }
}
