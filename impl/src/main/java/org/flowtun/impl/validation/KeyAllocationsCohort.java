/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.validation;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map.Entry;
import org.opendaylight.mdsal.binding.dom.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.netconf.api.DocumentedException.ErrorSeverity;
import org.opendaylight.netconf.api.DocumentedException.ErrorTag;
import org.opendaylight.netconf.api.DocumentedException.ErrorType;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.key.allocations.LportKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.key.allocations.NetworkKey;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.api.schema.tree.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.api.schema.tree.ModificationType;
import org.opendaylight.yangtools.yang.model.api.SchemaContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit cohort on {@code flowtun-keys:key-allocations}: lets through only the changes flowtun announced to
 * the {@link KeyAllocationsGuard}; any other write is refused (RESTCONF 403, access-denied) and nothing is stored.
 */
final class KeyAllocationsCohort implements DOMDataTreeCommitCohort {
    private static final Logger LOG = LoggerFactory.getLogger(KeyAllocationsCohort.class);

    private final BindingNormalizedNodeSerializer codec;
    private final AnnouncedKeyWrites guard;

    KeyAllocationsCohort(final BindingNormalizedNodeSerializer codec, final AnnouncedKeyWrites guard) {
        this.codec = requireNonNull(codec);
        this.guard = requireNonNull(guard);
    }

    @Override
    public FluentFuture<PostCanCommitStep> canCommit(final Object txId, final SchemaContext ctx,
            final Collection<DOMDataTreeCandidate> candidates) {
        for (DOMDataTreeCandidate candidate : candidates) {
            final DataTreeCandidateNode root = candidate.getRootNode();
            final ModificationType type = root.getModificationType();
            // the container deleted as such; one that disappears because its last entries went is checked below,
            // entry by entry, like any other change (flowtun releases the last keys when the last lports go)
            if (type == ModificationType.DELETE) {
                return refuse("the container");
            }
            final List<String> changes = changes(candidate.getRootPath().getRootIdentifier(), root);
            if (changes.isEmpty() && (type == ModificationType.WRITE || type == ModificationType.APPEARED)) {
                return refuse("the container");
            }
            for (String change : changes) {
                if (!guard.isExpected(change)) {
                    return refuse(change);
                }
            }
        }
        return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
    }

    private List<String> changes(final YangInstanceIdentifier path, final DataTreeCandidateNode root) {
        final List<String> changes = new ArrayList<>();
        CandidateEntries.walk(path, root, (entryPath, data, written) -> changes.add(change(entryPath, data,
            written)));
        return changes;
    }

    private String change(final YangInstanceIdentifier entryPath, final NormalizedNode<?, ?> data,
            final boolean written) {
        final Entry<InstanceIdentifier<?>, DataObject> binding = codec.fromNormalizedNode(entryPath, data);
        final DataObject value = binding == null ? null : binding.getValue();
        if (value instanceof LportKey) {
            final LportKey key = (LportKey) value;
            return KeyAllocationsGuard.lportKey(key.getLport(), written && key.getKey() != null
                ? key.getKey().toJava() : null);
        }
        if (value instanceof NetworkKey) {
            final NetworkKey key = (NetworkKey) value;
            return KeyAllocationsGuard.networkKey(key.getNetwork(), written && key.getKey() != null
                ? key.getKey().toJava() : null);
        }
        return String.valueOf(entryPath.getLastPathArgument());
    }

    private static FluentFuture<PostCanCommitStep> refuse(final String what) {
        final String message = "key-allocations: written by flowtun alone (" + what + "); read it, do not write it";
        LOG.info("Rejected configuration: {}", message);
        return FluentFuture.from(Futures.immediateFailedFuture(new DataValidationFailedException(
            YangInstanceIdentifier.class, YangInstanceIdentifier.empty(), message,
            new NetconfDocumentedException(message, ErrorType.APPLICATION, ErrorTag.ACCESS_DENIED,
                ErrorSeverity.ERROR))));
    }
}
