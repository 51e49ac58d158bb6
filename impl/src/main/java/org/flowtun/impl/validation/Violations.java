/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with one resource, each item naming the field: {@code lport "p1": network: no network "n9"}.
 */
public final class Violations {
    private final String resource;
    private final List<String> items = new ArrayList<>();

    public Violations(final String kind, final Object id) {
        this.resource = kind + " \"" + id + "\"";
    }

    /** No resource, no violation: what a check with nothing to object to returns. */
    public static Violations none() {
        return new Violations("", "");
    }

    public Violations add(final String field, final String message) {
        items.add(resource + ": " + field + ": " + message);
        return this;
    }

    public Violations addAll(final Violations other) {
        items.addAll(other.items);
        return this;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public List<String> items() {
        return List.copyOf(items);
    }

    @Override
    public String toString() {
        return String.join("; ", items);
    }
}
