/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

/**
 * The owner of an lport's flows in the flow reconciler: its id, shown as {@code lport:<id>}. An object holding the
 * id rather than that text, which cost ~90 bytes per lport (a string and its bytes) against 16.
 */
final class LportFlowOwner {
    private static final String PREFIX = "lport:";

    private final String lportId;

    LportFlowOwner(final String lportId) {
        this.lportId = requireNonNull(lportId);
    }

    String lportId() {
        return lportId;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof LportFlowOwner && lportId.equals(((LportFlowOwner) obj).lportId);
    }

    @Override
    public int hashCode() {
        return lportId.hashCode();
    }

    @Override
    public String toString() {
        return PREFIX + lportId;
    }
}
