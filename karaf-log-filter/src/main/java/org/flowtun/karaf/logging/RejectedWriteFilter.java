/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.karaf.logging;

import java.util.Set;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * Matches the log events OpenDaylight writes for a write the datastore refused because its data was invalid: a
 * client's mistake that RESTCONF answers with 4xx, which the shard, its cohort and RESTCONF's transaction chain each
 * log at ERROR with a stack trace (about 500 lines per request). An event matches when its exception, or one of its
 * causes, is a validation failure (a commit cohort's {@code DataValidationFailedException}, or data the schema does
 * not have); and RESTCONF's "4xx without descriptive errors" warning that follows each one. The rejection itself is
 * logged once by whoever refused it (flowtun logs "Rejected configuration: ..." at INFO). Every other failure of
 * the datastore, whatever its level, is left alone.
 *
 * <p>Configured in {@code etc/org.ops4j.pax.logging.cfg} on the appenders, with {@code onMatch = DENY}.
 */
@Plugin(name = "FlowtunRejectedWriteFilter", category = Node.CATEGORY, elementType = Filter.ELEMENT_TYPE,
    printObject = true)
public final class RejectedWriteFilter extends AbstractFilter {
    /** By name: this runs in the logging bundle, which cannot load OpenDaylight's classes. */
    static final Set<String> VALIDATION_FAILURES = Set.of(
        "org.opendaylight.mdsal.common.api.DataValidationFailedException",
        "org.opendaylight.yangtools.yang.data.impl.schema.tree.SchemaValidationFailedException");
    static final String RESTCONF_4XX_WARNING = "Input exception has a family of 4xx";
    private static final int MAX_CAUSES = 16;

    private RejectedWriteFilter(final Result onMatch, final Result onMismatch) {
        super(onMatch, onMismatch);
    }

    @Override
    public Result filter(final LogEvent event) {
        return isRejectedWrite(event.getThrown(), event.getMessage() == null ? null
            : event.getMessage().getFormattedMessage()) ? onMatch : onMismatch;
    }

    /** Whether an event with this exception and message reports a write refused as invalid. */
    static boolean isRejectedWrite(final Throwable thrown, final String message) {
        if (message != null && message.startsWith(RESTCONF_4XX_WARNING)) {
            return true;
        }
        Throwable cause = thrown;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            if (VALIDATION_FAILURES.contains(cause.getClass().getName())) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    @PluginFactory
    public static RejectedWriteFilter createFilter(@PluginAttribute("onMatch") final Result onMatch,
            @PluginAttribute("onMismatch") final Result onMismatch) {
        return new RejectedWriteFilter(onMatch == null ? Result.DENY : onMatch,
            onMismatch == null ? Result.NEUTRAL : onMismatch);
    }
}
