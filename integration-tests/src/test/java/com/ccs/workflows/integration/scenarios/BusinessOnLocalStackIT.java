package com.ccs.workflows.integration.scenarios;

import com.ccs.workflows.integration.stack.DockerEngine;
import com.ccs.workflows.integration.stack.Stacks;
import com.ccs.workflows.integration.stack.WorkflowStack;
import org.junit.jupiter.api.extension.ExtendWith;

/** The business workflow scenarios on {@link Stacks#onLocalStack()}. */
@ExtendWith(DockerEngine.class)
class BusinessOnLocalStackIT extends BusinessScenarios {
    @Override
    protected WorkflowStack createStack() {
        return Stacks.onLocalStack();
    }
}
