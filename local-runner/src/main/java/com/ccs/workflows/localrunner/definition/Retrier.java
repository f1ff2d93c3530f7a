package com.ccs.workflows.localrunner.definition;

import java.util.List;

/**
 * One Retry entry, with AWS's defaults already applied (1 s, 3 attempts, backoff 2.0, no max delay, no jitter).
 *
 * @param maxDelaySeconds null when unset
 */
public record Retrier(
        List<String> errorEquals,
        int intervalSeconds,
        int maxAttempts,
        double backoffRate,
        Integer maxDelaySeconds,
        boolean fullJitter) {}
