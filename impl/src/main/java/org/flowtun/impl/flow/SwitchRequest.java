/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@link FlowWriter} call as it crosses from the member that runs flowtun's jobs to the switch's master
 * member (the {@code flowtun-switch:write-to-switch} RPC), and its answer. Java serialization of flowtun's own flow
 * classes, read back through a filter that admits nothing else; every member runs the same flowtun.
 */
final class SwitchRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    /** What a request or an answer may hold: flowtun's flow classes, boxed numbers, lists and maps. */
    private static final Set<String> ADMITTED_PACKAGES = Set.of("org.flowtun.impl.flow", "java.lang", "java.util");
    private static final ObjectInputFilter FILTER = info -> {
        final Class<?> type = info.serialClass();
        if (type == null || type.isArray() && type.getComponentType().isPrimitive()) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        final Class<?> element = type.isArray() ? type.getComponentType() : type;
        return element.isPrimitive() || ADMITTED_PACKAGES.contains(element.getPackageName())
            ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    };

    /** Which {@link FlowWriter} method. */
    enum Kind {
        ADD,
        REMOVE,
        BUNDLE,
        REPLACE,
        COUNT_FLOWS,
        INSTALLED_FLOWS,
        SEALS
    }

    final Kind kind;
    final FlowSpec flow;
    final short table;
    final long cookie;
    final SwitchChanges changes;
    final List<FlowSpec> flows;
    /** A replacement's seals: index to cookie. */
    final Map<Integer, Long> seals;

    private SwitchRequest(final Kind kind, final FlowSpec flow, final short table, final long cookie,
            final SwitchChanges changes, final List<FlowSpec> flows) {
        this(kind, flow, table, cookie, changes, flows, Map.of());
    }

    private SwitchRequest(final Kind kind, final FlowSpec flow, final short table, final long cookie,
            final SwitchChanges changes, final List<FlowSpec> flows, final Map<Integer, Long> seals) {
        this.seals = Map.copyOf(seals);
        this.kind = kind;
        this.flow = flow;
        this.table = table;
        this.cookie = cookie;
        this.changes = changes;
        this.flows = flows == null ? null : List.copyOf(flows);
    }

    static SwitchRequest add(final FlowSpec flow) {
        return new SwitchRequest(Kind.ADD, flow, (short) 0, 0, null, null);
    }

    static SwitchRequest remove(final short table, final long cookie) {
        return new SwitchRequest(Kind.REMOVE, null, table, cookie, null, null);
    }

    static SwitchRequest bundle(final SwitchChanges changes) {
        return new SwitchRequest(Kind.BUNDLE, null, (short) 0, 0, changes, null);
    }

    static SwitchRequest replace(final List<FlowSpec> flows, final Map<Integer, Long> seals) {
        return new SwitchRequest(Kind.REPLACE, null, (short) 0, 0, null, flows, seals);
    }

    static SwitchRequest seals() {
        return new SwitchRequest(Kind.SEALS, null, (short) 0, 0, null, null);
    }

    static SwitchRequest countFlows() {
        return new SwitchRequest(Kind.COUNT_FLOWS, null, (short) 0, 0, null, null);
    }

    static SwitchRequest installedFlows() {
        return new SwitchRequest(Kind.INSTALLED_FLOWS, null, (short) 0, 0, null, null);
    }

    /** A request or an answer (a count, a map of cookies to tables or of seals, or null) as bytes. */
    static byte[] encode(final Object value) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("flowtun switch request not encodable", e);
        }
        return bytes.toByteArray();
    }

    /** Reads back what {@link #encode} wrote, admitting flowtun's flow classes only. */
    static <T> T decode(final byte[] bytes, final Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(FILTER);
            final Object value = in.readObject();
            return value == null ? null : type.cast(value);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("not a flowtun switch request of this version", e);
        }
    }

    /** An answer of {@link Kind#INSTALLED_FLOWS}. */
    @SuppressWarnings("unchecked")
    static Map<Long, Short> installed(final byte[] bytes) {
        return decode(bytes, Map.class);
    }
}
