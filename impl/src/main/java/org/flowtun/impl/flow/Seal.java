/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import java.io.Serializable;

/** A seal read back from a switch (see {@link Pipeline#SEAL_TABLE}): its cookie and how long ago it was written. */
public final class Seal implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long cookie;
    private final long ageSeconds;

    public Seal(final long cookie, final long ageSeconds) {
        this.cookie = cookie;
        this.ageSeconds = ageSeconds;
    }

    public long cookie() {
        return cookie;
    }

    /** Seconds since the seal was written (the switch's duration of the flow). */
    public long ageSeconds() {
        return ageSeconds;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof Seal && ((Seal) obj).cookie == cookie && ((Seal) obj).ageSeconds == ageSeconds;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(cookie) * 31 + Long.hashCode(ageSeconds);
    }

    @Override
    public String toString() {
        return String.format("0x%016x (%d s old)", cookie, ageSeconds);
    }
}
