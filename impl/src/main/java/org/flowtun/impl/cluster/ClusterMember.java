/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.cluster;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Instant;
import org.opendaylight.controller.cluster.datastore.DistributedDataStoreInterface;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.cluster.rev261207.Jobs;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.cluster.rev261207.JobsBuilder;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This cluster member: its name (member-1, member-2, ... as the datastore's cluster configuration names it) and
 * the record at {@code flowtun-cluster:jobs} that says which member runs flowtun's jobs, written by the member that
 * takes them over.
 */
public final class ClusterMember {
    public static final InstanceIdentifier<Jobs> JOBS = InstanceIdentifier.create(Jobs.class);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);

    private final DataBroker dataBroker;
    private final String name;
    private final boolean clustered;

    public ClusterMember(final DataBroker dataBroker, final DistributedDataStoreInterface datastore) {
        this(dataBroker, datastore.getActorUtils().getCurrentMemberName().getName(),
            datastore.getActorUtils().getConfiguration().getUniqueMemberNamesForAllShards().size() > 1);
    }

    public ClusterMember(final DataBroker dataBroker, final String name, final boolean clustered) {
        this.dataBroker = requireNonNull(dataBroker);
        this.name = requireNonNull(name);
        this.clustered = clustered;
    }

    /** This member's name. */
    public String name() {
        return name;
    }

    /** Whether the datastore's shards have replicas on other members: another member may take the jobs over. */
    public boolean clustered() {
        return clustered;
    }

    /** Records that this member runs flowtun's jobs from now on. */
    public void recordJobsTakenOver() {
        final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, JOBS, new JobsBuilder().setOwner(name)
            .setSince(Instant.now().toString()).build());
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.info("{} runs flowtun's jobs (recorded at flowtun-cluster:jobs)", name);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("{} runs flowtun's jobs but could not record it at flowtun-cluster:jobs", name, cause);
            }
        }, MoreExecutors.directExecutor());
    }

    @Override
    public String toString() {
        return name;
    }
}
