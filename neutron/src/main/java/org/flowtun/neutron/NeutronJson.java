/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.neutron;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.function.Function;
import org.flowtun.impl.validation.Violations;

/**
 * Reading Neutron's JSON as networking-odl sends it: a member may be absent or {@code null} (a disassociated
 * floating IP's {@code port_id}, a network's {@code provider:physical_network}), and both mean "none". Pure.
 */
final class NeutronJson {
    private NeutronJson() {
    }

    /** The member's text, or null when it is absent, null, or not a JSON primitive. */
    static String text(final JsonObject object, final String member) {
        final JsonElement value = object.get(member);
        return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    /** The member's whole number, or null when it is absent or null; {@link NumberFormatException} if no number. */
    static Long number(final JsonObject object, final String member) {
        final String text = text(object, member);
        return text == null ? null : Long.valueOf(text);
    }

    /** The member's boolean, or {@code otherwise} when it is absent or null. */
    static boolean flag(final JsonObject object, final String member, final boolean otherwise) {
        final JsonElement value = object.get(member);
        return value == null || !value.isJsonPrimitive() ? otherwise : value.getAsBoolean();
    }

    /**
     * The member's text read by {@code parser} (an address, a prefix, a MAC), or null when it is absent; a text the
     * parser refuses is named in {@code problems} as not being {@code what}, and null returned.
     */
    static <T> T parsed(final JsonObject object, final String member, final Function<String, T> parser,
            final String what, final Violations problems) {
        return parsed(text(object, member), member, parser, what, problems);
    }

    /** {@code text} (of {@code member}) read by {@code parser}, as {@link #parsed(JsonObject, String, Function,
     * String, Violations)} does. */
    static <T> T parsed(final String text, final String member, final Function<String, T> parser, final String what,
            final Violations problems) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(member, "\"" + text + "\" is not " + what);
            return null;
        }
    }

    /** Whether the member is there with a value (not absent, not null). */
    static boolean has(final JsonObject object, final String member) {
        final JsonElement value = object.get(member);
        return value != null && !value.isJsonNull();
    }
}
