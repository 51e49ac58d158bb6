/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;

/** When localities are announced: created once the flows are in, deleted at once, again after a move. */
public class AnnouncerTest extends AbstractConcurrentDataBrokerTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<String> events = new ArrayList<>();
    private LocalityPublisher publisher;
    private Announcer announcer;

    public AnnouncerTest() {
        super(true);
    }

    @Before
    public void setUp() {
        publisher = new LocalityPublisher(getDataBroker(),
            getDataBrokerTestCustomizer().createNotificationPublishService(), new KeyAllocator("lport"),
            new KeyAllocator("network"), () -> { });
        publisher.registerListener(change -> events.add(change.event().getName() + " " + change.lportId() + "@"
            + change.nodeId()));
        announcer = new Announcer(executor, publisher);
    }

    @After
    public void tearDown() {
        publisher.close();
        executor.shutdownNow();
    }

    @Test
    public void createdOnlyOnceTheFlowsAreIn() throws Exception {
        on(() -> announcer.placed("n1", "p", Locality.Remote, false));
        assertEquals("nothing before the flows are on the switch", List.of(), events);
        on(() -> announcer.flowsInstalled("n1", "p"));
        assertEquals(List.of("remote-created p@n1"), events);
        on(() -> announcer.flowsInstalled("n1", "p"));
        assertEquals("once", List.of("remote-created p@n1"), events);
    }

    @Test
    public void aChangeDeletesAtOnceAndCreatesWhenTheNewFlowsAreIn() throws Exception {
        on(() -> announcer.placed("n1", "p", Locality.Remote, false));
        on(() -> announcer.flowsInstalled("n1", "p"));
        on(() -> announcer.placed("n1", "p", Locality.Local, false));
        assertEquals(List.of("remote-created p@n1", "remote-deleted p@n1"), events);
        on(() -> announcer.flowsInstalled("n1", "p"));
        assertEquals(List.of("remote-created p@n1", "remote-deleted p@n1", "local-created p@n1"), events);
        // placed nowhere: deleted, and a late confirmation announces nothing
        on(() -> announcer.placed("n1", "p", null, false));
        on(() -> announcer.flowsInstalled("n1", "p"));
        assertEquals("local-deleted p@n1", events.get(events.size() - 1));
        assertEquals(4, events.size());
    }

    @Test
    public void aLocalLportAttachedElsewhereIsAnnouncedAgain() throws Exception {
        on(() -> announcer.placed("n1", "p", Locality.Local, false));
        on(() -> announcer.flowsInstalled("n1", "p"));
        on(() -> announcer.placed("n1", "p", Locality.Local, true));
        on(() -> announcer.flowsInstalled("n1", "p"));
        assertEquals(List.of("local-created p@n1", "local-deleted p@n1", "local-created p@n1"), events);
    }

    @Test
    public void aNodeThatLeavesHasEveryLocalityDeleted() throws Exception {
        on(() -> announcer.placed("n1", "p", Locality.Remote, false));
        on(() -> announcer.flowsInstalled("n1", "p"));
        on(() -> announcer.placed("n1", "q", Locality.Remote, false));
        on(() -> announcer.nodeLeft("n1", List.of("p", "q")));
        on(() -> announcer.flowsInstalled("n1", "q"));
        assertEquals(List.of("remote-created p@n1", "remote-deleted p@n1"), events);
    }

    private void on(final Runnable task) throws Exception {
        executor.submit(task).get(5, TimeUnit.SECONDS);
        executor.submit((Callable<Void>) () -> null).get(5, TimeUnit.SECONDS);
    }
}
