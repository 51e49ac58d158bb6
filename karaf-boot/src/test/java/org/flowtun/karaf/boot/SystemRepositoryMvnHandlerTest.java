/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.karaf.boot;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.io.IOException;
import org.junit.Test;

public class SystemRepositoryMvnHandlerTest {
    private static final File REPO = new File("/k/system");

    @Test
    public void resolvesTypeAndClassifier() throws IOException {
        assertEquals(
            new File("/k/system/org/opendaylight/ovsdb/southbound-impl/1.11.0/southbound-impl-1.11.0-config.cfg"),
            SystemRepositoryMvnHandler.resolve(REPO, "mvn:org.opendaylight.ovsdb/southbound-impl/1.11.0/cfg/config"));
    }

    @Test
    public void defaultsToJarAndIgnoresRepositoryPrefix() throws IOException {
        assertEquals(new File("/k/system/org/foo/bar/1.0/bar-1.0.jar"),
            SystemRepositoryMvnHandler.resolve(REPO, "mvn:http://repo!org.foo/bar/1.0"));
    }

    @Test(expected = IOException.class)
    public void rejectsMissingVersion() throws IOException {
        SystemRepositoryMvnHandler.resolve(REPO, "mvn:org.foo/bar");
    }
}
