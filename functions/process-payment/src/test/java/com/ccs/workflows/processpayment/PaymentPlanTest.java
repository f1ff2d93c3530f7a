package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentPlanTest {

    @ParameterizedTest(name = "{0} COP -> {1} parts")
    @CsvSource({
        "10000, 1",
        "999999, 1",
        "1000000, 2",
        "4800000, 5",
        "15000000, 16",
        "250000000, 251",
        "2000000000, 2001"
    })
    void splitsWholePesosIntoWholePesoPartsUnderStripesCap(long pesos, int parts) {
        PaymentPlan plan = PaymentPlan.of(pesos * 100, 2);

        assertThat(plan.size()).isEqualTo(parts);
        assertThat(plan.parts().stream().mapToLong(Long::longValue).sum()).isEqualTo(pesos * 100);
        assertThat(plan.parts()).allSatisfy(part -> {
            assertThat(part).isLessThanOrEqualTo(PaymentPlan.MAX_CHARGE_MINOR);
            assertThat(part % 100).isZero();
        });
        long smallest = plan.parts().stream().mapToLong(Long::longValue).min().orElseThrow();
        long largest = plan.parts().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(largest - smallest).isLessThanOrEqualTo(100);
    }

    @Test
    void theModulesExampleIsSixteenChargesOfAboutNineHundredThousandPesos() {
        PaymentPlan plan = PaymentPlan.of(1_500_000_000L, 2);

        assertThat(plan.parts()).hasSize(16).containsOnly(93_750_000L);
    }

    @Test
    void anAmountWithCentavosIsSplitInCentavos() {
        PaymentPlan plan = PaymentPlan.of(100_000_001L, 2);

        assertThat(plan.parts()).containsExactly(50_000_001L, 50_000_000L);
    }

    @Test
    void moreThanTheLargestPlanIsRefused() {
        assertThatThrownBy(() -> PaymentPlan.of(PaymentPlan.MAX_TOTAL_MINOR + 100, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PaymentPlan.of(PaymentPlan.MAX_TOTAL_MINOR, 2).size()).isEqualTo(PaymentPlan.MAX_PARTS);
    }
}
