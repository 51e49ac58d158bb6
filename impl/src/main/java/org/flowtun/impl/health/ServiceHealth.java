/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.health;

import static java.util.Objects.requireNonNull;

import org.opendaylight.infrautils.diagstatus.DiagStatusService;
import org.opendaylight.infrautils.diagstatus.ServiceDescriptor;
import org.opendaylight.infrautils.diagstatus.ServiceRegistration;
import org.opendaylight.infrautils.diagstatus.ServiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One flowtun service as OpenDaylight's diagstatus shows it ({@code diagstatus:showSvcStatus} in the shell, the
 * {@code /diagstatus} HTTP endpoint, which answers 503 while any service is not OPERATIONAL): STARTING from its
 * registration, then OPERATIONAL or ERROR with a reason as the service reports. Unregistered when closed.
 * Thread-safe; a state reported again unchanged is not logged again.
 */
public final class ServiceHealth implements HealthReport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHealth.class);

    private final DiagStatusService diagStatus;
    private final String name;
    private final ServiceRegistration registration;
    private ServiceState state = ServiceState.STARTING;
    private String description = "starting";

    public ServiceHealth(final DiagStatusService diagStatus, final String name) {
        this.diagStatus = requireNonNull(diagStatus);
        this.name = requireNonNull(name);
        registration = diagStatus.register(name);
        diagStatus.report(new ServiceDescriptor(name, state, description));
    }

    @Override
    public void operational(final String newDescription) {
        report(ServiceState.OPERATIONAL, newDescription);
    }

    /** Diagstatus shows the service in ERROR with {@code reason}. */
    @Override
    public void error(final String reason) {
        report(ServiceState.ERROR, reason);
    }

    private synchronized void report(final ServiceState newState, final String newDescription) {
        if (newState == state && newDescription.equals(description)) {
            return;
        }
        if (newState == ServiceState.ERROR) {
            LOG.warn("{} is in ERROR: {}", name, newDescription);
        } else if (state == ServiceState.ERROR) {
            LOG.info("{} is {} again: {}", name, newState, newDescription);
        } else {
            LOG.info("{} is {}: {}", name, newState, newDescription);
        }
        state = newState;
        description = newDescription;
        diagStatus.report(new ServiceDescriptor(name, newState, newDescription));
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
