/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.api;

import org.opendaylight.yangtools.concepts.Registration;

/**
 * The locality service, as other bundles see it (OSGi service).
 */
public interface LocalityService {
    /**
     * Registers a listener for every subsequent locality event; close the registration to stop.
     */
    Registration registerListener(LocalityListener listener);
}
