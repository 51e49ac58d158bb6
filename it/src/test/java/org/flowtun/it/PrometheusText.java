/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Prometheus' text format as /flowtun/metrics serves it. */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

    private PrometheusText() {
    }

    /**
     * Every sample: its name with its labels as the client prints them, without the trailing comma
     * ({@code flowtun_switch_flows_wanted{node="ovsdb://uuid/..."}}), to its value; in the order served.
     */
    static Map<String, Double> samples(final String body) {
        final Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            final Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                final String labels = sample.group(2) == null ? "" : sample.group(2).replace(",}", "}");
                samples.put(sample.group(1) + labels, Double.parseDouble(sample.group(3)));
            }
        }
        return samples;
    }

    /** The metric name of a sample key of {@link #samples}. */
    static String name(final String sample) {
        final int labels = sample.indexOf('{');
        return labels < 0 ? sample : sample.substring(0, labels);
    }
}
