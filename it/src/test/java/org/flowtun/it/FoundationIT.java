/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.opendaylight.infrautils.ready.SystemReadyMonitor;
import org.opendaylight.infrautils.ready.SystemState;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/**
 * The foundation, as a user meets it: the distribution boots with flowtun's features, the southbounds
 * listen, and RESTCONF creates, reads, updates and deletes flowtun's resources and turns bad input away
 * with a 400 naming the field, storing nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FoundationIT {
    private static final long READY_TIMEOUT_MS = 300_000;

    @Inject
    private BundleContext bundleContext;

    @Inject
    private FeaturesService featuresService;

    @Inject
    @Filter(timeout = READY_TIMEOUT_MS)
    private SystemReadyMonitor systemReady;

    private final Restconf restconf = new Restconf(8181);

    @Configuration
    public Option[] config() {
        return FlowtunKaraf.options();
    }

    @Before
    public void waitForSystemReady() throws InterruptedException {
        final long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (systemReady.getSystemState() == SystemState.BOOTING && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        assertEquals("infrautils system state", SystemState.ACTIVE, systemReady.getSystemState());
        // RESTCONF answers 200 once flowtun has created its (empty) containers.
        final long restconfDeadline = System.currentTimeMillis() + 120_000;
        while (restconf.get("flowtun-chassis:chassis-registry").status != 200
                && System.currentTimeMillis() < restconfDeadline) {
            Thread.sleep(500);
        }
    }

    @Test
    public void featuresAreInstalled() throws Exception {
        for (String feature : List.of("odl-flowtun-rest", "odl-flowtun", "odl-flowtun-ovsdb-southbound",
                "odl-openflowplugin-southbound", "odl-openflowplugin-nxm-extensions", "odl-restconf-nb-rfc8040",
                "odl-mdsal-broker")) {
            assertTrue(feature + " installed", featuresService.isInstalled(featuresService.getFeature(feature)));
        }
    }

    @Test
    public void flowtunBundlesAreActiveWithTheirBlueprint() throws InvalidSyntaxException {
        final List<String> flowtun = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName().startsWith("org.flowtun.")) {
                flowtun.add(bundle.getSymbolicName());
                // a fragment is resolved (attached to its host), never active
                final boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
                assertEquals(bundle.getSymbolicName() + " state", fragment ? Bundle.RESOLVED : Bundle.ACTIVE,
                    bundle.getState());
            }
        }
        assertTrue("the log filter is attached to pax-logging-log4j2",
            flowtun.contains("org.flowtun.karaf-log-filter"));
        assertTrue("flowtun bundles " + flowtun, flowtun.containsAll(List.of("org.flowtun.api", "org.flowtun.impl",
            "org.flowtun.tunnel-manager")));
        assertNotNull("flowtun-impl's Blueprint container is up", bundleContext.getServiceReferences(
            "org.osgi.service.blueprint.container.BlueprintContainer",
            "(osgi.blueprint.container.symbolicname=org.flowtun.impl)"));
        assertNotNull("flowtun-tunnel-manager's Blueprint container is up", bundleContext.getServiceReferences(
            "org.osgi.service.blueprint.container.BlueprintContainer",
            "(osgi.blueprint.container.symbolicname=org.flowtun.tunnel-manager)"));
    }

    @Test
    public void southboundsListen() {
        assertListening("OVSDB southbound", 6640);
        assertListening("OpenFlow southbound", 6653);
    }

    @Test
    public void emptyChassisRegistryAnswers200() {
        final Restconf.Reply reply = restconf.get("flowtun-chassis:chassis-registry");
        assertEquals(reply.toString(), 200, reply.status);
        assertTrue(reply.body, reply.json().has("flowtun-chassis:chassis-registry"));
    }

    @Test
    public void chassisCrud() {
        final String path = "flowtun-chassis:chassis-registry/chassis=crud-c1";
        assertStatus(201, restconf.put(path, "{\"flowtun-chassis:chassis\":[{\"id\":\"crud-c1\",\"ip\":\"192.0.2.10\","
            + "\"tunnel-types\":[\"flowtun-types:vxlan\",\"flowtun-types:geneve\"]}]}"));
        JsonNode chassis = restconf.get(path).json().get("flowtun-chassis:chassis").get(0);
        assertEquals("192.0.2.10", chassis.get("ip").asText());
        assertEquals(2, chassis.get("tunnel-types").size());

        assertStatus(204, restconf.put(path, "{\"flowtun-chassis:chassis\":[{\"id\":\"crud-c1\",\"ip\":\"192.0.2.11\","
            + "\"tunnel-types\":[\"flowtun-types:gre\"]}]}"));
        chassis = restconf.get(path).json().get("flowtun-chassis:chassis").get(0);
        assertEquals("192.0.2.11", chassis.get("ip").asText());
        assertEquals("flowtun-types:gre", chassis.get("tunnel-types").get(0).asText());

        assertStatus(204, restconf.delete(path));
        assertMissing(path);
    }

    @Test
    public void networkCrud() {
        final String path = "flowtun-network:networks/network=crud-n1";
        assertStatus(201, restconf.put(path, network("crud-n1", "geneve", 5001)));
        assertEquals(5001, restconf.get(path).json().get("flowtun-network:network").get(0).get("segmentation-id")
            .asLong());
        final Restconf.Reply patched = restconf.patch(path,
            "{\"flowtun-network:network\":[{\"id\":\"crud-n1\",\"mtu\":1400}]}");
        assertTrue(patched.toString(), patched.status == 200 || patched.status == 204);
        final JsonNode network = restconf.get(path).json().get("flowtun-network:network").get(0);
        assertEquals(1400, network.get("mtu").asInt());
        assertEquals("flowtun-types:geneve", network.get("network-type").asText());
        assertStatus(204, restconf.delete(path));
        assertMissing(path);
    }

    @Test
    public void lportCrud() {
        assertStatus(201, restconf.put("flowtun-chassis:chassis-registry/chassis=crud-c2",
            "{\"flowtun-chassis:chassis\":[{\"id\":\"crud-c2\",\"ip\":\"192.0.2.20\","
            + "\"tunnel-types\":[\"flowtun-types:vxlan\"]}]}"));
        assertStatus(201, restconf.put("flowtun-network:networks/network=crud-n2", network("crud-n2", "vxlan", 77)));
        final String path = "flowtun-lport:lports/lport=crud-p1";
        assertStatus(201, restconf.put(path, "{\"flowtun-lport:lport\":[{\"id\":\"crud-p1\",\"network\":\"crud-n2\","
            + "\"mac-address\":\"fa:16:3e:00:00:01\",\"ips\":[\"10.0.0.5\"],\"chassis\":\"crud-c2\"}]}"));
        JsonNode lport = restconf.get(path).json().get("flowtun-lport:lport").get(0);
        assertEquals("crud-c2", lport.get("chassis").asText());
        assertEquals("fa:16:3e:00:00:01", lport.get("mac-address").asText());

        // What an lport uses cannot be deleted under it: 409 in-use, naming the user; nothing changes.
        Restconf.Reply refused = restconf.delete("flowtun-network:networks/network=crud-n2");
        assertStatus(409, refused);
        assertThat(refused.body, containsString("still in use by lport \\\"crud-p1\\\""));
        assertStatus(200, restconf.get("flowtun-network:networks/network=crud-n2"));
        refused = restconf.delete("flowtun-chassis:chassis-registry/chassis=crud-c2");
        assertStatus(409, refused);
        assertStatus(200, restconf.get("flowtun-chassis:chassis-registry/chassis=crud-c2"));

        // Rebind it to a host of another cloud: the binding choice switches case.
        assertStatus(204, restconf.put(path, "{\"flowtun-lport:lport\":[{\"id\":\"crud-p1\",\"network\":\"crud-n2\","
            + "\"binding-profile\":{\"host-ip\":\"198.51.100.7\"}}]}"));
        lport = restconf.get(path).json().get("flowtun-lport:lport").get(0);
        assertFalse(lport.toString(), lport.has("chassis"));
        assertEquals("198.51.100.7", lport.get("binding-profile").get("host-ip").asText());

        assertStatus(204, restconf.delete(path));
        assertMissing(path);
        assertStatus(204, restconf.delete("flowtun-network:networks/network=crud-n2"));
        assertStatus(204, restconf.delete("flowtun-chassis:chassis-registry/chassis=crud-c2"));
    }

    @Test
    public void anIpThatIsNotOneIsRejected() {
        final String path = "flowtun-chassis:chassis-registry/chassis=bad-ip";
        final Restconf.Reply reply = restconf.put(path, "{\"flowtun-chassis:chassis\":[{\"id\":\"bad-ip\","
            + "\"ip\":\"10.0.0.300\",\"tunnel-types\":[\"flowtun-types:vxlan\"]}]}");
        assertStatus(400, reply);
        assertThat(reply.body, containsString("10.0.0.300"));
        assertMissing(path);
    }

    @Test
    public void aSegmentationIdOutOfRangeForItsTypeIsRejected() {
        Restconf.Reply reply = restconf.put("flowtun-network:networks/network=bad-vni",
            network("bad-vni", "vxlan", 16_777_216));
        assertStatus(400, reply);
        assertThat(reply.body, containsString("segmentation-id: 16777216 is out of range for vxlan"));
        assertMissing("flowtun-network:networks/network=bad-vni");

        reply = restconf.put("flowtun-network:networks/network=bad-vlan", network("bad-vlan", "vlan", 4095));
        assertStatus(400, reply);
        assertThat(reply.body, containsString("segmentation-id: 4095 is out of range for vlan"));
        assertMissing("flowtun-network:networks/network=bad-vlan");

        // The same value is fine for gre (32-bit key).
        assertStatus(201, restconf.put("flowtun-network:networks/network=big-gre",
            network("big-gre", "gre", 16_777_216)));
        assertStatus(204, restconf.delete("flowtun-network:networks/network=big-gre"));
    }

    @Test
    public void anLportOnANetworkThatDoesNotExistIsRejected() {
        final String path = "flowtun-lport:lports/lport=orphan";
        final Restconf.Reply reply = restconf.put(path,
            "{\"flowtun-lport:lport\":[{\"id\":\"orphan\",\"network\":\"no-such-net\"}]}");
        assertStatus(400, reply);
        assertThat(reply.body, containsString("network: no network \\\"no-such-net\\\""));
        assertMissing(path);
    }

    @Test
    public void aTunnelKeyAnotherLportHasIsRejected() {
        assertStatus(201, restconf.put("flowtun-network:networks/network=key-net", network("key-net", "vxlan", 88)));
        assertStatus(201, restconf.put("flowtun-lport:lports/lport=key-a",
            "{\"flowtun-lport:lport\":[{\"id\":\"key-a\",\"network\":\"key-net\",\"tunnel-key\":4242}]}"));
        final String path = "flowtun-lport:lports/lport=key-b";
        final Restconf.Reply reply = restconf.put(path,
            "{\"flowtun-lport:lport\":[{\"id\":\"key-b\",\"network\":\"key-net\",\"tunnel-key\":4242}]}");
        assertStatus(400, reply);
        assertThat(reply.body, containsString("tunnel-key: 4242 is already the tunnel key of lport \\\"key-a\\\""));
        assertMissing(path);
        // Two new lports with the same key in one request: neither is stored.
        final Restconf.Reply both = restconf.post("flowtun-lport:lports", "{\"flowtun-lport:lport\":["
            + "{\"id\":\"key-c\",\"network\":\"key-net\",\"tunnel-key\":4343},"
            + "{\"id\":\"key-d\",\"network\":\"key-net\",\"tunnel-key\":4343}]}");
        assertStatus(400, both);
        assertThat(both.body, containsString("tunnel-key: 4343 is also given to lport"));
        assertMissing("flowtun-lport:lports/lport=key-c");
        assertMissing("flowtun-lport:lports/lport=key-d");
        // key-a itself may be written again with its key.
        assertStatus(204, restconf.put("flowtun-lport:lports/lport=key-a",
            "{\"flowtun-lport:lport\":[{\"id\":\"key-a\",\"network\":\"key-net\",\"tunnel-key\":4242}]}"));
    }

    @Test
    public void aChassisWithNoTunnelTypeIsRejected() {
        final String path = "flowtun-chassis:chassis-registry/chassis=no-types";
        final Restconf.Reply reply = restconf.put(path,
            "{\"flowtun-chassis:chassis\":[{\"id\":\"no-types\",\"ip\":\"192.0.2.30\"}]}");
        assertStatus(400, reply);
        assertThat(reply.body, containsString("tunnel-types: at least one tunnel type is required"));
        assertMissing(path);
    }

    @Test
    public void oneBadEntryRejectsTheWholeRequest() {
        final Restconf.Reply reply = restconf.post("flowtun-network:networks", "{\"flowtun-network:network\":["
            + networkEntry("batch-ok", "vxlan", 10) + "," + networkEntry("batch-bad", "vlan", 9999) + "]}");
        assertStatus(400, reply);
        assertThat(reply.body, containsString("batch-bad"));
        assertMissing("flowtun-network:networks/network=batch-ok");
        assertMissing("flowtun-network:networks/network=batch-bad");
    }

    @Test
    public void identitiesOfAnotherBaseAreRejected() {
        // RESTCONF takes any identity for an identityref; flowtun checks the YANG base at commit
        final String chassis = "flowtun-chassis:chassis-registry/chassis=vlan-chassis";
        Restconf.Reply reply = restconf.put(chassis, "{\"flowtun-chassis:chassis\":[{\"id\":\"vlan-chassis\","
            + "\"ip\":\"192.0.2.31\",\"tunnel-types\":[\"flowtun-types:vlan\"]}]}");
        assertStatus(400, reply);
        assertThat(reply.body, containsString("tunnel-types: vlan is not a tunnel type"));
        assertMissing(chassis);
        assertStatus(201, restconf.put("flowtun-network:networks/network=owner-net", network("owner-net", "vxlan",
            31)));
        final String lport = "flowtun-lport:lports/lport=bad-owner";
        reply = restconf.put(lport, "{\"flowtun-lport:lport\":[{\"id\":\"bad-owner\",\"network\":\"owner-net\","
            + "\"device-owner\":\"flowtun-types:vxlan\"}]}");
        assertStatus(400, reply);
        assertThat(reply.body, containsString("device-owner: vxlan is not a device owner"));
        assertMissing(lport);
        assertStatus(204, restconf.delete("flowtun-network:networks/network=owner-net"));
    }

    @Test
    public void keyAllocationsAreWrittenByFlowtunAlone() throws Exception {
        assertStatus(201, restconf.put("flowtun-network:networks/network=keys-net", network("keys-net", "vxlan",
            32)));
        assertStatus(201, restconf.put("flowtun-lport:lports/lport=keys-p", "{\"flowtun-lport:lport\":[{\"id\":"
            + "\"keys-p\",\"network\":\"keys-net\",\"binding-profile\":{\"host-ip\":\"192.0.2.32\"}}]}"));
        // flowtun's own writes go through
        Await.until(Duration.ofSeconds(30), () -> restconf.get("flowtun-keys:key-allocations").body.contains(
            "\"keys-p\"") ? null : "no key allocated for keys-p");
        final String before = restconf.get("flowtun-keys:key-allocations").body;
        for (Restconf.Reply refused : List.of(
                restconf.put("flowtun-keys:key-allocations/lport-key=keys-p", "{\"flowtun-keys:lport-key\":[{"
                    + "\"lport\":\"keys-p\",\"key\":77777}]}"),
                restconf.put("flowtun-keys:key-allocations/lport-key=intruder", "{\"flowtun-keys:lport-key\":[{"
                    + "\"lport\":\"intruder\",\"key\":77778}]}"),
                restconf.put("flowtun-keys:key-allocations", "{\"flowtun-keys:key-allocations\":{}}"),
                restconf.delete("flowtun-keys:key-allocations/lport-key=keys-p"),
                restconf.delete("flowtun-keys:key-allocations"))) {
            assertStatus(403, refused);
            assertThat(refused.body, containsString("key-allocations: written by flowtun alone"));
        }
        assertEquals(before, restconf.get("flowtun-keys:key-allocations").body);
        assertStatus(204, restconf.delete("flowtun-lport:lports/lport=keys-p"));
        Await.until(Duration.ofSeconds(30), () -> restconf.get("flowtun-keys:key-allocations").body.contains(
            "\"keys-p\"") ? "keys-p's key not released" : null);
        assertStatus(204, restconf.delete("flowtun-network:networks/network=keys-net"));
    }

    @Test
    public void aRejectedRequestIsOneLogLineAndNoError() throws Exception {
        final Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        assertStatus(201, restconf.put("flowtun-network:networks/network=log-net", network("log-net", "vxlan", 33)));
        assertStatus(201, restconf.put("flowtun-lport:lports/lport=log-p", "{\"flowtun-lport:lport\":[{\"id\":"
            + "\"log-p\",\"network\":\"log-net\"}]}"));
        final long logStart = Files.size(log);
        final long rejectedBefore = count(log, "Rejected configuration: ");
        final List<Restconf.Reply> replies = List.of(
            restconf.put("flowtun-network:networks/network=log-bad", network("log-bad", "vlan", 5000)),
            restconf.put("flowtun-lport:lports/lport=log-q", "{\"flowtun-lport:lport\":[{\"id\":\"log-q\","
                + "\"network\":\"nowhere\"}]}"),
            restconf.put("flowtun-chassis:chassis-registry/chassis=log-c", "{\"flowtun-chassis:chassis\":[{\"id\":"
                + "\"log-c\",\"ip\":\"2001:db8::1\",\"tunnel-types\":[\"flowtun-types:vxlan\"]}]}"),
            restconf.delete("flowtun-network:networks/network=log-net"),
            restconf.put("flowtun-keys:key-allocations", "{\"flowtun-keys:key-allocations\":{}}"));
        assertEquals(List.of(400, 400, 400, 409, 403), replies.stream().map(reply -> reply.status)
            .collect(Collectors.toList()));
        Await.until(Duration.ofSeconds(10), () -> count(log, "Rejected configuration: ") == rejectedBefore + 5 ? null
            : "one 'Rejected configuration' line per request expected");
        final List<String> errors = errorsSince(log, logStart);
        assertTrue("ERROR entries in karaf.log: " + errors, errors.isEmpty());
        assertStatus(204, restconf.delete("flowtun-lport:lports/lport=log-p"));
        assertStatus(204, restconf.delete("flowtun-network:networks/network=log-net"));
    }

    /**
     * The ERROR entries written to the log after {@code offset}, each with the line that follows it (but the OVSDB
     * library's failed probe of the connection {@link #southboundsListen} opens without speaking OVSDB).
     */
    private static List<String> errorsSince(final Path log, final long offset) throws IOException {
        final byte[] all = Files.readAllBytes(log);
        final String[] lines = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0,
            all.length - offset), java.nio.charset.StandardCharsets.UTF_8).split("\n");
        final List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            // southboundsListen's bare TCP connection to 6640 makes the OVSDB library log a failed probe later
            if (lines[i].contains("| ERROR |") && !lines[i].contains("Probe failed to OVSDB switch")) {
                errors.add(lines[i] + (i + 1 < lines.length ? " / " + lines[i + 1] : ""));
            }
        }
        return errors;
    }

    private static long count(final Path log, final String text) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    private static String network(final String id, final String type, final long segmentationId) {
        return "{\"flowtun-network:network\":[" + networkEntry(id, type, segmentationId) + "]}";
    }

    private static String networkEntry(final String id, final String type, final long segmentationId) {
        return "{\"id\":\"" + id + "\",\"network-type\":\"flowtun-types:" + type + "\",\"segmentation-id\":"
            + segmentationId + "}";
    }

    private void assertMissing(final String path) {
        assertTrue(path + " must not exist: " + restconf.get(path), restconf.missing(path));
    }

    private static void assertStatus(final int expected, final Restconf.Reply reply) {
        assertEquals(reply.toString(), expected, reply.status);
    }

    private static void assertListening(final String what, final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        } catch (IOException e) {
            throw new AssertionError(what + " does not listen on " + port, e);
        }
    }
}
