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

/** The key-allocation changes flowtun announced and has not committed yet; what the cohort checks against. */
public final class AnnouncedKeyWrites implements KeyAllocationsGuard {
    private final ConcurrentHashMap<String, Integer> expected = new ConcurrentHashMap<>();

    @Override
    public Runnable expect(final Collection<String> changes) {
        final List<String> copy = List.copyOf(changes);
        copy.forEach(change -> expected.merge(change, 1, Integer::sum));
        return () -> copy.forEach(change -> expected.computeIfPresent(change, (ignored, count) -> count == 1 ? null
            : count - 1));
    }

    boolean isExpected(final String change) {
        return expected.containsKey(change);
    }
}
