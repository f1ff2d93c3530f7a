package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.processpayment.PaymentRequest.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PaymentServiceTest {
    private static final Instant STARTED = Instant.parse("2026-03-02T14:59:00Z");

    private final InMemoryStripeAccount stripe =
            new InMemoryStripeAccount().customer("CUST-98765", "cus_TransportesABC", "pm_1SavedVisa");
    private final PaymentService service = new PaymentService(stripe, "stack-dev-1");

    private static PaymentRequest request(String contractId, long pesos) {
        return request(Operation.CHARGE, contractId, pesos, Optional.empty());
    }

    private static PaymentRequest request(
            Operation operation, String contractId, long pesos, Optional<PaymentProgress> progress) {
        return new PaymentRequest(
                operation,
                contractId,
                "CUST-98765",
                BigDecimal.valueOf(pesos),
                StripeCurrency.COP,
                Optional.of("credit_card"),
                Optional.empty(),
                Optional.empty(),
                Optional.of(STARTED),
                progress);
    }

    private static PaymentResult.Succeeded succeeded(PaymentResult result) {
        assertThat(result).isInstanceOf(PaymentResult.Succeeded.class);
        return (PaymentResult.Succeeded) result;
    }

    @Test
    void theModulesExampleIsCollectedInFullOnTheCustomersDefaultCard() {
        PaymentResult.Succeeded result =
                succeeded(service.charge(request("CONT-2026-000042", 15_000_000), Deadline.none()));

        assertThat(result.transactionIds()).hasSize(16).doesNotHaveDuplicates();
        assertThat(result.amountMinor()).isEqualTo(1_500_000_000L);
        assertThat(result.stripeCustomerId()).isEqualTo("cus_TransportesABC");
        assertThat(stripe.kept()).isEqualTo(1_500_000_000L);
        assertThat(stripe.commands.getFirst())
                .isEqualTo(new ChargeCommand(
                        "ccs-stack-dev-1-CONT-2026-000042-pay-1of16",
                        "cus_TransportesABC",
                        "pm_1SavedVisa",
                        93_750_000L,
                        "cop",
                        "CCS contract CONT-2026-000042 (customer CUST-98765), part 1 of 16",
                        Map.of(
                                "contract_id",
                                "CONT-2026-000042",
                                "customer_id",
                                "CUST-98765",
                                "payment_method",
                                "credit_card",
                                "ccs_scope",
                                "stack-dev-1",
                                "ccs_part",
                                "1/16")));
        assertThat(stripe.commands)
                .extracting(ChargeCommand::amountMinor)
                .allMatch(a -> a <= PaymentPlan.MAX_CHARGE_MINOR);
    }

    @Test
    void realisticValuesAreCollectedInFull() {
        for (long pesos : new long[] {4_800_000, 250_000_000, 2_000_000_000}) {
            InMemoryStripeAccount account = new InMemoryStripeAccount().customer("CUST-98765", "cus_T", "pm_1Card");
            PaymentResult.Succeeded result = succeeded(
                    new PaymentService(account, "s").charge(request("CONT-2026-" + pesos, pesos), Deadline.none()));

            assertThat(account.kept()).as("%d COP", pesos).isEqualTo(pesos * 100);
            assertThat(result.transactionIds())
                    .hasSize(PaymentPlan.of(pesos * 100, 2).size());
        }
    }

    @Test
    void explicitStripeIdsAreChargedWithoutLookingTheCustomerUp() {
        PaymentRequest explicit = new PaymentRequest(
                Operation.CHARGE,
                "CONT-2026-000050",
                "CUST-NEW",
                BigDecimal.valueOf(850_000),
                StripeCurrency.COP,
                Optional.empty(),
                Optional.of("cus_Explicit"),
                Optional.of("pm_card_visa"),
                Optional.of(STARTED),
                Optional.empty());

        succeeded(service.charge(explicit, Deadline.none()));

        assertThat(stripe.commands).singleElement().satisfies(c -> {
            assertThat(c.stripeCustomerId()).isEqualTo("cus_Explicit");
            assertThat(c.paymentMethodId()).isEqualTo("pm_card_visa");
        });
    }

    @Test
    void aCustomerWithoutAStripeCustomerOrCardOrWithTwoFailsWithTheReasonAndNothingCharged() {
        stripe.customer("CUST-NOCARD", "cus_NoCard", null);
        stripe.customer("CUST-TWICE", "cus_A", "pm_1A").customer("CUST-TWICE", "cus_B", "pm_1B");

        for (var c : Map.of(
                        "CUST-UNKNOWN",
                        "no_stripe_customer",
                        "CUST-NOCARD",
                        "no_saved_payment_method",
                        "CUST-TWICE",
                        "stripe_customer_ambiguous")
                .entrySet()) {
            PaymentRequest request = new PaymentRequest(
                    Operation.CHARGE,
                    "CONT-2026-000060",
                    c.getKey(),
                    BigDecimal.valueOf(850_000),
                    StripeCurrency.COP,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(STARTED),
                    Optional.empty());

            assertThat(service.charge(request, Deadline.none()))
                    .isInstanceOfSatisfying(PaymentResult.Failed.class, f -> {
                        assertThat(f.reason()).isEqualTo(c.getValue());
                        assertThat(f.message())
                                .contains(c.getKey().equals("CUST-NOCARD") ? "cus_NoCard" : c.getKey())
                                .contains("nothing was charged");
                        assertThat(f.refundedIds()).isEmpty();
                    });
        }
        assertThat(stripe.commands).isEmpty();
    }

    @Test
    void aDeclineOfTheFirstPartFailsWithTheDeclineAndNothingToRefund() {
        stripe.declineAfter(0, "insufficient_funds");

        assertThat(service.charge(request("CONT-2026-000043", 850_000), Deadline.none()))
                .isInstanceOfSatisfying(PaymentResult.Failed.class, f -> {
                    assertThat(f.reason()).isEqualTo("card_declined");
                    assertThat(f.declineCode()).contains("insufficient_funds");
                    assertThat(f.refundedIds()).isEmpty();
                });
        assertThat(stripe.refunds).isEmpty();
    }

    @Test
    void aDeclineOfALaterPartRefundsThePartsTakenAndKeepsNothing() {
        stripe.declineAfter(3, "insufficient_funds");

        PaymentResult result = service.charge(request("CONT-2026-000044", 15_000_000), Deadline.none());

        assertThat(result).isInstanceOfSatisfying(PaymentResult.Failed.class, f -> {
            assertThat(f.declineCode()).contains("insufficient_funds");
            assertThat(f.refundedIds()).containsExactly("pi_1", "pi_2", "pi_3");
        });
        assertThat(stripe.kept()).isZero();
        assertThat(stripe.commands).hasSize(4);
        assertThat(stripe.refunds)
                .extracting(RefundCommand::idempotencyKey)
                .containsExactly(
                        "ccs-stack-dev-1-CONT-2026-000044-refund-1of16",
                        "ccs-stack-dev-1-CONT-2026-000044-refund-2of16",
                        "ccs-stack-dev-1-CONT-2026-000044-refund-3of16");
    }

    @Test
    void aRetryReplaysTheSameKeysAndChargesNothingTwice() {
        PaymentResult first = service.charge(request("CONT-2026-000045", 4_800_000), Deadline.none());
        PaymentResult retry = service.charge(request("CONT-2026-000045", 4_800_000), Deadline.none());

        assertThat(retry).isEqualTo(first);
        assertThat(stripe.intents).hasSize(5);
        assertThat(stripe.kept()).isEqualTo(480_000_000L);
    }

    @Test
    void aRedriveAfterStripeForgotTheKeysFindsTheChargesAndTakesOnlyWhatIsMissing() {
        // The first attempt took 2 of 5 parts and died; Stripe forgot its keys before the redrive, days later.
        AtomicInteger calls = new AtomicInteger();
        Deadline twoCalls = Deadline.of(() -> calls.getAndIncrement() < 2 ? Long.MAX_VALUE : 0);
        assertThat(service.charge(request("CONT-2026-000046", 4_800_000), twoCalls))
                .isInstanceOf(PaymentResult.InProgress.class);
        stripe.forgetKeys();

        succeeded(service.charge(request("CONT-2026-000046", 4_800_000), Deadline.none()));

        assertThat(stripe.intents).hasSize(5);
        assertThat(stripe.kept()).isEqualTo(480_000_000L);
    }

    @Test
    void whatDoesNotFitTheInvocationIsLeftForTheNextWithItsProgress() {
        AtomicInteger calls = new AtomicInteger();
        Deadline threeCalls = Deadline.of(() -> calls.getAndIncrement() < 3 ? Long.MAX_VALUE : 0);

        PaymentResult first = service.charge(request("CONT-2026-000047", 15_000_000), threeCalls);

        assertThat(first).isInstanceOfSatisfying(PaymentResult.InProgress.class, p -> {
            assertThat(p.progress().paid()).containsExactly("pi_1", "pi_2", "pi_3");
            assertThat(p.progress().partsTotal()).isEqualTo(16);
            assertThat(p.progress().stripeCustomerId()).isEqualTo("cus_TransportesABC");
            assertThat(p.progress().paymentMethodId()).isEqualTo("pm_1SavedVisa");
        });
        PaymentProgress progress = ((PaymentResult.InProgress) first).progress();

        PaymentResult.Succeeded done = succeeded(service.charge(
                request(Operation.CHARGE, "CONT-2026-000047", 15_000_000, Optional.of(progress)), Deadline.none()));

        assertThat(done.transactionIds()).hasSize(16).startsWith("pi_1", "pi_2", "pi_3");
        assertThat(stripe.intents).hasSize(16);
    }

    @Test
    void aPaymentAnEarlierAttemptRefundedIsNotTakenAgain() {
        succeeded(service.charge(request("CONT-2026-000048", 4_800_000), Deadline.none()));
        service.refund(request(Operation.REFUND, "CONT-2026-000048", 4_800_000, Optional.empty()), Deadline.none());
        stripe.forgetKeys();

        PaymentResult again = service.charge(request("CONT-2026-000048", 4_800_000), Deadline.none());

        assertThat(again)
                .isInstanceOfSatisfying(
                        PaymentResult.Failed.class, f -> assertThat(f.reason()).isEqualTo("payment_refunded"));
        assertThat(stripe.intents).hasSize(5);
        assertThat(stripe.kept()).isZero();
    }

    @Test
    void theRefundOperationRefundsEveryChargeOfTheContractOnlyOnce() {
        succeeded(service.charge(request("CONT-2026-000049", 4_800_000), Deadline.none()));
        succeeded(service.charge(request("CONT-2026-000050", 850_000), Deadline.none()));

        PaymentResult refunded = service.refund(
                request(Operation.REFUND, "CONT-2026-000049", 4_800_000, Optional.empty()), Deadline.none());
        service.refund(request(Operation.REFUND, "CONT-2026-000049", 4_800_000, Optional.empty()), Deadline.none());

        assertThat(refunded)
                .isInstanceOfSatisfying(
                        PaymentResult.Refunded.class,
                        r -> assertThat(r.refundedIds()).hasSize(5));
        assertThat(stripe.refunded).hasSize(5);
        assertThat(stripe.kept()).isEqualTo(85_000_000L);
    }

    @Test
    void twoStacksOnOneStripeAccountChargeTheirOwnContractsOfTheSameNumber() {
        PaymentService staging = new PaymentService(stripe, "stack-staging-2");

        succeeded(service.charge(request("CONT-2026-000001", 850_000), Deadline.none()));
        succeeded(staging.charge(request("CONT-2026-000001", 850_000), Deadline.none()));

        assertThat(stripe.intents).hasSize(2);
        assertThat(stripe.commands)
                .extracting(ChargeCommand::idempotencyKey)
                .containsExactly(
                        "ccs-stack-dev-1-CONT-2026-000001-pay-1of1", "ccs-stack-staging-2-CONT-2026-000001-pay-1of1");
    }

    @Test
    void theLookUpStartsTenMinutesBeforeTheExecutionThenAtTheNewestChargeSeen() {
        AtomicInteger calls = new AtomicInteger();
        Deadline twoCalls = Deadline.of(() -> calls.getAndIncrement() < 2 ? Long.MAX_VALUE : 0);

        PaymentResult first = service.charge(request("CONT-2026-000071", 4_800_000), twoCalls);
        assertThat(stripe.since).containsExactly(Optional.of(STARTED.minus(PaymentService.LOOKUP_MARGIN)));

        PaymentProgress progress = ((PaymentResult.InProgress) first).progress();
        service.charge(
                request(Operation.CHARGE, "CONT-2026-000071", 4_800_000, Optional.of(progress)), Deadline.none());
        long newest = stripe.intents.get(1).created();
        assertThat(progress.listedSince()).isEqualTo(newest);
        assertThat(stripe.since)
                .last()
                .isEqualTo(Optional.of(Instant.ofEpochSecond(newest).minus(PaymentService.LOOKUP_MARGIN)));
    }

    @Test
    void providerFaultsPropagateForTheStateMachineToRetry() {
        PaymentService failing = new PaymentService(
                new InMemoryStripeAccount() {
                    @Override
                    public CustomerLookup findCustomer(String customerId) {
                        throw new DependencyUnavailableException("stripe", "Stripe answered HTTP 503", null);
                    }
                },
                "s");

        assertThatThrownBy(() -> failing.charge(request("CONT-2026-000044", 850_000), Deadline.none()))
                .isInstanceOf(DependencyUnavailableException.class);
    }
}
