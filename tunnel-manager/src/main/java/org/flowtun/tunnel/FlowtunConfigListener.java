/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import org.flowtun.impl.config.FlowtunConfig;
import org.osgi.service.cm.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives {@code etc/org.flowtun.cfg} (PID {@code org.flowtun}) from ConfigAdmin, at start and on every
 * change, validates it and hands a valid one to the tunnel manager. An invalid one is logged, naming the key,
 * and the previous configuration stays in force.
 */
public final class FlowtunConfigListener implements ManagedService {
    private static final Logger LOG = LoggerFactory.getLogger(FlowtunConfigListener.class);

    private final TunnelManager tunnelManager;

    public FlowtunConfigListener(final TunnelManager tunnelManager) {
        this.tunnelManager = requireNonNull(tunnelManager);
    }

    @Override
    public void updated(final Dictionary<String, ?> properties) {
        final Map<String, Object> values = new HashMap<>();
        if (properties != null) {
            for (String key : Collections.list(properties.keys())) {
                values.put(key, properties.get(key));
            }
        }
        try {
            tunnelManager.configurationChanged(FlowtunConfig.parse(values));
        } catch (IllegalArgumentException e) {
            LOG.error("Rejected {} configuration: {}; keeping {}", FlowtunConfig.PID, e.getMessage(),
                tunnelManager.configuration());
        }
    }
}
