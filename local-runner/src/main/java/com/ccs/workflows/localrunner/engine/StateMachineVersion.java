package com.ccs.workflows.localrunner.engine;

import java.time.Instant;

/**
 * A published version: an immutable snapshot of a state machine's revision, {@code <machine ARN>:<number>}.
 *
 * @param machine the machine as it was published (its unqualified ARN, definition, role and type)
 * @param revisionId the revision it was published from, null for the machine's initial revision
 */
public record StateMachineVersion(
        String arn, int number, String description, StateMachine machine, String revisionId, Instant creationDate) {}
