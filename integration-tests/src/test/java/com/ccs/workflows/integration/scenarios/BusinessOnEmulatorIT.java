package com.ccs.workflows.integration.scenarios;

import com.ccs.workflows.integration.stack.Stacks;
import com.ccs.workflows.integration.stack.WorkflowStack;

/** The business workflow scenarios on {@link Stacks#onEmulator()}. */
class BusinessOnEmulatorIT extends BusinessScenarios {
    @Override
    protected WorkflowStack createStack() {
        return Stacks.onEmulator();
    }
}
