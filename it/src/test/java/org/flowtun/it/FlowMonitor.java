/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The switch telling when a flow changes: {@code ovs-ofctl monitor ... watch:} streams an event for every flow
 * added, modified or deleted in the watched table as OVS applies it. Benchmarks time convergence by these events
 * instead of polling the switch: a poll of a 10,000-flow table costs OVS and the controller CPU while they work, and
 * rounds the figure up by its period.
 */
final class FlowMonitor implements AutoCloseable {
    private final Process process;
    private final Thread reader;
    /** Event lines since the last {@link #mark()}, and when each was read. */
    private final List<String> lines = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private boolean connected;
    private IOException failure;

    FlowMonitor(final ProcessBuilder command) throws IOException {
        process = command.redirectErrorStream(true).start();
        reader = new Thread(this::read, "flow-monitor");
        reader.setDaemon(true);
        reader.start();
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        synchronized (this) {
            while (!connected && failure == null) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("ovs-ofctl monitor did not answer within 10 s");
                }
                waitNanos(left);
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Forgets the events so far: later awaits count from here. */
    synchronized void mark() {
        lines.clear();
        times.clear();
    }

    /**
     * When (System.nanoTime()) the {@code count}th event since the last mark that {@code event} accepts arrived; waits
     * for it up to {@code timeout}. An event is a line such as
     * {@code event=ADDED table=75 cookie=0x.. reg7=0x5 actions=...}.
     */
    synchronized long await(final int count, final Predicate<String> event, final Duration timeout)
            throws IOException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        int next = 0;
        while (true) {
            for (; next < lines.size(); next++) {
                if (event.test(lines.get(next)) && ++seen == count) {
                    return times.get(next);
                }
            }
            if (failure != null) {
                throw failure;
            }
            final long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(seen + " of " + count + " flow events after " + timeout);
            }
            waitNanos(left);
        }
    }

    /**
     * When (System.nanoTime(), not before {@code since}) the egress flow of lport tunnel key {@code key} (table 75,
     * tunnel destination set) was on every one of {@code monitors}, each since its last mark; waits up to 30 s each.
     */
    static long egressLanded(final Collection<FlowMonitor> monitors, final long key, final long since)
            throws IOException {
        long landed = since;
        for (FlowMonitor monitor : monitors) {
            landed = Math.max(landed, monitor.await(1, addedOrModified(String.format(Locale.ROOT, "reg7=0x%x ", key),
                "NXM_NX_TUN_IPV4_DST"), Duration.ofSeconds(30)));
        }
        return landed;
    }

    /** Accepts an added or modified flow whose line contains every one of {@code parts}. */
    static Predicate<String> addedOrModified(final String... parts) {
        return line -> {
            if (!line.contains("event=ADDED") && !line.contains("event=MODIFIED")) {
                return false;
            }
            for (String part : parts) {
                if (!line.contains(part)) {
                    return false;
                }
            }
            return true;
        };
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                final long now = System.nanoTime();
                synchronized (this) {
                    if (line.contains("FLOW_MONITOR reply")) {
                        connected = true;
                    } else if (line.contains("event=")) {
                        lines.add(line);
                        times.add(now);
                    }
                    notifyAll();
                }
            }
            synchronized (this) {
                failure = new IOException("ovs-ofctl monitor ended");
                notifyAll();
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
                notifyAll();
            }
        }
    }

    private void waitNanos(final long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(10_000);
    }
}
