package com.ccs.workflows.integration.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.integration.scenarios.Runs;
import com.ccs.workflows.integration.stack.LocalRunnerStack;
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Two stacks (dev and staging, say) on one Stripe account: each numbers its first contract CONT-<year>-000001,
 * and each must charge its own. Both run the module's example on the in-memory backends, sharing one Stripe
 * stand-in that keeps idempotency keys as Stripe does: a key of the contract id alone would make the second
 * stack's charges replays of the first's.
 */
class TwoStacksOneStripeAccountIT {

    private static DescribeExecutionResponse run(LocalRunnerStack stack) {
        ObjectNode request = Runs.sample("business/auto-approved-25-vehicles.json");
        String arn = stack.sfn()
                .startExecution(r -> r.stateMachineArn(stack.stateMachineArn("business"))
                        .name(request.path("execution_id").asText())
                        .input(request.toString()))
                .executionArn();
        return Runs.awaitEnd(stack, arn, Duration.ofMinutes(2));
    }

    @Test
    void eachStackChargesItsOwnContractOfTheSameNumber() {
        try (LocalRunnerStack dev = new LocalRunnerStack("dev", null, null)) {
            StripeStandIn account = dev.controls().orElseThrow().stripe();
            try (LocalRunnerStack staging = new LocalRunnerStack("staging", null, null, account)) {
                DescribeExecutionResponse first = run(dev);
                DescribeExecutionResponse second = run(staging);

                for (DescribeExecutionResponse execution : List.of(first, second)) {
                    assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                }
                JsonNode devPayment = Runs.parse(first.output()).get("paymentResult");
                JsonNode stagingPayment = Runs.parse(second.output()).get("paymentResult");
                assertThat(Runs.parse(first.output())
                                .at("/contractResult/contract_id")
                                .asText())
                        .isEqualTo(Runs.parse(second.output())
                                .at("/contractResult/contract_id")
                                .asText());
                assertThat(devPayment.get("transaction_ids")).hasSize(16);
                assertThat(stagingPayment.get("transaction_ids"))
                        .hasSize(16)
                        .doesNotContainAnyElementsOf(devPayment.get("transaction_ids"));
                // 32 charges in the account, 16 per stack, each stack's adding up to the contract's value.
                Map<String, Long> kept = account.charges().stream()
                        .filter(c -> c.status().equals("succeeded"))
                        .collect(Collectors.groupingBy(
                                c -> c.metadata().get("ccs_scope"),
                                Collectors.summingLong(StripeStandIn.Charge::amount)));
                assertThat(kept)
                        .hasSize(2)
                        .allSatisfy((scope, amount) -> assertThat(amount).isEqualTo(1_500_000_000L));
                assertThat(account.charges()).hasSize(32);
            }
        }
    }
}
