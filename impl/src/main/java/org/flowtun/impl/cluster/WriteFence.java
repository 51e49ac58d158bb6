/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.cluster;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a member that was paused (a stopped JVM, a stalled machine) from writing as the owner of flowtun's jobs when
 * it comes back: meanwhile the cluster may have given the jobs to another member, and this one hears so only a
 * moment later. A heartbeat every {@value #BEAT_MILLIS} ms; when one comes more than {@value #GAP_MILLIS} ms after
 * the last, the member was stopped, and it writes nothing for {@value #HOLD_MILLIS} ms (its term is closed meanwhile
 * if the jobs moved). A write is also refused while the heartbeat is late: the first writes after a pause may run
 * before the heartbeat does.
 */
public final class WriteFence implements AutoCloseable {
    static final long BEAT_MILLIS = 500;
    static final long GAP_MILLIS = 2000;
    static final long HOLD_MILLIS = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(WriteFence.class);

    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("flowtun-write-fence").setDaemon(true).build());
    private final LongSupplier clock;
    private volatile long lastBeat;
    private volatile long closedUntil;

    public WriteFence() {
        this(System::nanoTime);
        heart.scheduleAtFixedRate(this::beat, BEAT_MILLIS, BEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A fence whose heartbeat the caller gives ({@link #beat}), on {@code clock} (nanoseconds). */
    WriteFence(final LongSupplier clock) {
        this.clock = clock;
        this.lastBeat = clock.getAsLong();
        this.closedUntil = lastBeat;
    }

    void beat() {
        final long now = clock.getAsLong();
        final long gap = now - lastBeat;
        if (gap > TimeUnit.MILLISECONDS.toNanos(GAP_MILLIS)) {
            closedUntil = now + TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS);
            LOG.warn("This member was stopped for {} ms: it writes nothing for {} ms (another member may own "
                + "flowtun's jobs now)", TimeUnit.NANOSECONDS.toMillis(gap), HOLD_MILLIS);
        }
        lastBeat = now;
    }

    /** Whether this member may write now. */
    public boolean open() {
        final long now = clock.getAsLong();
        return now - lastBeat <= TimeUnit.MILLISECONDS.toNanos(GAP_MILLIS) && now - closedUntil >= 0;
    }

    @Override
    public void close() {
        heart.shutdownNow();
    }
}
