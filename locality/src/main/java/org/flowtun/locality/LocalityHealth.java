/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

/** What the locality service says in diagstatus ({@code flowtun-locality}). */
final class LocalityHealth {
    static final String OPERATIONAL = "listening; the state at start placed; key allocations written";

    private LocalityHealth() {
    }
}
