/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import org.flowtun.impl.flow.FlowOwner;

/**
 * The owners of the locality service's flows: an lport ({@link LportFlowOwner}), a network ({@link NetworkFlowOwner}).
 */
interface LocalityFlowOwner extends FlowOwner {
    /** Every flow this owner wants on {@code node} is on the switch. */
    void flowsInstalled(String node, Announcer announcer);
}
