/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.cluster;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;
import org.opendaylight.controller.cluster.raft.client.messages.FollowerInfo;
import org.opendaylight.controller.cluster.raft.client.messages.OnDemandRaftState;

/** Which follower the jobs' member hands the entity-ownership shard's leadership to. */
public class ShardLeadershipTest {
    private static final String M2 = "member-2-shard-entity-ownership-operational";
    private static final String M3 = "member-3-shard-entity-ownership-operational";
    private static final Map<String, String> ADDRESSES = Map.of(
        M2, "akka.tcp://opendaylight-cluster-data@10.0.0.2:2550/user/shardmanager-operational/" + M2,
        M3, "akka.tcp://opendaylight-cluster-data@10.0.0.3:2550/user/shardmanager-operational/" + M3);

    @Test
    public void aFollowerReplicaHandsNothingOver() {
        assertEquals(Optional.empty(), ShardLeadership.successor(state("Follower", 40,
            follower(M2, 40, true), follower(M3, 40, true))));
        assertEquals(Optional.empty(), ShardLeadership.successor(state("Candidate", 40)));
    }

    @Test
    public void theLeaderHandsOverToTheFirstUpToDateFollower() {
        assertEquals(Optional.of(M2), ShardLeadership.successor(state("Leader", 40,
            follower(M3, 40, true), follower(M2, 41, true))));
    }

    @Test
    public void aFollowerBehindOrNotHeardFromIsPassedOver() {
        assertEquals(Optional.of(M3), ShardLeadership.successor(state("Leader", 40,
            follower(M2, 39, true), follower(M3, 40, true))));
        assertEquals(Optional.of(M3), ShardLeadership.successor(state("Leader", 40,
            follower(M2, 40, false), follower(M3, 40, true))));
        assertEquals(Optional.empty(), ShardLeadership.successor(state("Leader", 40,
            follower(M2, 12, true), follower(M3, 40, false))));
    }

    @Test
    public void aLeaderAloneHandsNothingOver() {
        assertEquals(Optional.empty(), ShardLeadership.successor(state("Leader", 40)));
    }

    private static FollowerInfo follower(final String id, final long matchIndex, final boolean active) {
        return new FollowerInfo(id, matchIndex + 1, matchIndex, active, "00:00:00.100", true);
    }

    private static OnDemandRaftState state(final String raftState, final long commitIndex,
            final FollowerInfo... followers) {
        return OnDemandRaftState.builder().raftState(raftState).commitIndex(commitIndex).lastIndex(commitIndex)
            .followerInfoList(List.of(followers)).peerAddresses(ADDRESSES).build();
    }
}
