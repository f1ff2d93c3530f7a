package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.InvalidInputException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StripeCurrencyTest {

    @ParameterizedTest(name = "{0} COP -> {1}")
    @CsvSource({
        "15000000, 1500000000", // the module's example contract value
        "5000000, 500000000",
        "1, 100",
        "0.5, 50",
        "1234.56, 123456",
        "1.50, 150",
        "1.500, 150", // trailing zeros beyond two decimals are still exact
        "1.5E7, 1500000000" // how a JSON number may arrive as a double
    })
    void copIsATwoDecimalCurrencyForStripe(String pesos, long minor) {
        assertThat(StripeCurrency.COP.toMinorUnits(new BigDecimal(pesos))).isEqualTo(minor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-0.01"})
    void nonPositiveAmountsAreInvalid(String pesos) {
        assertThatThrownBy(() -> StripeCurrency.COP.toMinorUnits(new BigDecimal(pesos)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("amount: must be greater than zero");
    }

    @Test
    void moreDecimalsThanTheCurrencyHasAreRejectedNotRounded() {
        assertThatThrownBy(() -> StripeCurrency.COP.toMinorUnits(new BigDecimal("10.005")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("amount: must have at most 2 decimals in COP, got 10.005");
    }

    @Test
    void amountsBeyondALongAreRejected() {
        assertThatThrownBy(() -> StripeCurrency.COP.toMinorUnits(new BigDecimal("1E+30")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("amount: is too large");
    }

    @Test
    void parsesTheIsoCodeInAnyCaseAndSendsStripeTheLowercaseOne() {
        assertThat(StripeCurrency.parse("COP")).isEqualTo(StripeCurrency.COP);
        assertThat(StripeCurrency.parse(" cop ")).isEqualTo(StripeCurrency.COP);
        assertThat(StripeCurrency.COP.stripeCode()).isEqualTo("cop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"USD", "CLP", "PESOS", "CO"})
    void otherCurrenciesAreInvalidInputNamingTheField(String code) {
        assertThatThrownBy(() -> StripeCurrency.parse(code))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("currency"))
                .hasMessageContaining("supported: COP");
    }
}
