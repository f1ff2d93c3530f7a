package com.ccs.workflows.integration.scenarios;

import com.ccs.workflows.integration.stack.DockerEngine;
import com.ccs.workflows.integration.stack.Stacks;
import com.ccs.workflows.integration.stack.WorkflowStack;
import org.junit.jupiter.api.extension.ExtendWith;

/** The emergency workflow scenarios on {@link Stacks#onLocalStack()}. */
@ExtendWith(DockerEngine.class)
class EmergencyOnLocalStackIT extends EmergencyScenarios {
    @Override
    protected WorkflowStack createStack() {
        return Stacks.onLocalStack();
    }
}
