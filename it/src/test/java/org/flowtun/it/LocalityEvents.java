/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flowtun.api.LocalityService;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.FlowtunStateListener;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Records every locality event twice, through the Java {@link LocalityService} and through the
 * {@code locality-changed} notification, and checks them (and {@code flowtun-state:lport-states}) against what
 * a test expects. Events are written {@code "<event> on <node-id>"}.
 */
final class LocalityEvents implements AutoCloseable {
    private final List<String> javaEvents = new CopyOnWriteArrayList<>();
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private final Registration javaRegistration;
    private final Registration notificationRegistration;

    LocalityEvents(final LocalityService localityService, final NotificationService notificationService) {
        javaRegistration = localityService.registerListener(change -> javaEvents.add(change.lportId() + ": "
            + change.event().getName() + " on " + change.nodeId()));
        notificationRegistration = notificationService.registerNotificationListener(
            (FlowtunStateListener) change -> notifications.add(change.getLportId() + ": "
                + change.getEvent().getName() + " on " + change.getNodeId()));
    }

    /**
     * Waits until both the Java listener and the notification listener have seen exactly {@code expected} for the
     * lport; per node in order (events of different nodes may interleave).
     */
    void await(final String lport, final List<String> expected) throws Exception {
        Await.until(Overlay.TIMEOUT, () -> {
            final List<String> viaJava = of(javaEvents, lport);
            final List<String> viaNotification = of(notifications, lport);
            if (!perNode(viaJava).equals(perNode(expected)) || !perNode(viaNotification).equals(perNode(expected))) {
                return lport + ": expected " + expected + ", Java API saw " + viaJava + ", notifications "
                    + viaNotification;
            }
            return null;
        });
    }

    /** Waits until {@code flowtun-state:lport-states} gives the lport exactly these localities (node to locality). */
    static void awaitLocalities(final Restconf restconf, final String lport, final Map<String, String> expected)
            throws Exception {
        Await.until(Overlay.TIMEOUT, () -> {
            final Restconf.Reply reply = restconf.get("flowtun-state:lport-states/lport-state=" + lport);
            if (reply.status != 200) {
                return "lport-state " + reply;
            }
            final Map<String, String> have = new TreeMap<>();
            final JsonNode localities = reply.json().get("flowtun-state:lport-state").get(0).get("locality");
            if (localities != null) {
                localities.forEach(entry -> have.put(entry.get("node-id").asText(), entry.get("locality").asText()));
            }
            return have.equals(new TreeMap<>(expected)) ? null : lport + ": lport-states says " + have
                + ", expected " + expected;
        });
    }

    private static List<String> of(final List<String> events, final String lport) {
        final List<String> result = new ArrayList<>();
        events.stream().filter(event -> event.startsWith(lport + ": "))
            .forEach(event -> result.add(event.substring(lport.length() + 2)));
        return result;
    }

    /** The events grouped by node, each group in order. */
    private static Map<String, List<String>> perNode(final List<String> events) {
        final Map<String, List<String>> byNode = new TreeMap<>();
        for (String event : events) {
            final String node = event.substring(event.indexOf(" on ") + 4);
            byNode.computeIfAbsent(node, key -> new ArrayList<>()).add(event);
        }
        return byNode;
    }

    @Override
    public void close() {
        javaRegistration.close();
        notificationRegistration.close();
    }
}
