/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.cluster;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.opendaylight.mdsal.singleton.common.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.common.api.ClusterSingletonServiceProvider;
import org.opendaylight.mdsal.singleton.common.api.ServiceGroupIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of flowtun's jobs (the locality service with its reconcilers and key allocator, the tunnel manager with the
 * chassis registrar) as an MD-SAL cluster singleton: it runs on exactly one member at a time. Every job is in the
 * one service group {@link #GROUP}, so they all run on the same member and hand over together. A single
 * controller is a cluster of one: its jobs start as soon as the singleton provider is up.
 *
 * <p>Each time this member takes the jobs over a fresh {@link Term} starts (from the datastore's state); when
 * ownership is lost (another member took over, or this one lost the cluster's majority) the term is closed.
 *
 * <p>A term starts {@link #CONFIRM_MILLIS} after ownership is granted, and not at all if it is taken back meanwhile:
 * a member resumed after a pause can be told it owns the group, by its entity ownership state from before the pause,
 * for a moment before it hears that another member took over. Without the delay it would write for that moment
 * beside the real owner.
 */
public final class SingletonJob implements ClusterSingletonService {
    /** The service group of every flowtun job; its entity in {@code entity-owners} has this name. */
    public static final String GROUP_NAME = "flowtun";
    public static final ServiceGroupIdentifier GROUP = ServiceGroupIdentifier.create(GROUP_NAME);
    /** MD-SAL's entity type for cluster singleton service groups (entity-owners shows who owns "flowtun"). */
    public static final String ENTITY_TYPE = "org.opendaylight.mdsal.ServiceEntityType";

    /**
     * How long ownership must hold before a term starts (the cost: a takeover starts that much later). A resumed
     * member's stale ownership was seen to last 0.26-0.3 s; a member stopped for long is also held back by the
     * {@link WriteFence}.
     */
    public static final long CONFIRM_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(SingletonJob.class);

    /** What runs while this member owns the job. */
    @FunctionalInterface
    public interface Term extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts a term: called when this member takes the job over. */
    @FunctionalInterface
    public interface Starter {
        Term start();
    }

    private final String name;
    private final Starter starter;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> pending;
    private Term term;

    private SingletonJob(final String name, final Starter starter) {
        this.name = requireNonNull(name);
        this.starter = requireNonNull(starter);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("flowtun-" + name.replace(' ', '-') + "-job").setDaemon(true).build());
    }

    /** Registers a job; it starts on this member when (and each time) this member owns the group. */
    public static Registration register(final ClusterSingletonServiceProvider provider, final String name,
            final Starter starter) {
        final SingletonJob job = new SingletonJob(name, starter);
        final Registration registration = provider.registerClusterSingletonService(job);
        return () -> {
            registration.close();
            job.scheduler.shutdownNow();
        };
    }

    @Override
    public ServiceGroupIdentifier getIdentifier() {
        return GROUP;
    }

    @Override
    public synchronized void instantiateServiceInstance() {
        LOG.info("This member is given the {}; it starts in {} ms unless that changes", name, CONFIRM_MILLIS);
        pending = scheduler.schedule(this::begin, CONFIRM_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void begin() {
        if (pending == null) {
            return;
        }
        pending = null;
        LOG.info("This member takes over the {}", name);
        term = starter.start();
    }

    @Override
    public synchronized ListenableFuture<?> closeServiceInstance() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
            LOG.info("The {} was taken back from this member before it started here", name);
        }
        if (term != null) {
            LOG.info("This member stops the {}", name);
            term.close();
            term = null;
        }
        return Futures.immediateFuture(null);
    }

    @Override
    public String toString() {
        return "flowtun " + name;
    }
}
