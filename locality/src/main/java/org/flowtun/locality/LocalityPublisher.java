/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.flowtun.api.LocalityChange;
import org.flowtun.api.LocalityListener;
import org.flowtun.api.LocalityService;
import org.flowtun.impl.ChainedWriter;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.LocalityChangedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.LocalityEvent;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.LportStates;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.LportStatesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.NetworkStates;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.NetworkStatesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.lport.states.LportState;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.lport.states.LportStateBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.lport.states.LportStateKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.lport.states.lport.state.LocalityBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.lport.states.lport.state.LocalityKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.network.states.NetworkState;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.network.states.NetworkStateBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.network.states.NetworkStateKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes locality events three ways: to the Java listeners ({@link LocalityService}), as the
 * {@code locality-changed} notification, and as the operational view {@code flowtun-state:lport-states} (with
 * the keys, and {@code network-states}). Confined to the locality thread except for listener registration;
 * datastore writes are collected and written once per {@link #flush()}.
 */
final class LocalityPublisher implements LocalityService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalityPublisher.class);
    private static final InstanceIdentifier<LportStates> LPORT_STATES = InstanceIdentifier.create(LportStates.class);
    private static final InstanceIdentifier<NetworkStates> NETWORK_STATES =
        InstanceIdentifier.create(NetworkStates.class);

    private final NotificationPublishService notifications;
    private final ChainedWriter writer;
    private final List<LocalityListener> listeners = new CopyOnWriteArrayList<>();
    /** The engine's allocators, read (on the locality thread) when the view is written: no copy of each key. */
    private final KeyAllocator lportKeys;
    private final KeyAllocator networkKeys;
    private final Map<String, NodeLocalities> localities = new HashMap<>();
    private final Set<String> dirtyLports = new HashSet<>();
    private final Set<String> dirtyNetworks = new HashSet<>();

    LocalityPublisher(final DataBroker dataBroker, final NotificationPublishService notifications,
            final KeyAllocator lportKeys, final KeyAllocator networkKeys, final Runnable onRewrite) {
        this.notifications = requireNonNull(notifications);
        this.lportKeys = requireNonNull(lportKeys);
        this.networkKeys = requireNonNull(networkKeys);
        this.writer = new ChainedWriter(dataBroker, "lport-states", onRewrite);
        writer.write(tx -> {
            tx.put(LogicalDatastoreType.OPERATIONAL, LPORT_STATES, new LportStatesBuilder().build());
            tx.put(LogicalDatastoreType.OPERATIONAL, NETWORK_STATES, new NetworkStatesBuilder().build());
        });
    }

    @Override
    public Registration registerListener(final LocalityListener listener) {
        listeners.add(requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    /** The locality announced for {@code lport} on {@code node}, or null. */
    Locality locality(final String node, final String lport) {
        final NodeLocalities byNode = localities.get(lport);
        return byNode == null ? null : byNode.get(node);
    }

    void created(final String node, final String lport, final Locality locality) {
        localities.computeIfAbsent(lport, id -> new NodeLocalities()).put(node, locality);
        announce(node, lport, locality, "-created");
    }

    void deleted(final String node, final String lport, final Locality locality) {
        final NodeLocalities byNode = localities.get(lport);
        if (byNode != null && byNode.remove(node)) {
            localities.remove(lport);
        }
        announce(node, lport, locality, "-deleted");
    }

    /** The lport's key (in the lport allocator) may have changed: its state is written on the next flush. */
    void lportKeyChanged(final String lport) {
        dirtyLports.add(lport);
    }

    /** The network's key (in the network allocator) may have changed. */
    void networkKeyChanged(final String network) {
        dirtyNetworks.add(network);
    }

    /** Writes what changed since the last flush in one transaction. */
    void flush() {
        if (dirtyLports.isEmpty() && dirtyNetworks.isEmpty()) {
            return;
        }
        final List<LportState> lportPuts = dirtyLports.stream().filter(this::hasState).map(this::lportState)
            .collect(Collectors.toList());
        final List<String> lportDeletes = dirtyLports.stream().filter(id -> !hasState(id))
            .collect(Collectors.toList());
        final List<NetworkState> networkPuts = dirtyNetworks.stream().filter(this::hasNetworkKey)
            .map(this::networkState).collect(Collectors.toList());
        final List<String> networkDeletes = dirtyNetworks.stream().filter(id -> !hasNetworkKey(id))
            .collect(Collectors.toList());
        dirtyLports.clear();
        dirtyNetworks.clear();
        writer.write(tx -> {
            lportPuts.forEach(state -> tx.put(LogicalDatastoreType.OPERATIONAL, lportPath(state.getId()), state));
            lportDeletes.forEach(id -> tx.delete(LogicalDatastoreType.OPERATIONAL, lportPath(id)));
            networkPuts.forEach(state -> tx.put(LogicalDatastoreType.OPERATIONAL, networkPath(state.getId()), state));
            networkDeletes.forEach(id -> tx.delete(LogicalDatastoreType.OPERATIONAL, networkPath(id)));
        });
    }

    /** Writes the whole view again (after a failed write). */
    void rewriteAll() {
        final Set<String> lports = new HashSet<>(lportKeys.owners());
        lports.addAll(localities.keySet());
        final LportStatesBuilder lportStates = new LportStatesBuilder().setLportState(lports.stream()
            .map(this::lportState).collect(Collectors.toMap(LportState::key, state -> state)));
        final NetworkStatesBuilder networkStates = new NetworkStatesBuilder().setNetworkState(
            networkKeys.owners().stream().map(this::networkState)
                .collect(Collectors.toMap(NetworkState::key, state -> state)));
        writer.write(tx -> {
            tx.put(LogicalDatastoreType.OPERATIONAL, LPORT_STATES, lportStates.build());
            tx.put(LogicalDatastoreType.OPERATIONAL, NETWORK_STATES, networkStates.build());
        });
    }

    private void announce(final String node, final String lport, final Locality locality, final String suffix) {
        final LocalityEvent event = LocalityEvent.forName(locality.getName() + suffix).orElseThrow();
        dirtyLports.add(lport);
        LOG.debug("{} {} on {}", event.getName(), lport, node);
        final LocalityChange change = new LocalityChange(node, lport, event);
        for (LocalityListener listener : listeners) {
            notifyListener(listener, change);
        }
        final var offered = notifications.offerNotification(new LocalityChangedBuilder().setNodeId(node)
            .setLportId(lport).setEvent(event).build());
        if (offered == NotificationPublishService.REJECTED) {
            LOG.warn("locality-changed notification queue full: {} not published", change);
        } else {
            Futures.addCallback(offered, new FutureCallback<Object>() {
                @Override
                public void onSuccess(final Object result) {
                    // delivered
                }

                @Override
                public void onFailure(final Throwable cause) {
                    LOG.warn("locality-changed notification {} failed", change, cause);
                }
            }, MoreExecutors.directExecutor());
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void notifyListener(final LocalityListener listener, final LocalityChange change) {
        try {
            listener.onLocalityChanged(change);
        } catch (RuntimeException e) {
            LOG.warn("Locality listener {} failed on {}", listener, change, e);
        }
    }

    private boolean hasState(final String lport) {
        return lportKeys.keyOf(lport) != null || localities.containsKey(lport);
    }

    private boolean hasNetworkKey(final String network) {
        return networkKeys.keyOf(network) != null;
    }

    private LportState lportState(final String lport) {
        final LportStateBuilder builder = new LportStateBuilder().setId(lport);
        final Long key = lportKeys.keyOf(lport);
        if (key != null) {
            builder.setTunnelKey(Uint32.valueOf(key));
        }
        final Map<LocalityKey, org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122
            .lport.states.lport.state.Locality> byNode = new HashMap<>();
        final NodeLocalities announced = localities.get(lport);
        if (announced != null) {
            announced.forEach((node, locality) -> {
                final var entry = new LocalityBuilder().setNodeId(node).setLocality(locality).build();
                byNode.put(entry.key(), entry);
            });
        }
        return builder.setLocality(byNode).build();
    }

    private NetworkState networkState(final String network) {
        return new NetworkStateBuilder().setId(network).setNetworkKey(Uint32.valueOf(networkKeys.keyOf(network)))
            .build();
    }

    private static InstanceIdentifier<LportState> lportPath(final String lport) {
        return LPORT_STATES.child(LportState.class, new LportStateKey(lport));
    }

    private static InstanceIdentifier<NetworkState> networkPath(final String network) {
        return NETWORK_STATES.child(NetworkState.class, new NetworkStateKey(network));
    }

    @Override
    public void close() {
        writer.close();
    }
}
