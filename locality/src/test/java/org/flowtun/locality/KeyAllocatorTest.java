/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class KeyAllocatorTest {
    private final KeyAllocator keys = new KeyAllocator("test");

    @Test
    public void allocatesDistinctKeysAndKeepsThem() {
        final Set<String> displaced = new HashSet<>();
        final long first = keys.key("a", null, displaced);
        final long second = keys.key("b", null, displaced);
        assertNotEquals(first, second);
        assertEquals(first, keys.key("a", null, displaced));
        assertEquals(Set.of(), displaced);
        assertEquals(Map.of("a", first, "b", second), keys.allocations());
        assertEquals(Set.of("a", "b"), keys.owners());
    }

    @Test
    public void anExplicitKeyWinsAndTheAllocatedHolderGetsANewOne() {
        final Set<String> displaced = new HashSet<>();
        final long allocated = keys.key("a", null, displaced);
        assertEquals(allocated, keys.key("b", allocated, displaced));
        assertEquals(Set.of("a"), displaced);
        final long moved = keys.keyOf("a");
        assertNotEquals(allocated, moved);
        assertEquals(Map.of("a", moved), keys.allocations());
        assertEquals("owners with a given key count too", Set.of("a", "b"), keys.owners());
    }

    @Test
    public void restoredAllocationsSurviveAndAreNotHandedOutAgain() {
        keys.restore("old", 1);
        keys.restore("older", 2);
        final Set<String> displaced = new HashSet<>();
        assertEquals(1, keys.key("old", null, displaced));
        assertEquals(3, keys.key("new", null, displaced));
    }

    @Test
    public void releasedKeysAreFreeAgainAndExplicitKeysAreNotPersisted() {
        final Set<String> displaced = new HashSet<>();
        keys.key("a", 7L, displaced);
        assertEquals(Map.of(), keys.allocations());
        keys.release("a");
        assertNull(keys.keyOf("a"));
        assertEquals(7, keys.key("b", 7L, displaced));
        assertEquals(Set.of(), displaced);
    }

    @Test
    public void droppingAnExplicitKeyAllocatesOne() {
        final Set<String> displaced = new HashSet<>();
        keys.key("a", 1L, displaced);
        final long allocated = keys.key("a", null, displaced);
        assertEquals(Map.of("a", allocated), keys.allocations());
    }

    @Test
    public void changesAreHandedOutOnceAndRestoredKeysAreNotChanges() {
        final Set<String> displaced = new HashSet<>();
        keys.restore("old", 1);
        final long fresh = keys.key("new", null, displaced);
        assertEquals(Map.of("new", fresh), keys.takeChanges());
        assertEquals(Map.of(), keys.takeChanges());
        keys.release("new");
        final Map<String, Long> freed = new java.util.HashMap<>();
        freed.put("new", null);
        assertEquals(freed, keys.takeChanges());
        keys.markAllChanged();
        assertEquals(Map.of("old", 1L), keys.takeChanges());
    }
}
