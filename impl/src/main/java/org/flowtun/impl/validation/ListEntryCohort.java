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
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map.Entry;
import java.util.function.Function;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.dom.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.netconf.api.DocumentedException.ErrorSeverity;
import org.opendaylight.netconf.api.DocumentedException.ErrorTag;
import org.opendaylight.netconf.api.DocumentedException.ErrorType;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.tree.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.model.api.SchemaContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A commit cohort on one container of flowtun's configuration: it validates every list entry the
 * transaction writes and fails the whole commit when one is invalid, so nothing partial is stored. The
 * failure carries a {@link NetconfDocumentedException} ({@code invalid-value}), which RESTCONF answers with
 * 400 and the message naming the field.
 */
final class ListEntryCohort<T extends DataObject> implements DOMDataTreeCommitCohort {
    /** Checks one written entry, reading what it references through {@code tx}; never blocks. */
    @FunctionalInterface
    interface EntryCheck<T> {
        FluentFuture<Violations> check(T entry, ReadTransaction tx);
    }

    /** Checks that nothing still references the deleted entries; never blocks. */
    @FunctionalInterface
    interface DeletionCheck<T> {
        FluentFuture<Violations> check(List<T> deleted, ReadTransaction tx);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ListEntryCohort.class);

    private final BindingNormalizedNodeSerializer codec;
    private final DataBroker dataBroker;
    private final Class<T> entryType;
    private final EntryCheck<T> check;
    private final DeletionCheck<T> deletionCheck;
    private final Function<List<T>, Violations> writtenTogetherCheck;
    private final Rejections rejections;

    /** Told of every commit refused: the entry type refused, and the error tag (invalid-value or in-use). */
    @FunctionalInterface
    interface Rejections {
        void rejected(Class<?> entryType, ErrorTag tag);
    }

    ListEntryCohort(final BindingNormalizedNodeSerializer codec, final DataBroker dataBroker,
            final Class<T> entryType, final EntryCheck<T> check, final DeletionCheck<T> deletionCheck,
            final Function<List<T>, Violations> writtenTogetherCheck, final Rejections rejections) {
        this.rejections = requireNonNull(rejections);
        this.codec = requireNonNull(codec);
        this.dataBroker = requireNonNull(dataBroker);
        this.entryType = requireNonNull(entryType);
        this.check = requireNonNull(check);
        this.deletionCheck = deletionCheck;
        this.writtenTogetherCheck = writtenTogetherCheck;
    }

    @Override
    public FluentFuture<PostCanCommitStep> canCommit(final Object txId, final SchemaContext ctx,
            final Collection<DOMDataTreeCandidate> candidates) {
        final List<T> written = new ArrayList<>();
        final List<T> deleted = new ArrayList<>();
        for (DOMDataTreeCandidate candidate : candidates) {
            collect(candidate.getRootPath().getRootIdentifier(), candidate.getRootNode(), written, deleted);
        }
        if (written.isEmpty() && (deleted.isEmpty() || deletionCheck == null)) {
            return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
        }
        final ReadTransaction tx = new MemoizingReadTransaction(dataBroker.newReadOnlyTransaction());
        final List<FluentFuture<Violations>> checks = new ArrayList<>(written.size());
        for (T entry : written) {
            checks.add(check.check(entry, tx));
        }
        final FluentFuture<Violations> inUse = deleted.isEmpty() || deletionCheck == null
            ? FluentFuture.from(Futures.immediateFuture(Violations.none()))
            : deletionCheck.check(deleted, tx);
        return FluentFuture.from(Futures.allAsList(checks)).transformAsync(results -> inUse.transformAsync(
            conflicts -> {
                tx.close();
                final List<String> problems = new ArrayList<>();
                results.forEach(violations -> problems.addAll(violations.items()));
                if (writtenTogetherCheck != null) {
                    problems.addAll(writtenTogetherCheck.apply(written).items());
                }
                if (!problems.isEmpty()) {
                    rejections.rejected(entryType, ErrorTag.INVALID_VALUE);
                    return fail(problems, ErrorTag.INVALID_VALUE);
                }
                if (!conflicts.isEmpty()) {
                    rejections.rejected(entryType, ErrorTag.IN_USE);
                    return fail(conflicts.items(), ErrorTag.IN_USE);
                }
                return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
            }, MoreExecutors.directExecutor()), MoreExecutors.directExecutor());
    }

    /** RESTCONF answers invalid-value with 400 and in-use with 409, with the message naming the fields. */
    private static FluentFuture<PostCanCommitStep> fail(final List<String> problems, final ErrorTag tag) {
        final String message = String.join("; ", problems);
        LOG.info("Rejected configuration: {}", message);
        return FluentFuture.from(Futures.immediateFailedFuture(new DataValidationFailedException(
            YangInstanceIdentifier.class, YangInstanceIdentifier.empty(), message,
            new NetconfDocumentedException(message, ErrorType.APPLICATION, tag, ErrorSeverity.ERROR))));
    }

    /** Collects the entries of type T written and deleted under the container {@code node}. */
    private void collect(final YangInstanceIdentifier path, final DataTreeCandidateNode node,
            final List<T> written, final List<T> deleted) {
        CandidateEntries.walk(path, node, (entryPath, data, isWritten) -> {
            final Entry<InstanceIdentifier<?>, DataObject> binding = codec.fromNormalizedNode(entryPath, data);
            if (binding != null && entryType.isInstance(binding.getValue())) {
                (isWritten ? written : deleted).add(entryType.cast(binding.getValue()));
            }
        });
    }
}
