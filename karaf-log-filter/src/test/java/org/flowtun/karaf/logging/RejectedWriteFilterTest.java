/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.karaf.logging;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.ExecutionException;
import org.junit.Test;

public class RejectedWriteFilterTest {
    @Test
    public void aValidationFailureAnywhereInTheCausesIsARejectedWrite() {
        final Exception rejected = new ExecutionException(new IllegalStateException("commit failed",
            new org.opendaylight.mdsal.common.api.DataValidationFailedException("lport \"p\": network: is mandatory")));
        assertTrue(RejectedWriteFilter.isRejectedWrite(rejected, "Transaction x failed to prepare"));
        assertTrue(RejectedWriteFilter.isRejectedWrite(null, "Input exception has a family of 4xx but doesn't "
            + "contain any descriptive errors"));
    }

    @Test
    public void otherFailuresAreLogged() {
        assertFalse(RejectedWriteFilter.isRejectedWrite(new ExecutionException(new IllegalStateException(
            "shard leader not found")), "An exception occurred while preCommitting transaction"));
        assertFalse(RejectedWriteFilter.isRejectedWrite(null, "flowtun locality service started"));
    }
}
