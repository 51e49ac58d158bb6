/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.opendaylight.mdsal.eos.common.api.EntityOwnershipChangeState;
import org.opendaylight.mdsal.eos.dom.api.DOMEntity;
import org.opendaylight.mdsal.eos.dom.api.DOMEntityOwnershipChange;
import org.opendaylight.mdsal.eos.dom.api.DOMEntityOwnershipListener;
import org.opendaylight.mdsal.eos.dom.api.DOMEntityOwnershipService;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where flowtun's jobs run, as this member sees it: here, on another member, or nowhere (no member owns them, or
 * this member cannot tell because it lost the cluster's majority). Told by MD-SAL's entity ownership service about
 * the singleton group {@link SingletonJob#GROUP}; a member that does not run the jobs reports itself standing by.
 */
public final class JobsOwnership implements DOMEntityOwnershipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobsOwnership.class);
    private static final DOMEntity ENTITY = new DOMEntity(SingletonJob.ENTITY_TYPE, SingletonJob.GROUP_NAME);

    /** Where the jobs run. */
    public enum Role {
        /** Not known yet (the ownership service has not said). */
        UNKNOWN,
        /** On this member. */
        HERE,
        /** On another member: this one stands by. */
        ELSEWHERE,
        /** Nowhere: no member owns them, or this member is cut off from the majority. */
        NOWHERE
    }

    private final List<Consumer<Role>> listeners = new CopyOnWriteArrayList<>();
    private final Registration registration;
    private volatile Role role = Role.UNKNOWN;

    public JobsOwnership(final DOMEntityOwnershipService ownershipService) {
        this.registration = ownershipService.registerListener(SingletonJob.ENTITY_TYPE, this);
    }

    @Override
    public void ownershipChanged(final DOMEntityOwnershipChange change) {
        if (!ENTITY.equals(change.getEntity())) {
            return;
        }
        final Role now = roleOf(change.getState(), change.inJeopardy());
        final Role before = role;
        role = now;
        if (now != before) {
            LOG.info("flowtun's jobs: {} (was {}){}", now, before, change.inJeopardy()
                ? "; this member is cut off from the cluster's majority" : "");
            listeners.forEach(listener -> listener.accept(now));
        }
    }

    static Role roleOf(final EntityOwnershipChangeState state, final boolean inJeopardy) {
        if (inJeopardy || !state.hasOwner()) {
            return Role.NOWHERE;
        }
        return state.isOwner() ? Role.HERE : Role.ELSEWHERE;
    }

    public Role role() {
        return role;
    }

    /** Tells {@code listener} the role now and at every change (on the ownership service's thread). */
    public Registration register(final Consumer<Role> listener) {
        requireNonNull(listener);
        listeners.add(listener);
        listener.accept(role);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        registration.close();
    }
}
