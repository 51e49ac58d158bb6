/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.validation;

import java.util.Collection;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Who may change {@code flowtun-keys:key-allocations}: flowtun alone. Before flowtun commits a change of its key
 * allocations it says which entries it writes ({@link #expect}); the commit cohort on the container lets through
 * a transaction only when every entry it changes was announced so, and refuses any other (a client's PUT, POST,
 * PATCH or DELETE) with 403.
 *
 * <p>In a cluster only the cohorts on the shard leader's member are asked about a commit, wherever it was made, and
 * only the member that runs the key allocator knows what was announced: a member's cohort decides only while that
 * member guards the allocations ({@link #guardHere}); the others let every change through. The member that runs the
 * key allocator keeps the shard's leadership ({@code ShardLeadership}), so that its cohort is the one asked; while the
 * leadership is elsewhere for a moment (an election after a member's death), other writes are not refused.
 */
public interface KeyAllocationsGuard {
    /** An lport's tunnel key written ({@code key} set) or deleted ({@code key} null). */
    static String lportKey(final String lport, final Long key) {
        return "lport-key \"" + lport + "\" = " + key;
    }

    /** A network's key written ({@code key} set) or deleted ({@code key} null). */
    static String networkKey(final String network, final Long key) {
        return "network-key \"" + network + "\" = " + key;
    }

    /**
     * Announces the changes of a transaction about to be committed.
     *
     * @return to run once the commit is done (or failed)
     */
    Runnable expect(Collection<String> changes);

    /**
     * This member runs the key allocator from now on: its cohort refuses every change that was not announced,
     * until the registration is closed.
     */
    Registration guardHere();
}
