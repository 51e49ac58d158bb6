/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

/**
 * The flowtun apps that own flows; each app's flows carry its own cookie.
 */
public enum FlowApp {
    CLASSIFICATION(0x01),
    TUNNEL(0x02),
    L2(0x03),
    DNAT(0x04),
    TRUNK(0x05),
    PROVIDER(0x06);

    private final long cookie;

    FlowApp(final int id) {
        this.cookie = Pipeline.FLOWTUN_COOKIE | (long) id << 48;
    }

    /** The cookie bits every flow of this app carries (under {@link Pipeline#APP_COOKIE_MASK}). */
    public long cookie() {
        return cookie;
    }
}
