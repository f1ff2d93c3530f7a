package com.ccs.workflows.integration.scenarios;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.integration.stack.LocalControls;
import com.ccs.workflows.integration.stack.WorkflowStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Scenarios that share one stack per class: the subclass names the backend, the scenarios never learn which. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StackScenarios {
    private WorkflowStack stack;

    /** The stack to run on; called once per class. */
    protected abstract WorkflowStack createStack();

    @BeforeAll
    void deploy() {
        stack = createStack();
    }

    @AfterAll
    void tearDown() {
        if (stack != null) {
            stack.close();
        }
    }

    protected WorkflowStack stack() {
        return stack;
    }

    /** The local runner's controls; the scenario is skipped where the workflows do not run in the local runner. */
    protected LocalControls controls() {
        assumeTrue(stack.controls().isPresent(), "this scenario needs the workflows in the local runner");
        return stack.controls().get();
    }
}
