/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.metrics;

import io.prometheus.client.Collector;

/**
 * Where flowtun's metrics live: a Prometheus registry served over HTTP at {@link #PATH} in the Prometheus text
 * format. Every module registers its collectors here (and unregisters them when it stops). Names follow Prometheus'
 * conventions: {@code flowtun_} first, the unit in the name, counters ending in {@code _total}; the only label that
 * grows with the cloud is {@code node} (one value per switch), never an lport.
 */
public interface FlowtunMetrics {
    /** The HTTP path of the Prometheus endpoint, on the controller's web port (8181 by default). */
    String PATH = "/flowtun/metrics";

    /** Serves {@code collector}'s metrics until it is unregistered. */
    void register(Collector collector);

    void unregister(Collector collector);
}
