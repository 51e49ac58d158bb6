/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.config;

import java.util.Optional;
import java.util.function.Consumer;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * The configuration in force ({@code etc/org.flowtun.cfg}), shared by every flowtun bundle.
 */
public interface FlowtunConfigSource {
    /** The configuration in force, empty until ConfigAdmin has delivered it. */
    Optional<FlowtunConfig> current();

    /**
     * Registers a consumer told of every valid configuration, first of the one in force (if any) on the caller's
     * thread. Called on ConfigAdmin's thread: hand work off and return.
     */
    Registration register(Consumer<FlowtunConfig> consumer);
}
