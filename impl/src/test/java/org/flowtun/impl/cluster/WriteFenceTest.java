/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.cluster;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/** A member stopped longer than the fence's gap writes nothing until the hold is over; a steady one always writes. */
public class WriteFenceTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final WriteFence fence = new WriteFence(now::get);

    @Test
    public void aSteadyHeartKeepsTheFenceOpen() {
        for (int i = 0; i < 20; i++) {
            advance(WriteFence.BEAT_MILLIS);
            fence.beat();
            assertTrue(fence.open());
        }
    }

    @Test
    public void aStoppedMemberWritesNothingUntilTheHoldIsOver() {
        advance(WriteFence.BEAT_MILLIS);
        fence.beat();
        // stopped for 15 s: the first write after it comes before the heartbeat, and is refused
        advance(15_000);
        assertFalse("late heartbeat", fence.open());
        fence.beat();
        assertFalse("held", fence.open());
        for (long held = 0; held < WriteFence.HOLD_MILLIS - WriteFence.BEAT_MILLIS; held += WriteFence.BEAT_MILLIS) {
            advance(WriteFence.BEAT_MILLIS);
            fence.beat();
            assertFalse("held after " + held + " ms", fence.open());
        }
        advance(WriteFence.BEAT_MILLIS);
        fence.beat();
        assertTrue("open again", fence.open());
    }

    private void advance(final long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
