/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;

/**
 * When a locality is announced: {@code <locality>-created} once every flow of the lport on the node is on the
 * switch (the reconciler says so), {@code -deleted} as soon as the lport stops being so, and deleted then created
 * again when a local lport is attached elsewhere on the node (another OVS port, a sub-port's new VLAN). What was
 * announced is the publisher's; what waits for its flows is kept here. Confined to the locality thread.
 */
final class Announcer {
    private final Executor executor;
    private final LocalityPublisher publisher;
    /** node to lport to the locality announced once the lport's flows are in. */
    private final Map<String, Map<String, Locality>> pending = new HashMap<>();
    private boolean flushScheduled;

    Announcer(final Executor executor, final LocalityPublisher publisher) {
        this.executor = requireNonNull(executor);
        this.publisher = requireNonNull(publisher);
    }

    /**
     * The lport's locality on the node is now {@code target} (null: none); {@code reattached} when it stays
     * local but on another attachment.
     */
    void placed(final String node, final String lport, final Locality target, final boolean reattached) {
        final Locality announced = publisher.locality(node, lport);
        final boolean again = reattached && announced == Locality.Local && target == Locality.Local;
        if (announced != null && (announced != target || again)) {
            publisher.deleted(node, lport, announced);
        }
        if (target != null && (target != announced || again)) {
            pending.computeIfAbsent(node, id -> new HashMap<>()).put(lport, target);
        } else {
            final Map<String, Locality> waiting = pending.get(node);
            if (waiting != null) {
                waiting.remove(lport);
            }
        }
    }

    /** Every flow of the lport on the node is on the switch: its waiting locality is announced. */
    void flowsInstalled(final String node, final String lport) {
        final Map<String, Locality> waiting = pending.get(node);
        final Locality target = waiting == null ? null : waiting.remove(lport);
        if (target != null && publisher.locality(node, lport) != target) {
            publisher.created(node, lport, target);
            flushSoon();
        }
    }

    /** The node left: every locality announced there is deleted. */
    void nodeLeft(final String node, final Collection<String> lports) {
        pending.remove(node);
        for (String lport : lports) {
            final Locality announced = publisher.locality(node, lport);
            if (announced != null) {
                publisher.deleted(node, lport, announced);
            }
        }
    }

    /** The view in the datastore follows the announcements (once per burst of them). */
    private void flushSoon() {
        if (!flushScheduled) {
            flushScheduled = true;
            executor.execute(() -> {
                flushScheduled = false;
                publisher.flush();
            });
        }
    }
}
