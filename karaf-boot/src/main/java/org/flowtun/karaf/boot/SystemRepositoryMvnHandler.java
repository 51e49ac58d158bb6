/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.karaf.boot;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import org.osgi.service.url.AbstractURLStreamHandlerService;

/**
 * Opens {@code mvn:groupId/artifactId/version[/type[/classifier]]} URLs from the distribution's
 * {@code system/} repository. Registered with the lowest ranking: it only answers while pax-url-aether's
 * handler is away.
 */
final class SystemRepositoryMvnHandler extends AbstractURLStreamHandlerService {
    private final File systemRepository;

    SystemRepositoryMvnHandler(final File systemRepository) {
        this.systemRepository = systemRepository;
    }

    @Override
    public URLConnection openConnection(final URL url) throws IOException {
        final File file = resolve(systemRepository, url.toExternalForm());
        if (!file.isFile()) {
            throw new FileNotFoundException(url + " is not in " + systemRepository);
        }
        return file.toURI().toURL().openConnection();
    }

    /** The file of an mvn: URL in a Maven repository layout rooted at {@code repository}. */
    static File resolve(final File repository, final String mvnUrl) throws IOException {
        String spec = mvnUrl.startsWith("mvn:") ? mvnUrl.substring(4) : mvnUrl;
        final int repoSeparator = spec.indexOf('!');
        if (repoSeparator >= 0) {
            spec = spec.substring(repoSeparator + 1);
        }
        final String[] parts = spec.trim().split("/");
        if (parts.length < 3 || parts[2].isEmpty()) {
            throw new IOException("Cannot resolve " + mvnUrl + " without an explicit version");
        }
        final String groupId = parts[0];
        final String artifactId = parts[1];
        final String version = parts[2];
        final String type = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "jar";
        final String classifier = parts.length > 4 && !parts[4].isEmpty() ? "-" + parts[4] : "";
        return new File(repository, groupId.replace('.', File.separatorChar) + File.separator + artifactId
            + File.separator + version + File.separator + artifactId + "-" + version + classifier + "." + type);
    }
}
