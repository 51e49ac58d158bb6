/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Polls a condition until it holds; fails with the condition's last explanation when it does not in time.
 */
final class Await {
    private Await() {
    }

    /** Waits until {@code check} returns null (success); otherwise it returns what is still wrong. */
    static void until(final Duration timeout, final Callable<String> check) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String problem = "not checked";
        while (System.nanoTime() < deadline) {
            try {
                problem = check.call();
            } catch (java.io.IOException | AssertionError e) {
                problem = e.getMessage();
            }
            if (problem == null) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("After " + timeout.toSeconds() + " s: " + problem);
    }
}
