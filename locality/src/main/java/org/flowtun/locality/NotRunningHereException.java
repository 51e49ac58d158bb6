/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

/**
 * Asked of a member that does not run flowtun's jobs: the locality service's flows are known on the member that
 * runs them ({@code GET /rests/data/flowtun-cluster:jobs} names it).
 */
public final class NotRunningHereException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NotRunningHereException(final String member) {
        super("the locality service does not run on this member (" + member + "); flowtun-cluster:jobs names the "
            + "member that runs it");
    }
}
