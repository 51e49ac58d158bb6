/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.validation;

import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.api.schema.tree.DataTreeCandidateNode;

/** The list entries a commit candidate of a container writes or deletes: the container, its lists, their entries. */
final class CandidateEntries {
    /** Told each entry written (its data after) or deleted (its data before). */
    @FunctionalInterface
    interface Visitor {
        void entry(YangInstanceIdentifier path, NormalizedNode<?, ?> data, boolean written);
    }

    private CandidateEntries() {
    }

    static void walk(final YangInstanceIdentifier containerPath, final DataTreeCandidateNode container,
            final Visitor visitor) {
        for (DataTreeCandidateNode list : container.getChildNodes()) {
            final YangInstanceIdentifier listPath = containerPath.node(list.getIdentifier());
            for (DataTreeCandidateNode entry : list.getChildNodes()) {
                final YangInstanceIdentifier path = listPath.node(entry.getIdentifier());
                switch (entry.getModificationType()) {
                    case WRITE:
                    case SUBTREE_MODIFIED:
                    case APPEARED:
                        entry.getDataAfter().ifPresent(data -> visitor.entry(path, data, true));
                        break;
                    case DELETE:
                    case DISAPPEARED:
                        entry.getDataBefore().ifPresent(data -> visitor.entry(path, data, false));
                        break;
                    default:
                        break;
                }
            }
        }
    }
}
