/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

/**
 * Who wants a flow on a node, in the {@link FlowReconciler}: a value (equals and hashCode) whose
 * {@code toString()} names it in logs and diagnostics ({@code lport:vm1}, {@code network:net1}). One owner object
 * exists per lport or network, not per node: keep it small.
 */
public interface FlowOwner {
}
