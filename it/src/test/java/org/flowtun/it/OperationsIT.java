/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * What an operator watches, on the real distribution (started with {@code bin/start}) and a real switch: the
 * health in diagstatus through startup (503 until every service, flowtun's four included, is OPERATIONAL; then
 * RESTCONF answers at once), with a switch connected, and through a fault (the switch's egress table full:
 * flowtun-flows in ERROR naming the switch, /diagstatus 503, OPERATIONAL again once the table takes flows); the
 * Prometheus metrics checked against what the test did and what {@code ovs-ofctl} and {@code ovs-vsctl} count;
 * and the Karaf console run from a script, {@code bin/client "<command>"} with no terminal.
 */
public class OperationsIT {
    private static final List<String> ALL_TYPES = List.of("vxlan", "gre", "geneve");
    private static final List<String> FLOWTUN_SERVICES = List.of("flowtun-flows", "flowtun-locality",
        "flowtun-tunnel-manager", "flowtun-validation");
    private static final String IP = "10.99.12.1";
    private static final String FLOWTUN_COOKIES = "cookie=0xf700000000000000/0xff00000000000000";
    private static final Duration FAULT = Duration.ofSeconds(60);

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "flowtun.json");
    private static final Pattern QUERIED = Pattern.compile("\\b(flowtun|jvm|process)_[a-z_]+");

    private final Restconf restconf = new Restconf(8181);

    @Test
    public void healthAndMetricsTellWhatTheControllerAndTheSwitchHold() throws Exception {
        try (KarafProcess karaf = KarafProcess.unpack(Path.of("target", "operations-karaf").toAbsolutePath())) {
            karaf.setFlowtunConfig("datapath-type", "netdev");
            karaf.setFlowtunConfig("controller-target", "tcp:127.0.0.1:6653");
            karaf.setFlowtunConfig("flow-audit-interval", "0");
            karaf.setFlowtunConfig("flow-refresh-interval", "0");
            final long start = System.nanoTime();
            karaf.start();
            final List<Integer> answers = awaitReadyRecordingAnswers();
            Figures.log("bin/start until /diagstatus answers 200", Map.of("ms",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), "answers before", answers));
            assertEquals("RESTCONF answers as soon as /diagstatus says ready", 200,
                restconf.get("flowtun-lport:lports").status);
            final JsonNode ready = restconf.diagStatus().json();
            assertTrue(ready.toString(), ready.path("isOperational").asBoolean());
            for (String service : FLOWTUN_SERVICES) {
                assertEquals(service, "OPERATIONAL", serviceState(ready, service));
            }
            final String console = client(karaf, "diagstatus:showSvcStatus");
            assertTrue(console, console.contains("System is operational: true"));
            assertTrue(console, console.matches("(?s).*flowtun-flows\\s*: OPERATIONAL.*"));

            try (OvsNode node = TunnelPortChecks.startConnected("op", "chassis-op", IP, ALL_TYPES)) {
                final String nodeId = TunnelPortChecks.nodeId(node);
                assertTrue(client(karaf, "flowtun:nodes").contains("chassis-op"));
                final Overlay overlay = new Overlay(restconf);
                overlay.network("op-net", "vxlan", 1200);
                overlay.boundPort("op-1", "op-net", "chassis-op", "fa:16:3e:00:12:01");
                overlay.boundPort("op-2", "op-net", "chassis-op", "fa:16:3e:00:12:02");
                node.addVmPort("tap-op-1", "op-1");
                node.addVmPort("tap-op-2", "op-2");
                // the node needs op-net once its ports are local: the remote lports written next get their flows
                // there from that write (what the convergence histogram times)
                for (String local : List.of("op-1", "op-2")) {
                    Await.until(Overlay.TIMEOUT, () -> restconf.get("flowtun-state:lport-states/lport-state="
                        + local).body.contains("\"local\"") ? null : local + " not local yet");
                }
                final Map<String, String> remote = new LinkedHashMap<>();
                for (int i = 3; i <= 10; i++) {
                    remote.put("op-" + i, "10.99.12." + (100 + i));
                }
                overlay.remotePorts("op-net", remote);

                // a write the validation refuses: counted, and nothing stored
                assertEquals(400, restconf.put("flowtun-lport:lports/lport=op-bad", "{\"flowtun-lport:lport\":[{"
                    + "\"id\":\"op-bad\",\"network\":\"no-such-net\"}]}").status);

                final Map<String, Double> settled = awaitSettled(node, nodeId);
                assertEquals(10, settled.get("flowtun_lports"), 0);
                assertEquals(1, settled.get("flowtun_networks"), 0);
                assertEquals(1, settled.get("flowtun_chassis"), 0);
                assertEquals(1, settled.get("flowtun_nodes"), 0);
                assertEquals(1, settled.get(series("flowtun_switch_connected", nodeId)), 0);
                assertEquals(ALL_TYPES.size(), settled.get(series("flowtun_node_tunnel_ports", nodeId)), 0);
                assertEquals(ALL_TYPES.size(), node.vsctl("--bare", "--columns=name", "find", "Interface",
                    "options:remote_ip=flow").lines().filter(line -> !line.isBlank()).count());
                assertEquals(1, settled.get(
                    "flowtun_validation_rejected_total{entry=\"lport\",reason=\"invalid-value\"}"), 0);
                assertTrue("the remote lports' flows were timed from their write",
                    settled.get("flowtun_flow_convergence_seconds_count") >= remote.size());
                assertTrue(settled.get("flowtun_locality_batch_seconds_count") >= 1);
                assertTrue(settled.get(series("flowtun_switch_replacements_total", nodeId)) >= 1);
                assertTrue(settled.get("jvm_memory_bytes_used{area=\"heap\"}") > 0);

                // The fault: the switch's egress table takes no more flows; a new remote lport needs one there.
                final long egress = node.ofctl("dump-flows", "table=75").lines()
                    .filter(line -> line.contains("actions=")).count();
                node.vsctl("--", "--id=@ft", "create", "Flow_Table", "flow_limit=" + egress, "overflow_policy=refuse",
                    "--", "set", "Bridge", "br-int", "flow_tables:75=@ft");
                overlay.remotePort("op-11", "op-net", "10.99.12.111");
                Await.until(FAULT, () -> {
                    final Restconf.Reply status = restconf.diagStatus();
                    final String flows = serviceState(status.json(), "flowtun-flows");
                    return status.status == 503 && "ERROR".equals(flows) ? null
                        : "/diagstatus " + status.status + ", flowtun-flows " + flows;
                });
                final String reason = serviceDescription(restconf.diagStatus().json(), "flowtun-flows");
                assertTrue(reason, reason.contains(nodeId) && reason.contains("failures in a row"));
                final String failing = client(karaf, "diagstatus:showSvcStatus");
                assertTrue(failing, failing.contains("System is operational: false"));
                final Map<String, Double> faulty = scrape();
                assertTrue(faulty.toString(), faulty.get(series("flowtun_switch_request_failures_total", nodeId)) >= 3);
                assertTrue(faulty.toString(), faulty.get(series("flowtun_switch_flows_missing", nodeId)) >= 1);

                // The table takes flows again: flowtun puts the switch right by itself, and says so.
                node.vsctl("clear", "Bridge", "br-int", "flow_tables");
                Await.until(FAULT, () -> {
                    final Restconf.Reply status = restconf.diagStatus();
                    return status.status == 200 ? null : "/diagstatus " + status.status + " " + status.body;
                });
                assertEquals("OPERATIONAL", serviceState(restconf.diagStatus().json(), "flowtun-flows"));
                final Map<String, Double> repaired = awaitSettled(node, nodeId);
                assertEquals(11, repaired.get("flowtun_lports"), 0);
                assertEquals(egress + 1, node.ofctl("dump-flows", "table=75").lines()
                    .filter(line -> line.contains("actions=")).count());

                // every metric the Grafana dashboard (docs/operations.md) queries is one the controller serves
                final Set<String> served = new TreeSet<>();
                repaired.keySet().forEach(sample -> served.add(PrometheusText.name(sample)));
                final Matcher queried = QUERIED.matcher(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
                final Set<String> missing = new TreeSet<>();
                while (queried.find()) {
                    if (!served.contains(queried.group())) {
                        missing.add(queried.group());
                    }
                }
                assertEquals("queried by " + DASHBOARD + " but not served", Set.of(), missing);
            }
        }
    }

    /** Polls /diagstatus from bin/start until it answers 200; returns the answers before (0: no connection). */
    private List<Integer> awaitReadyRecordingAnswers() throws Exception {
        final List<Integer> answers = new ArrayList<>();
        Await.until(Duration.ofMinutes(4), () -> {
            int status;
            try {
                status = restconf.diagStatus().status;
            } catch (AssertionError e) {
                status = 0;
            }
            if (status == 200) {
                return null;
            }
            if (answers.isEmpty() || answers.get(answers.size() - 1) != status) {
                answers.add(status);
            }
            return "/diagstatus answers " + status;
        });
        return answers;
    }

    /**
     * Waits until the switch's flows are settled as the metrics tell (none missing or stale, every wanted one
     * confirmed) and the confirmed count is what ovs-ofctl counts on the switch; returns that scrape.
     */
    private Map<String, Double> awaitSettled(final OvsNode node, final String nodeId) throws Exception {
        final Map<String, Double> last = new HashMap<>();
        Await.until(Overlay.TIMEOUT, () -> {
            final Map<String, Double> metrics = scrape();
            last.clear();
            last.putAll(metrics);
            final Double wanted = metrics.get(series("flowtun_switch_flows_wanted", nodeId));
            final Double confirmed = metrics.get(series("flowtun_switch_flows_confirmed", nodeId));
            final Double missing = metrics.get(series("flowtun_switch_flows_missing", nodeId));
            final Double stale = metrics.get(series("flowtun_switch_flows_stale", nodeId));
            final long onSwitch = node.ofctl("dump-flows", FLOWTUN_COOKIES).lines()
                .filter(line -> line.contains("actions=")).count();
            if (wanted == null || wanted == 0 || !wanted.equals(confirmed) || missing != 0 || stale != 0
                    || confirmed != onSwitch) {
                return "wanted " + wanted + ", confirmed " + confirmed + ", missing " + missing + ", stale " + stale
                    + "; flowtun flows on the switch " + onSwitch;
            }
            return null;
        });
        return last;
    }

    /** Scrapes /flowtun/metrics: each sample's name with its labels (as Prometheus prints them) to its value. */
    private Map<String, Double> scrape() {
        final Restconf.Reply reply = restconf.metrics();
        assertEquals(reply.body, 200, reply.status);
        return PrometheusText.samples(reply.body);
    }

    private static String series(final String name, final String nodeId) {
        return name + "{node=\"" + nodeId + "\"}";
    }

    private static String serviceState(final JsonNode status, final String service) {
        return service(status, service).path("effectiveStatus").asText();
    }

    private static String serviceDescription(final JsonNode status, final String service) {
        return service(status, service).path("reportedStatusDescription").asText();
    }

    private static JsonNode service(final JsonNode status, final String service) {
        for (JsonNode entry : status.path("statusSummary")) {
            if (service.equals(entry.path("serviceName").asText())) {
                return entry;
            }
        }
        throw new AssertionError(service + " not in " + status);
    }

    /** Runs one console command as a script does: {@code bin/client "<command>"}, standard input empty. */
    private static String client(final KarafProcess karaf, final String command) throws IOException,
            InterruptedException {
        final Process process = new ProcessBuilder(karaf.home().resolve("bin/client").toString(), command)
            .redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("bin/client " + command + " did not end", process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(output, 0, process.exitValue());
        return output;
    }
}
