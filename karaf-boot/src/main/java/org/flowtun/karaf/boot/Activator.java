/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.karaf.boot;

import java.io.File;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.url.URLConstants;
import org.osgi.service.url.URLStreamHandlerService;

/**
 * Registers {@link SystemRepositoryMvnHandler} for the {@code mvn} protocol with the lowest ranking.
 */
public final class Activator implements BundleActivator {
    private ServiceRegistration<URLStreamHandlerService> registration;

    @Override
    public void start(final BundleContext context) {
        final String home = context.getProperty("karaf.home");
        final String repository = context.getProperty("karaf.default.repository");
        final File system = new File(home == null ? "." : home, repository == null ? "system" : repository);
        final Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(URLConstants.URL_HANDLER_PROTOCOL, new String[] {"mvn"});
        properties.put(Constants.SERVICE_RANKING, Integer.MIN_VALUE);
        registration = context.registerService(URLStreamHandlerService.class,
            new SystemRepositoryMvnHandler(system), properties);
    }

    @Override
    public void stop(final BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }
}
