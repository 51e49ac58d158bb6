/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.yangtools.concepts.Registration;

/** The member-wide connection cache: a listener registered late hears the switches connected now, then changes. */
public class OpenFlowConnectionCacheTest {
    /** Fed by hand here: the broker (where the listener would be registered) is never used. */
    private final OpenFlowConnectionCache cache = new OpenFlowConnectionCache((DataBroker) Proxy.newProxyInstance(
        DataBroker.class.getClassLoader(), new Class<?>[] {DataBroker.class}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
        }));

    @Test
    public void aLateListenerHearsTheSwitchesConnectedNowThenEveryChange() {
        cache.connected("openflow:1");
        cache.connected("openflow:2");
        cache.disconnected("openflow:1");

        final List<String> heard = new ArrayList<>();
        final Registration registration = cache.register(recorder(heard));
        assertEquals(List.of("connected openflow:2"), heard);

        cache.reconnected("openflow:2");
        cache.connected("openflow:3");
        cache.disconnected("openflow:2");
        assertEquals(List.of("connected openflow:2", "reconnected openflow:2", "connected openflow:3",
            "disconnected openflow:2"), heard);

        registration.close();
        cache.connected("openflow:4");
        assertEquals(4, heard.size());

        final List<String> later = new ArrayList<>();
        cache.register(recorder(later));
        assertEquals(List.of("connected openflow:3", "connected openflow:4"), later);
    }

    private static OpenFlowConnections.Listener recorder(final List<String> heard) {
        return new OpenFlowConnections.Listener() {
            @Override
            public void connected(final String openflowNodeId) {
                heard.add("connected " + openflowNodeId);
            }

            @Override
            public void reconnected(final String openflowNodeId) {
                heard.add("reconnected " + openflowNodeId);
            }

            @Override
            public void disconnected(final String openflowNodeId) {
                heard.add("disconnected " + openflowNodeId);
            }
        };
    }
}
