/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.health;

/** Where a service tells whether it works: diagstatus in the controller ({@link ServiceHealth}). */
public interface HealthReport {
    HealthReport NONE = new HealthReport() {
        @Override
        public void operational(final String description) {
        }

        @Override
        public void error(final String reason) {
        }
    };

    /** The service works. */
    void operational(String description);

    /** The service, or a part of it, failed. */
    void error(String reason);
}
