/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.api;

/**
 * Receives locality events in the order the apps emit them. Called on a flowtun thread: implementations
 * must not block.
 */
@FunctionalInterface
public interface LocalityListener {
    void onLocalityChanged(LocalityChange change);
}
