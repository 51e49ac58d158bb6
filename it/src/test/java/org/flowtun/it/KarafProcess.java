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

    void start() throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(home.resolve("bin/start").toString())
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
        new ProcessBuilder(home.resolve("bin/stop").toString()).redirectErrorStream(true)
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
