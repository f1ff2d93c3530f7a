package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.definition.StateMachineDefinition;
import java.time.Instant;

/**
 * A created state machine (immutable; an update replaces it).
 *
 * @param revisionId the revision an update of its definition or role gave it, null before any (AWS's INITIAL)
 */
public record StateMachine(
        String arn,
        String name,
        StateMachineType type,
        String roleArn,
        String definitionText,
        StateMachineDefinition definition,
        Instant creationDate,
        String revisionId) {}
