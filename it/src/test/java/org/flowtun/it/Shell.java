/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command (ip, ovs-vsctl, ping ...) and returns its output; fails with the output when it fails.
 */
final class Shell {
    private Shell() {
    }

    static String run(final String... command) throws IOException {
        final Result result = exec(command);
        if (result.status != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.status + "): " + result.output);
        }
        return result.output;
    }

    /** Runs a command in a network namespace. */
    static String inNetns(final String netns, final String... command) throws IOException {
        final String[] line = new String[command.length + 4];
        line[0] = "ip";
        line[1] = "netns";
        line[2] = "exec";
        line[3] = netns;
        System.arraycopy(command, 0, line, 4, command.length);
        return run(line);
    }

    static Result exec(final String... command) throws IOException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    /** Best effort (cleanup): errors are ignored. */
    static void quietly(final String... command) {
        try {
            exec(command);
        } catch (IOException e) {
            // nothing to clean
        }
    }

    static final class Result {
        final int status;
        final String output;

        Result(final int status, final String output) {
            this.status = status;
            this.output = output;
        }
    }
}
