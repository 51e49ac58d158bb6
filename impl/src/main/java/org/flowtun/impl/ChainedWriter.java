/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.function.Consumer;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.Transaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.TransactionChainListener;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes through a merging transaction chain, so that successive writes of the same data are applied in order
 * and never conflict with each other. A failed chain is replaced and {@code rewriteAll} is asked to write
 * everything again. Never blocks.
 */
public final class ChainedWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainedWriter.class);

    private final DataBroker dataBroker;
    private final String what;
    private final Runnable rewriteAll;
    private TransactionChain chain;

    public ChainedWriter(final DataBroker dataBroker, final String what, final Runnable rewriteAll) {
        this.dataBroker = requireNonNull(dataBroker);
        this.what = requireNonNull(what);
        this.rewriteAll = requireNonNull(rewriteAll);
        this.chain = newChain();
    }

    /**
     * Applies {@code operations} to a new transaction of the chain and commits it.
     *
     * @return the commit (its failure is handled here: nobody needs to wait on it)
     */
    public synchronized FluentFuture<? extends CommitInfo> write(final Consumer<WriteTransaction> operations) {
        final WriteTransaction tx = chain.newWriteOnlyTransaction();
        operations.accept(tx);
        final FluentFuture<? extends CommitInfo> commit = tx.commit();
        commit.addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.trace("{} written", what);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.debug("{}: write failed (the chain writes it again)", what, cause);
            }
        }, MoreExecutors.directExecutor());
        return commit;
    }

    private TransactionChain newChain() {
        return dataBroker.createMergingTransactionChain(new TransactionChainListener() {
            @Override
            public void onTransactionChainFailed(final TransactionChain failed, final Transaction transaction,
                    final Throwable cause) {
                LOG.warn("{}: write failed; writing it again", what, cause);
                restart(failed);
            }

            @Override
            public void onTransactionChainSuccessful(final TransactionChain successful) {
                LOG.trace("{}: chain closed", what);
            }
        });
    }

    private void restart(final TransactionChain failed) {
        synchronized (this) {
            if (chain != failed) {
                return;
            }
            failed.close();
            chain = newChain();
        }
        rewriteAll.run();
    }

    @Override
    public synchronized void close() {
        chain.close();
    }
}
