package com.ccs.workflows.integration.scenarios;

import com.ccs.workflows.integration.stack.Stacks;
import com.ccs.workflows.integration.stack.WorkflowStack;

/** The emergency workflow scenarios on {@link Stacks#inMemory()}. */
class EmergencyInMemoryIT extends EmergencyScenarios {
    @Override
    protected WorkflowStack createStack() {
        return Stacks.inMemory();
    }
}
