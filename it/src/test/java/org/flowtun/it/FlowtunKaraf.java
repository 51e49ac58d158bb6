/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;

import java.io.File;
import java.time.Duration;
import org.opendaylight.infrautils.ready.SystemReadyMonitor;
import org.opendaylight.infrautils.ready.SystemState;
import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam options that boot flowtun's own Karaf distribution (the artifact the build produced, with
 * odl-flowtun-rest installed at boot) on JDK 11+.
 */
final class FlowtunKaraf {
    static final String KARAF_VERSION = "4.2.9";

    private FlowtunKaraf() {
    }

    /**
     * Waits until the container is up (infrautils' system state ACTIVE: stopping it earlier once hung Blueprint's
     * shutdown) and ready as the README tells a script to wait: {@code /diagstatus} answers 200.
     */
    static void awaitReady(final SystemReadyMonitor systemReady, final Restconf restconf) throws Exception {
        Await.until(Duration.ofMinutes(5), () -> systemReady.getSystemState() == SystemState.ACTIVE ? null
            : "system state " + systemReady.getSystemState());
        restconf.awaitReady();
    }

    static Option[] options() {
        final String version = System.getProperty("flowtun.version");
        final String localRepo = System.getProperty("org.ops4j.pax.url.mvn.localRepository", "");
        return new Option[] {
            karafDistributionConfiguration()
                .frameworkUrl(maven("org.flowtun", "flowtun-karaf").type("zip").version(version))
                .name("flowtun").karafVersion(KARAF_VERSION)
                .unpackDirectory(new File("target/exam")).useDeployFolder(false),
            // -Dflowtun.it.keep=true keeps target/exam/<uuid> (logs, data) for a look after the run.
            when(Boolean.getBoolean("flowtun.it.keep")).useOptions(keepRuntimeFolder()),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                localRepo),
            editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.rootLogger.level", "INFO"),
            // The test nodes run OVS's userspace datapath.
            editConfigurationFilePut("etc/org.flowtun.cfg", "datapath-type", "netdev"),
            // Each test node relays its OpenFlow connection to the controller (OvsNode.startOpenFlowRelay).
            editConfigurationFilePut("etc/org.flowtun.cfg", "controller-target", "tcp:127.0.0.1:6653"),
            systemProperty("flowtun.it").value("true"),
            // What bin/inc passes on JDK 9+, which Pax Exam's launcher does not.
            vmOptions(
                "-Xmx2g",
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF_VERSION + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF_VERSION + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
        };
    }
}
