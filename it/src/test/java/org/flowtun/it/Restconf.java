/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A RESTCONF (RFC 8040) client over real HTTP, as a user's scripts would talk to flowtun.
 */
final class Restconf {
    static final class Reply {
        final int status;
        final String body;

        Reply(final int status, final String body) {
            this.status = status;
            this.body = body;
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String root;
    private final String base;
    private final String auth;
    private final Duration timeout;

    Restconf(final int port) {
        this(port, Duration.ofSeconds(60));
    }

    Restconf(final int port, final Duration timeout) {
        this("127.0.0.1", port, timeout);
    }

    /** RESTCONF of the controller at {@code host} (a cluster member's address). */
    Restconf(final String host, final int port, final Duration timeout) {
        this.timeout = timeout;
        this.root = "http://" + host + ":" + port;
        this.base = root + "/rests/data/";
        this.auth = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    }

    Reply get(final String path) {
        return send(request(path).GET());
    }

    /**
     * OpenDaylight's system status (infrautils diagstatus, {@code /diagstatus}): every registered service with its
     * state; 200 when all are OPERATIONAL and the system is booted, 503 otherwise.
     */
    Reply diagStatus() {
        return send(HttpRequest.newBuilder(URI.create(root + "/diagstatus")).timeout(timeout)
            .header("Accept", "application/json").GET());
    }

    /** flowtun's metrics, as Prometheus scrapes them. */
    Reply metrics() {
        return send(HttpRequest.newBuilder(URI.create(root + "/flowtun/metrics")).timeout(timeout).GET());
    }

    /**
     * Waits (up to 4 minutes) until the controller is ready as the README tells a script to: {@code /diagstatus}
     * answers 200 (every service OPERATIONAL, flowtun's included, and the system booted).
     */
    void awaitReady() throws Exception {
        Await.until(Duration.ofMinutes(4), () -> {
            try {
                final Reply reply = diagStatus();
                return reply.status == 200 ? null : "/diagstatus answers " + reply.status + " " + reply.body;
            } catch (AssertionError e) {
                return "the controller does not answer: " + e.getMessage();
            }
        });
    }

    /** Whether nothing is stored at the path (RESTCONF answers 404, or 409 data-missing). */
    boolean missing(final String path) {
        final Reply reply = get(path);
        return reply.status == 404 || reply.status == 409 && reply.body.contains("data-missing");
    }

    Reply put(final String path, final String json) {
        return send(request(path).PUT(BodyPublishers.ofString(json)));
    }

    Reply post(final String path, final String json) {
        return send(request(path).POST(BodyPublishers.ofString(json)));
    }

    Reply patch(final String path, final String json) {
        return send(request(path).method("PATCH", BodyPublishers.ofString(json)));
    }

    Reply delete(final String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
            .header("Authorization", auth).header("Content-Type", "application/json")
            .header("Accept", "application/json");
    }

    private Reply send(final HttpRequest.Builder request) {
        try {
            final HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("RESTCONF request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
