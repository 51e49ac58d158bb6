/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.api;

/**
 * Told when a node's virtual tunnel port gets, changes or loses its OpenFlow port number.
 */
@FunctionalInterface
public interface TunnelPortListener {
    void onTunnelPortChanged(TunnelPort previous, TunnelPort current);
}
