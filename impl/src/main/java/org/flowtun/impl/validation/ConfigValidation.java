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
import io.prometheus.client.Counter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.flowtun.impl.health.HealthReport;
import org.flowtun.impl.metrics.FlowtunMetrics;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.dom.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohortRegistry;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.netconf.api.DocumentedException.ErrorTag;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.ChassisRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.ChassisKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.KeyAllocations;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.FloatingIps;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.Lports;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.LportKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.Networks;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.Subnets;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.NetworkKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.Trunks;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a validating commit cohort on every container of flowtun's configuration (Blueprint bean).
 */
public final class ConfigValidation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigValidation.class);
    private static final LogicalDatastoreType CONFIG = LogicalDatastoreType.CONFIGURATION;
    private static final Executor DIRECT = MoreExecutors.directExecutor();

    private final DOMDataBroker domDataBroker;
    private final DataBroker dataBroker;
    private final BindingNormalizedNodeSerializer codec;
    private final AnnouncedKeyWrites keyAllocationsGuard;
    private final List<Registration> registrations = new ArrayList<>();
    private final FlowtunMetrics metrics;
    private final HealthReport health;
    private final Counter rejected = Counter.build("flowtun_validation_rejected_total",
        "Configuration writes refused by validation (RESTCONF 400 invalid-value, 409 in-use), by entry type")
        .labelNames("entry", "reason").create();

    public ConfigValidation(final DOMDataBroker domDataBroker, final DataBroker dataBroker,
            final BindingNormalizedNodeSerializer codec, final AnnouncedKeyWrites keyAllocationsGuard,
            final FlowtunMetrics metrics, final HealthReport health) {
        this.metrics = requireNonNull(metrics);
        this.health = requireNonNull(health);
        metrics.register(rejected);
        this.domDataBroker = requireNonNull(domDataBroker);
        this.dataBroker = requireNonNull(dataBroker);
        this.codec = requireNonNull(codec);
        this.keyAllocationsGuard = requireNonNull(keyAllocationsGuard);
    }

    public void init() {
        final DOMDataTreeCommitCohortRegistry registry = domDataBroker.getExtensions()
            .getInstance(DOMDataTreeCommitCohortRegistry.class);
        if (registry == null) {
            throw new IllegalStateException("The data broker offers no commit cohort registry");
        }
        register(registry, InstanceIdentifier.create(ChassisRegistry.class), Chassis.class,
            (chassis, tx) -> immediate(ConfigValidator.validateChassis(chassis)),
            (deleted, tx) -> readLports(tx).transform(lports -> ConfigValidator.chassisInUse(
                ids(deleted, chassis -> chassis.getId().getValue()), lports), DIRECT));
        register(registry, InstanceIdentifier.create(Networks.class), Network.class,
            (network, tx) -> checkNetwork(network, tx),
            (deleted, tx) -> readLports(tx).transformAsync(lports -> readList(tx, Subnets.class,
                Subnets::getSubnet).transform(subnets -> ConfigValidator.networksInUse(
                    ids(deleted, network -> network.getId().getValue()), lports, subnets), DIRECT), DIRECT),
            ProviderSegments::duplicateProviderSegments);
        register(registry, InstanceIdentifier.create(Subnets.class), Subnet.class,
            (subnet, tx) -> exists(tx, network(subnet.getNetwork()))
                .transform(found -> ConfigValidator.validateSubnet(subnet, found), DIRECT), null);
        register(registry, InstanceIdentifier.create(Lports.class), Lport.class, this::checkLport,
            this::checkLportsUnused, ConfigValidator::duplicateTunnelKeys);
        register(registry, InstanceIdentifier.create(Routers.class), Router.class,
            (router, tx) -> missingLports(tx, ConfigValidator.referencedLports(router))
                .transform(missing -> ConfigValidator.validateRouter(router, missing), DIRECT), null);
        register(registry, InstanceIdentifier.create(FloatingIps.class), FloatingIp.class,
            (fip, tx) -> missingLports(tx, ConfigValidator.referencedLports(fip)).transformAsync(missing ->
                readList(tx, FloatingIps.class, FloatingIps::getFloatingIp).transform(existing ->
                    ConfigValidator.validateFloatingIp(fip, missing)
                        .addAll(ConfigValidator.floatingLportTaken(fip, existing)), DIRECT), DIRECT),
            null, ConfigValidator::duplicateFloatingLports);
        register(registry, InstanceIdentifier.create(Trunks.class), Trunk.class,
            (trunk, tx) -> missingLports(tx, ConfigValidator.referencedLports(trunk)).transformAsync(missing ->
                readList(tx, Trunks.class, Trunks::getTrunk).transform(existing ->
                    ConfigValidator.validateTrunk(trunk, missing)
                        .addAll(ConfigValidator.trunkPortsTaken(trunk, existing)), DIRECT), DIRECT),
            null, ConfigValidator::duplicateSubPorts);
        registrations.add(registry.registerCommitCohort(new DOMDataTreeIdentifier(CONFIG,
            codec.toYangInstanceIdentifier(InstanceIdentifier.create(KeyAllocations.class))),
            new KeyAllocationsCohort(codec, keyAllocationsGuard)));
        LOG.info("flowtun configuration validation registered on {} containers", registrations.size());
        health.operational("commit cohorts registered on " + registrations.size() + " containers");
    }

    private void rejected(final Class<?> entryType, final ErrorTag tag) {
        rejected.labels(entryType.getSimpleName().toLowerCase(Locale.ROOT), tag.getTagValue()).inc();
    }

    private <T extends DataObject> void register(final DOMDataTreeCommitCohortRegistry registry,
            final InstanceIdentifier<?> container, final Class<T> entryType,
            final ListEntryCohort.EntryCheck<T> check, final ListEntryCohort.DeletionCheck<T> deletionCheck) {
        register(registry, container, entryType, check, deletionCheck, null);
    }

    private <T extends DataObject> void register(final DOMDataTreeCommitCohortRegistry registry,
            final InstanceIdentifier<?> container, final Class<T> entryType,
            final ListEntryCohort.EntryCheck<T> check, final ListEntryCohort.DeletionCheck<T> deletionCheck,
            final java.util.function.Function<List<T>, Violations> writtenTogetherCheck) {
        registrations.add(registry.registerCommitCohort(
            new DOMDataTreeIdentifier(CONFIG, codec.toYangInstanceIdentifier(container)),
            new ListEntryCohort<>(codec, dataBroker, entryType, check, deletionCheck, writtenTogetherCheck,
                this::rejected)));
    }

    /** Deleting lports that routers, floating IPs or trunks still reference is refused (409 in-use). */
    private FluentFuture<Violations> checkLportsUnused(final List<Lport> deleted, final ReadTransaction tx) {
        final Set<String> ids = ids(deleted, lport -> lport.getId().getValue());
        final FluentFuture<List<Router>> routers = readList(tx, Routers.class, Routers::getRouter);
        final FluentFuture<List<FloatingIp>> fips = readList(tx, FloatingIps.class, FloatingIps::getFloatingIp);
        final FluentFuture<List<Trunk>> trunks = readList(tx, Trunks.class, Trunks::getTrunk);
        return routers.transformAsync(r -> fips.transformAsync(f -> trunks.transform(
            t -> ConfigValidator.lportsInUse(ids, r, f, t), DIRECT), DIRECT), DIRECT);
    }

    /** Every entry of one of flowtun's configuration lists. */
    private static <C extends DataObject, V> FluentFuture<List<V>> readList(final ReadTransaction tx,
            final Class<C> container, final java.util.function.Function<C, java.util.Map<?, V>> entries) {
        return tx.read(CONFIG, InstanceIdentifier.create(container))
            .transform(found -> found.map(value -> values(entries.apply(value))).orElse(List.of()), DIRECT);
    }

    /** Every lport (read when networks or chassis are deleted, or an lport gives its own tunnel key). */
    private static FluentFuture<List<Lport>> readLports(final ReadTransaction tx) {
        return readList(tx, Lports.class, Lports::getLport);
    }

    private static <V> List<V> values(final java.util.Map<?, V> map) {
        return map == null ? List.of() : List.copyOf(map.values());
    }

    private static <T> Set<String> ids(final List<T> entries, final java.util.function.Function<T, String> id) {
        final Set<String> result = new HashSet<>();
        entries.forEach(entry -> result.add(id.apply(entry)));
        return result;
    }

    /** A network's own rules; a provider network's segment also against the other networks (read once). */
    private FluentFuture<Violations> checkNetwork(final Network network, final ReadTransaction tx) {
        final Violations own = ConfigValidator.validateNetwork(network);
        if (ProviderSegments.physicalNetwork(network) == null || !own.isEmpty()) {
            return immediate(own);
        }
        return readList(tx, Networks.class, Networks::getNetwork)
            .transform(existing -> own.addAll(ProviderSegments.providerSegmentTaken(network, existing)), DIRECT);
    }

    private FluentFuture<Violations> checkLport(final Lport lport, final ReadTransaction tx) {
        final FluentFuture<Optional<Network>> network = lport.getNetwork() == null
            ? immediate(Optional.empty())
            : tx.read(CONFIG, network(lport.getNetwork()));
        final String chassis = ConfigValidator.boundChassis(lport);
        final FluentFuture<Boolean> chassisExists = chassis == null
            ? immediate(Boolean.TRUE)
            : tx.exists(CONFIG, InstanceIdentifier.create(ChassisRegistry.class).child(Chassis.class,
                new ChassisKey(new ResourceId(chassis))));
        // Only an explicit tunnel key needs the other lports (read once per transaction).
        final FluentFuture<List<Lport>> others = lport.getTunnelKey() == null ? immediate(List.of())
            : readLports(tx);
        return network.transformAsync(net -> chassisExists.transformAsync(found -> others.transform(
            existing -> ConfigValidator.validateLport(lport, net, found)
                .addAll(ConfigValidator.tunnelKeyTaken(lport, existing)), DIRECT), DIRECT), DIRECT);
    }

    private static FluentFuture<Boolean> exists(final ReadTransaction tx, final InstanceIdentifier<?> path) {
        return path == null ? immediate(Boolean.FALSE) : tx.exists(CONFIG, path);
    }

    private static InstanceIdentifier<Network> network(final ResourceId id) {
        return id == null ? null : InstanceIdentifier.create(Networks.class).child(Network.class, new NetworkKey(id));
    }

    private static FluentFuture<Set<String>> missingLports(final ReadTransaction tx, final Set<String> ids) {
        final List<String> order = new ArrayList<>(ids);
        final List<FluentFuture<Boolean>> found = new ArrayList<>(order.size());
        for (String id : order) {
            found.add(tx.exists(CONFIG, InstanceIdentifier.create(Lports.class).child(Lport.class,
                new LportKey(new ResourceId(id)))));
        }
        return FluentFuture.from(Futures.allAsList(found)).transform(results -> {
            final Set<String> missing = new HashSet<>();
            for (int i = 0; i < order.size(); i++) {
                if (!results.get(i)) {
                    missing.add(order.get(i));
                }
            }
            return missing;
        }, DIRECT);
    }

    private static <V> FluentFuture<V> immediate(final V value) {
        return FluentFuture.from(Futures.immediateFuture(value));
    }

    @Override
    public void close() {
        registrations.forEach(Registration::close);
        registrations.clear();
        metrics.unregister(rejected);
    }
}
