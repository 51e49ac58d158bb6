/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.config;

import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.cm.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives {@code etc/org.flowtun.cfg} (PID {@code org.flowtun}) from ConfigAdmin, at start and on every change,
 * validates it and hands a valid one to every registered consumer. An invalid one is logged, naming the key, and
 * the previous configuration stays in force.
 */
public final class ManagedFlowtunConfig implements ManagedService, FlowtunConfigSource {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedFlowtunConfig.class);

    private final CopyOnWriteArrayList<Consumer<FlowtunConfig>> consumers = new CopyOnWriteArrayList<>();
    private volatile FlowtunConfig config;

    @Override
    public Optional<FlowtunConfig> current() {
        return Optional.ofNullable(config);
    }

    @Override
    public synchronized Registration register(final Consumer<FlowtunConfig> consumer) {
        consumers.add(consumer);
        if (config != null) {
            consumer.accept(config);
        }
        return () -> consumers.remove(consumer);
    }

    @Override
    public synchronized void updated(final Dictionary<String, ?> properties) {
        final Map<String, Object> values = new HashMap<>();
        if (properties != null) {
            for (String key : Collections.list(properties.keys())) {
                values.put(key, properties.get(key));
            }
        }
        FlowtunConfig parsed;
        try {
            parsed = FlowtunConfig.parse(values);
        } catch (IllegalArgumentException e) {
            LOG.error("Rejected {} configuration: {}; keeping {}", FlowtunConfig.PID, e.getMessage(),
                config != null ? config : FlowtunConfig.DEFAULT);
            if (config != null) {
                return;
            }
            // rejected at start: the defaults are in force, as the line above says
            parsed = FlowtunConfig.DEFAULT;
        }
        if (parsed.equals(config)) {
            return;
        }
        LOG.info("flowtun configuration now in force: {}", parsed);
        config = parsed;
        final FlowtunConfig inForce = parsed;
        consumers.forEach(consumer -> consumer.accept(inForce));
    }
}
