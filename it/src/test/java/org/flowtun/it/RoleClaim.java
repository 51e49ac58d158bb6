/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An OpenFlow 1.3 client that claims the master role on a switch through its management socket and leaves: every
 * other connection the switch had as master is a slave's afterwards, and no connection is master any more. What a
 * cluster member resumed after a pause does for a moment when its OpenFlowPlugin still believes it masters the
 * switch, made on purpose. Speaks through socat (the tests' JDK level has no Unix-domain sockets).
 */
final class RoleClaim {
    private static final byte VERSION = 0x04;
    private static final byte HELLO = 0;
    private static final byte ERROR = 1;
    private static final byte ROLE_REQUEST = 24;
    private static final byte ROLE_REPLY = 25;
    private static final int ROLE_MASTER = 2;

    private RoleClaim() {
    }

    /** Claims the master role with a generation id above any the cluster used, waits for the reply, disconnects. */
    static void claimMaster(final Path managementSocket) throws IOException, InterruptedException {
        final Process socat = new ProcessBuilder("socat", "-", "UNIX-CONNECT:" + managementSocket)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            final ByteBuffer out = ByteBuffer.allocate(8 + 24);
            out.put(VERSION).put(HELLO).putShort((short) 8).putInt(1);
            out.put(VERSION).put(ROLE_REQUEST).putShort((short) 24).putInt(2).putInt(ROLE_MASTER).putInt(0)
                .putLong(Long.MAX_VALUE / 2);
            final OutputStream stdin = socat.getOutputStream();
            stdin.write(out.array());
            stdin.flush();
            final DataInputStream in = new DataInputStream(socat.getInputStream());
            while (true) {
                final byte[] header = new byte[8];
                in.readFully(header);
                final int length = ByteBuffer.wrap(header).getShort(2) & 0xffff;
                in.readFully(new byte[length - 8]);
                if (header[1] == ROLE_REPLY) {
                    return;
                }
                if (header[1] == ERROR) {
                    throw new IOException("the switch refused the role request");
                }
            }
        } finally {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
