/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.mdsal.common.api;

/**
 * Stands in for MD-SAL's exception of this name, which the filter recognises by name (the logging bundle cannot
 * load MD-SAL's classes, and this module does not depend on MD-SAL).
 */
public class DataValidationFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataValidationFailedException(final String message) {
        super(message);
    }
}
