/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The flowtun distribution run as a user runs it: unpacked from the built zip, started with
 * {@code bin/start}, stopped with {@code bin/stop} (and, if need be, by its PID). For tests that must restart
 * the controller, which Pax Exam cannot.
 */
final class KarafProcess implements AutoCloseable {
    private final Path home;
    /** The network namespace Karaf runs in (a cluster member's own address), or null: the test's own. */
    private String netns;
    /** When (epoch milliseconds) this process was sent SIGKILL, in order. */
    private final List<Long> killedAt = new ArrayList<>();

    private KarafProcess(final Path home) {
        this.home = home;
    }

    /** Unpacks the distribution built by this project into {@code dir} (emptied first). */
    static KarafProcess unpack(final Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        final String version = System.getProperty("flowtun.version");
        final Path zip = Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
            System.getProperty("user.home") + "/.m2/repository"), "org/flowtun/flowtun-karaf", version,
            "flowtun-karaf-" + version + ".zip");
        Files.createDirectories(dir);
        Path root = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                final Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("Bad entry " + entry.getName());
                }
                if (root == null) {
                    root = dir.resolve(Path.of(entry.getName()).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        for (File script : root.resolve("bin").toFile().listFiles()) {
            script.setExecutable(true);
        }
        return new KarafProcess(root);
    }

    /** Sets a key of etc/org.flowtun.cfg (appended: the last value of a key wins). */
    void setFlowtunConfig(final String key, final String value) throws IOException {
        Files.writeString(home.resolve("etc/org.flowtun.cfg"), key + " = " + value + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Logs {@code logger} (a class or package) at DEBUG, for a look at where the time goes. */
    void debugLog(final String logger) throws IOException {
        final String name = "flowtun_" + logger.replaceAll("\\W", "_");
        Files.writeString(home.resolve("etc/org.ops4j.pax.logging.cfg"), "\nlog4j2.logger." + name + ".name = " + logger
            + "\nlog4j2.logger." + name + ".level = DEBUG\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Runs this Karaf in a network namespace from now on (bin/start, bin/stop, bin/configure-cluster). */
    KarafProcess inNamespace(final String namespace) {
        this.netns = namespace;
        return this;
    }

    /** Runs bin/configure-cluster: this distribution becomes member {@code index} of {@code addresses}. */
    void configureCluster(final int index, final List<String> addresses) throws IOException,
            InterruptedException {
        final List<String> command = new ArrayList<>(List.of(
            home.resolve("bin/configure-cluster").toString(), Integer.toString(index)));
        command.addAll(addresses);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(home.resolve("configure-cluster.out").toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("bin/configure-cluster failed: " + Files.readString(
                home.resolve("configure-cluster.out")));
        }
    }

    /** Runs a Karaf shell command through {@code bin/client} (over Karaf's SSH) and returns what it printed. */
    String shell(final String command) throws IOException, InterruptedException {
        final ProcessBuilder client = script("client");
        client.command().add("-b");
        final Process process = client.redirectErrorStream(true).start();
        process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("bin/client did not finish: " + output);
        }
        return output;
    }

    private ProcessBuilder script(final String name) {
        final String path = home.resolve("bin/" + name).toString();
        return netns == null ? new ProcessBuilder(path) : new ProcessBuilder("ip", "netns", "exec", netns, path);
    }

    /** Sends the Karaf JVM a signal (KILL, STOP, CONT). */
    void signal(final String signal) throws IOException, InterruptedException {
        final String pid = pid();
        if (pid != null) {
            if ("KILL".equals(signal)) {
                killedAt.add(System.currentTimeMillis());
            }
            new ProcessBuilder("kill", "-" + signal, pid).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The first time (epoch milliseconds) this process was sent SIGKILL at or after {@code since}, or -1. */
    long killedAfter(final long since) {
        return killedAt.stream().filter(at -> at >= since).findFirst().orElse(-1L);
    }

    /** Whether the Karaf JVM runs. */
    boolean running() throws IOException {
        final String pid = pid();
        return pid != null && new File("/proc/" + pid).exists();
    }

    /** The Karaf JVM's resident memory in MB (0 when it does not run). */
    long rssMegabytes() throws IOException {
        final String pid = pid();
        final Path status = pid == null ? null : Path.of("/proc", pid, "status");
        if (status == null || !Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return 0;
    }

    void start() throws IOException, InterruptedException {
        final Process process = script("start")
            .redirectErrorStream(true).redirectOutput(home.resolve("start.out").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("bin/start failed: " + Files.readString(home.resolve("start.out")));
        }
    }

    /** Stops Karaf and waits for its process to end. */
    void stop() throws Exception {
        final String pid = pid();
        if (pid == null || !new File("/proc/" + pid).exists()) {
            return;
        }
        script("stop").redirectErrorStream(true)
            .redirectOutput(home.resolve("stop.out").toFile()).start().waitFor(60, TimeUnit.SECONDS);
        try {
            Await.until(Duration.ofSeconds(90), () -> new File("/proc/" + pid).exists() ? "Karaf " + pid
                + " still running" : null);
        } catch (AssertionError e) {
            new ProcessBuilder("kill", "-9", pid).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Where the distribution is unpacked (bin/, etc/, data/). */
    Path home() {
        return home;
    }

    /** The controller's log (karaf.log; it rolls over at 16 MB, which the benchmarks stay under). */
    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /** The Karaf JVM's process id (null when it has not started). */
    String pid() throws IOException {
        final Path instances = home.resolve("instances/instance.properties");
        if (!Files.exists(instances)) {
            return null;
        }
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(instances)) {
            properties.load(in);
        }
        return properties.getProperty("item.0.pid");
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
