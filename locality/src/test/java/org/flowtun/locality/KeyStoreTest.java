/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowtun.impl.testing.RecordingHealth;
import org.flowtun.impl.validation.AnnouncedKeyWrites;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.TransactionChainListener;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.TransactionCommitFailedException;

/**
 * The key store over MD-SAL's in-memory data broker, whose commits of the key allocations can be made to fail:
 * a failed write puts flowtun-locality in ERROR (a restarted controller could give ports other keys) and has every
 * allocation written again; the first write that succeeds after that makes it OPERATIONAL again.
 */
public class KeyStoreTest extends AbstractConcurrentDataBrokerTest {
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger rewrites = new AtomicInteger();
    private final List<String> health = new CopyOnWriteArrayList<>();

    public KeyStoreTest() {
        super(true);
    }

    @Test
    public void anUnwritableKeyStoreIsAnErrorUntilAWriteSucceeds() throws Exception {
        try (KeyStore store = new KeyStore(failingWhenAsked(getDataBroker()), new AnnouncedKeyWrites(),
                rewrites::incrementAndGet, new RecordingHealth(health))) {
            store.save(Map.of("p1", 1L), Map.of());
            awaitUntil(() -> store.read().get(5, TimeUnit.SECONDS).isPresent());
            assertEquals("a write that succeeds reports nothing new", List.of(), health);

            failing.set(true);
            store.save(Map.of("p2", 2L), Map.of());
            awaitUntil(() -> !health.isEmpty() && rewrites.get() == 1);
            assertTrue(health.toString(), health.get(0).startsWith("ERROR the key allocations could not be written"));

            failing.set(false);
            store.save(Map.of("p2", 2L), Map.of());
            awaitUntil(() -> health.size() == 2);
            assertEquals("OPERATIONAL " + LocalityHealth.OPERATIONAL, health.get(1));
            assertEquals(List.of(1L, 2L), List.copyOf(new TreeSet<>(KeyStore.lportKeys(
                store.read().get(5, TimeUnit.SECONDS).orElseThrow()).values())));
        }
    }

    @Test
    public void afterAFailureWithNothingToWriteAgainAnEmptyCommitEndsTheError() throws Exception {
        try (KeyStore store = new KeyStore(failingWhenAsked(getDataBroker()), new AnnouncedKeyWrites(),
                rewrites::incrementAndGet, new RecordingHealth(health))) {
            failing.set(true);
            store.save(Map.of("p1", 1L), Map.of());
            awaitUntil(() -> health.size() == 1);
            assertTrue(health.toString(), health.get(0).startsWith("ERROR "));
            // the lport went meanwhile: the rewrite has nothing to write, and says so with an empty commit
            failing.set(false);
            store.save(Map.of(), Map.of());
            awaitUntil(() -> health.size() == 2);
            assertEquals("OPERATIONAL " + LocalityHealth.OPERATIONAL, health.get(1));
            store.save(Map.of(), Map.of());
            assertEquals("nothing written, nothing reported, once the store is fine", 2, health.size());
        }
    }

    private static void awaitUntil(final Callable<Boolean> done) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.call() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue("not in 10 s", done.call());
    }

    /** The broker, whose write transactions fail to commit while {@link #failing} is set (as a full disk would). */
    private DataBroker failingWhenAsked(final DataBroker broker) {
        return proxy(DataBroker.class, broker, (method, args) -> {
            if (!"createMergingTransactionChain".equals(method.getName())) {
                return null;
            }
            final TransactionChainListener listener = (TransactionChainListener) args[0];
            final TransactionChain chain = (TransactionChain) invoke(method, broker, args);
            final TransactionChain[] self = new TransactionChain[1];
            self[0] = proxy(TransactionChain.class, chain, (chainMethod, chainArgs) -> {
                if (!"newWriteOnlyTransaction".equals(chainMethod.getName())) {
                    return null;
                }
                final WriteTransaction tx = (WriteTransaction) invoke(chainMethod, chain, chainArgs);
                return proxy(WriteTransaction.class, tx, (txMethod, txArgs) -> {
                    if (!"commit".equals(txMethod.getName()) || !failing.get()) {
                        return null;
                    }
                    tx.cancel();
                    final TransactionCommitFailedException cause = new TransactionCommitFailedException("disk full");
                    listener.onTransactionChainFailed(self[0], tx, cause);
                    return FluentFuture.from(Futures.immediateFailedFuture(cause));
                });
            });
            return self[0];
        });
    }

    /** An answer to a call (null: the call is delegated). */
    @FunctionalInterface
    private interface Answer {
        Object answer(Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(final Class<T> type, final T target, final Answer override) {
        final InvocationHandler handler = (proxy, method, args) -> {
            final Object answer = override.answer(method, args);
            return answer != null ? answer : invoke(method, target, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(final Method method, final Object target, final Object[] args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }
}
