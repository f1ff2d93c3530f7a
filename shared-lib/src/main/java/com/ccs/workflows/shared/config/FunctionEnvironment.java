package com.ccs.workflows.shared.config;

import java.util.Map;

/**
 * The function's environment variables, as Lambda sets them from the template. Handlers read their configuration
 * here rather than from {@code System.getenv()} so that a host running several functions in one JVM (the local
 * runner loads each function in its own class loader, as Lambda gives each its own container) can hand every
 * function the environment the template declares for it. In Lambda it is simply the process environment.
 */
public final class FunctionEnvironment {
    private static volatile Map<String, String> variables = System.getenv();

    private FunctionEnvironment() {}

    public static Map<String, String> variables() {
        return variables;
    }

    /** The function's name in logs and metrics ({@code POWERTOOLS_SERVICE_NAME}, as the template sets it). */
    public static String serviceName() {
        String service = variables.get("POWERTOOLS_SERVICE_NAME");
        return service == null || service.isBlank() ? "service_undefined" : service;
    }

    /** Called by a host before the handler is constructed; the map replaces the process environment for this function. */
    public static void use(Map<String, String> environment) {
        variables = Map.copyOf(environment);
    }
}
