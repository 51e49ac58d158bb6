/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.metrics;

import static java.util.Objects.requireNonNull;

import io.prometheus.client.exporter.MetricsServlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import org.osgi.service.http.HttpService;
import org.osgi.service.http.NamespaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves flowtun's metrics for Prometheus at {@link FlowtunMetrics#PATH} on the OSGi HTTP service. */
public final class PrometheusEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusEndpoint.class);

    private final HttpService httpService;
    private final HttpServlet servlet;

    public PrometheusEndpoint(final HttpService httpService, final PrometheusRegistry metrics) {
        this.httpService = requireNonNull(httpService);
        this.servlet = new MetricsServlet(metrics.collectors());
    }

    public void init() throws ServletException, NamespaceException {
        httpService.registerServlet(FlowtunMetrics.PATH, servlet, null, null);
        LOG.info("flowtun metrics for Prometheus served at {}", FlowtunMetrics.PATH);
    }

    @Override
    public void close() {
        httpService.unregister(FlowtunMetrics.PATH);
    }
}
