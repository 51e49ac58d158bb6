/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.ChassisRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.ChassisRegistryBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.FloatingIps;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.FloatingIpsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.RoutersBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.Lports;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.LportsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.Networks;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.NetworksBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.Subnets;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.SubnetsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.Trunks;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.TrunksBuilder;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure flowtun's top-level configuration containers exist (empty), so that a GET of an empty
 * registry answers 200 with an empty container instead of "data-missing". Merging leaves existing content
 * untouched.
 */
public final class ConfigContainers {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigContainers.class);
    private static final LogicalDatastoreType CONFIG = LogicalDatastoreType.CONFIGURATION;

    private final DataBroker dataBroker;

    public ConfigContainers(final DataBroker dataBroker) {
        this.dataBroker = requireNonNull(dataBroker);
    }

    public void init() {
        final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
        tx.merge(CONFIG, InstanceIdentifier.create(ChassisRegistry.class), new ChassisRegistryBuilder().build());
        tx.merge(CONFIG, InstanceIdentifier.create(Networks.class), new NetworksBuilder().build());
        tx.merge(CONFIG, InstanceIdentifier.create(Subnets.class), new SubnetsBuilder().build());
        tx.merge(CONFIG, InstanceIdentifier.create(Lports.class), new LportsBuilder().build());
        tx.merge(CONFIG, InstanceIdentifier.create(Routers.class), new RoutersBuilder().build());
        tx.merge(CONFIG, InstanceIdentifier.create(FloatingIps.class), new FloatingIpsBuilder().build());
        tx.merge(CONFIG, InstanceIdentifier.create(Trunks.class), new TrunksBuilder().build());
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("flowtun configuration containers present");
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Could not create flowtun's empty configuration containers", cause);
            }
        }, MoreExecutors.directExecutor());
    }
}
