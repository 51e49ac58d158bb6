/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Indexes kept as maps of sets: a key with no members is removed, so that the maps hold nothing that is empty.
 */
final class MultiMaps {
    private MultiMaps() {
    }

    /** Adds {@code member} under {@code key}; a null key is no entry. */
    static void add(final Map<String, Set<String>> index, final String key, final String member) {
        if (key != null) {
            index.computeIfAbsent(key, id -> new HashSet<>()).add(member);
        }
    }

    /** Removes {@code member} from under {@code key}, and the key once it has no member left. */
    static void remove(final Map<String, Set<String>> index, final String key, final String member) {
        if (key != null) {
            final Set<String> members = index.get(key);
            if (members != null) {
                members.remove(member);
                if (members.isEmpty()) {
                    index.remove(key);
                }
            }
        }
    }
}
