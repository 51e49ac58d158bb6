/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.neutron;

import static java.util.Objects.requireNonNull;

import org.flowtun.impl.validation.Violations;

/**
 * A Neutron resource as flowtun's model, or what in it flowtun cannot represent (each problem naming Neutron's
 * field, so that networking-odl's log says which one).
 *
 * @param <T> the flowtun model
 */
public final class Translated<T> {
    private final T value;
    private final Violations problems;

    private Translated(final T value, final Violations problems) {
        this.value = value;
        this.problems = problems;
    }

    static <T> Translated<T> of(final T value) {
        return new Translated<>(requireNonNull(value), Violations.none());
    }

    static <T> Translated<T> refused(final Violations problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one problem");
        }
        return new Translated<>(null, problems);
    }

    public boolean isRefused() {
        return value == null;
    }

    /** The model; {@link IllegalStateException} when refused. */
    public T value() {
        if (value == null) {
            throw new IllegalStateException("refused: " + problems);
        }
        return value;
    }

    /** Why it was refused (empty when it was not). */
    public Violations problems() {
        return problems;
    }

    @Override
    public String toString() {
        return value == null ? "refused: " + problems : value.toString();
    }
}
