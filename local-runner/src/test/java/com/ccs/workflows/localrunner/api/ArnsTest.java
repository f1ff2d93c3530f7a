package com.ccs.workflows.localrunner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.engine.EngineException;
import org.junit.jupiter.api.Test;

class ArnsTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

    @Test
    void acceptsTheArnsAwsIssues() {
        assertThat(Arns.stateMachine(MACHINE)).isEqualTo(MACHINE);
        assertThat(Arns.stateMachine(MACHINE + ":prod")).isEqualTo(MACHINE + ":prod"); // alias or version
        assertThat(Arns.stateMachineWithTestCase(MACHINE + "#HappyPath")).isEqualTo(MACHINE + "#HappyPath");
        assertThat(Arns.execution("arn:aws:states:us-east-1:123456789012:execution:orders:run-1"))
                .isNotNull();
        assertThat(Arns.execution("arn:aws:states:us-east-1:123456789012:express:orders:run-1:5f0c"))
                .isNotNull();
        assertThat(Arns.role("arn:aws:iam::123456789012:role/service-role/sfn")).isNotNull();
        // The module description's ARNs use a 9-digit account: the account is not checked.
        assertThat(Arns.stateMachine("arn:aws:states:us-east-1:123456789:stateMachine:x"))
                .isNotNull();
    }

    @Test
    void refusesMalformedArnsAsInvalidArn() {
        assertInvalid(() -> Arns.stateMachine("orders"), "Invalid Arn: 'Invalid ARN prefix: orders'");
        assertInvalid(() -> Arns.stateMachine("arn:aws:lambda:us-east-1:1:function:f"), "Invalid ARN prefix");
        assertInvalid(
                () -> Arns.stateMachine("arn:aws:states:us-east-1:1:activity:a"),
                "Resource type not valid in this context: activity");
        assertInvalid(() -> Arns.stateMachine(MACHINE + ":v:extra"), "Invalid ARN");
        assertInvalid(() -> Arns.stateMachine("arn:aws:states:us-east-1:1:stateMachine:"), "Invalid ARN");
        assertInvalid(() -> Arns.stateMachineWithTestCase(MACHINE + "#"), "Invalid ARN prefix");
        assertInvalid(() -> Arns.execution(MACHINE), "Resource type not valid in this context: stateMachine");
        assertInvalid(() -> Arns.execution("arn:aws:states:us-east-1:1:execution:orders"), "Invalid ARN");
        assertInvalid(() -> Arns.execution("arn:aws:states:us-east-1:1:express:orders:run"), "Invalid ARN");
        assertInvalid(() -> Arns.role("role"), "Invalid ARN prefix");
        assertInvalid(() -> Arns.role("arn:aws:iam::1:user/me"), "Resource type not valid in this context: user");
    }

    private static void assertInvalid(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidArn");
            assertThat(e.getMessage()).contains(message);
        });
    }
}
