/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.ovsdb;

/**
 * Told of every change to the OVS nodes and bridges the OVSDB southbound reports. Called on the data-tree
 * listener's thread, in order: implementations hand work to their own executor and return.
 */
public interface SwitchStateListener {
    void switchUpdated(OvsdbSwitch ovsdbSwitch);

    void switchRemoved(String switchNodeId);

    void bridgeUpdated(OvsdbBridge bridge);

    void bridgeRemoved(String bridgeNodeId);
}
