/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opendaylight.mdsal.singleton.common.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.common.api.ClusterSingletonServiceProvider;
import org.opendaylight.mdsal.singleton.common.api.ClusterSingletonServiceRegistration;
import org.opendaylight.yangtools.concepts.AbstractObjectRegistration;

/**
 * A cluster singleton provider whose ownership the test moves: {@link #takeOver} starts every registered service
 * (this member now owns the group), {@link #handOver} closes them (another member took over).
 */
final class ManualSingletons implements ClusterSingletonServiceProvider {
    private final List<ClusterSingletonService> services = new ArrayList<>();
    private boolean owner;

    ManualSingletons(final boolean owner) {
        this.owner = owner;
    }

    @Override
    public synchronized ClusterSingletonServiceRegistration registerClusterSingletonService(
            final ClusterSingletonService service) {
        services.add(service);
        if (owner) {
            service.instantiateServiceInstance();
        }
        return new Registration(service);
    }

    synchronized void takeOver() {
        owner = true;
        services.forEach(ClusterSingletonService::instantiateServiceInstance);
    }

    synchronized void handOver() throws Exception {
        owner = false;
        for (ClusterSingletonService service : services) {
            service.closeServiceInstance().get(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        // nothing held
    }

    private final class Registration extends AbstractObjectRegistration<ClusterSingletonService>
            implements ClusterSingletonServiceRegistration {
        Registration(final ClusterSingletonService service) {
            super(service);
        }

        @Override
        protected void removeRegistration() {
            synchronized (ManualSingletons.this) {
                if (services.remove(getInstance()) && owner) {
                    getInstance().closeServiceInstance();
                }
            }
        }
    }
}
