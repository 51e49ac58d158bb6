/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

/**
 * A request the switch (or OpenFlowPlugin on its behalf) answered with an error: a flow it refused, a bundle it
 * could not commit. A request that failed without an error (a timeout, a connection lost on the way) is not one:
 * what it did is unknown, and it is worth sending again as it was.
 */
public final class SwitchRejectedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SwitchRejectedException(final String message) {
        super(message);
    }

    /** Whether {@code error}, or one of its causes, is a rejection by the switch. */
    public static boolean isRejection(final Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SwitchRejectedException) {
                return true;
            }
        }
        return false;
    }
}
