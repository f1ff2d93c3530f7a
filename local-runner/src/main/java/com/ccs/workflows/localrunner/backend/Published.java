package com.ccs.workflows.localrunner.backend;

import java.time.Instant;
import java.util.Map;

/** A message the embedded backends accepted: an SNS publish, an SQS send or an IoT publish, kept for the run report. */
public record Published(
        String service,
        String destination,
        String messageId,
        String subject,
        String body,
        Map<String, String> attributes,
        Instant at) {}
