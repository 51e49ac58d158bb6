/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Predicate;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.config.FlowtunConfigSource;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.OvsdbTopology;
import org.flowtun.impl.ovsdb.SwitchStateCache;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.OvsdbBridgeAugmentation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ControllerEntry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.ovsdb.rev150105.ovsdb.bridge.attributes.ControllerEntryKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops this member's OpenFlow connection to a switch, through the switch's OVSDB configuration: removes this
 * member's controller target from the integration bridge (OVS closes that connection at once), and flowtun's tunnel
 * manager, which keeps every configured target on the bridge, adds it back once OVS reports it gone.
 *
 * <p>This is how a switch that takes its master member for a slave is put right. OpenFlowPlugin 0.11 offers no way to
 * claim the master role again (it registers no {@code set-role} RPC): when another member's OpenFlowPlugin claimed
 * the role on the switch (a member resumed after a pause, acting for a moment on its ownership from before it), the
 * cluster's master keeps a connection the switch treats as a slave's, and no member can write. With this member's
 * connection gone, OpenFlowPlugin moves the switch's mastership to a member still connected, which claims the role
 * afresh; this member reconnects as a slave.
 */
public final class SwitchConnectionReset {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchConnectionReset.class);

    private final DataBroker dataBroker;
    private final SwitchStateCache switches;
    private final FlowtunConfigSource configSource;
    private final Predicate<String> isThisMember;

    public SwitchConnectionReset(final DataBroker dataBroker, final SwitchStateCache switches,
            final FlowtunConfigSource configSource) {
        this(dataBroker, switches, configSource, SwitchConnectionReset::isLocalAddress);
    }

    SwitchConnectionReset(final DataBroker dataBroker, final SwitchStateCache switches,
            final FlowtunConfigSource configSource, final Predicate<String> isThisMember) {
        this.dataBroker = requireNonNull(dataBroker);
        this.switches = requireNonNull(switches);
        this.configSource = requireNonNull(configSource);
        this.isThisMember = requireNonNull(isThisMember);
    }

    /**
     * Drops this member's connection to the switch; does nothing (and says why) when the switch's bridge or this
     * member's target on it is not known.
     *
     * @param openflowNodeId the switch ({@code openflow:<datapath id>})
     * @return whether the removal of this member's target was written
     */
    public boolean reset(final String openflowNodeId) {
        final Optional<FlowtunConfig> config = configSource.current();
        final Optional<OvsdbBridge> bridge = config.flatMap(current -> bridgeOf(openflowNodeId,
            current.integrationBridge()));
        if (bridge.isEmpty()) {
            LOG.warn("{}: its integration bridge is not known here; its OpenFlow connection is left as it is",
                openflowNodeId);
            return false;
        }
        final Optional<String> target = bridge.get().controllerTargets().stream().filter(this::isThisMembers)
            .findFirst();
        if (target.isEmpty()) {
            LOG.warn("{}: none of its controllers {} is this member; its OpenFlow connection is left as it is",
                openflowNodeId, bridge.get().controllerTargets());
            return false;
        }
        LOG.warn("{}: dropping this member's OpenFlow connection ({} removed from {}; flowtun adds it back) so that "
            + "the switch gets a master it knows", openflowNodeId, target.get(), bridge.get().bridgeNodeId());
        final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, OvsdbTopology.nodePath(bridge.get().bridgeNodeId())
            .augmentation(OvsdbBridgeAugmentation.class)
            .child(ControllerEntry.class, new ControllerEntryKey(new Uri(target.get()))));
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("{}: {} removed", openflowNodeId, target.get());
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("{}: could not remove {}: {}", openflowNodeId, target.get(), cause.getMessage());
            }
        }, MoreExecutors.directExecutor());
        return true;
    }

    private Optional<OvsdbBridge> bridgeOf(final String openflowNodeId, final String bridgeName) {
        for (OvsdbSwitch node : switches.switches()) {
            final Optional<OvsdbBridge> bridge = switches.bridge(node.nodeId(), bridgeName);
            if (bridge.isPresent() && bridge.get().datapathId() != null
                    && openflowNodeId.equals(OpenFlowNodeListener.openflowNodeId(bridge.get().datapathId()))) {
                return bridge;
            }
        }
        return Optional.empty();
    }

    private boolean isThisMembers(final String target) {
        final String[] parts = target.split(":");
        return parts.length >= 2 && "tcp".equals(parts[0]) && isThisMember.test(parts[1]);
    }

    /** Whether an address is one of this machine's (each cluster member has its own). */
    private static boolean isLocalAddress(final String host) {
        try {
            final InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }
}
