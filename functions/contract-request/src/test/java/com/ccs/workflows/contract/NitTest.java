package com.ccs.workflows.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NitTest {

    @ParameterizedTest(name = "{0} has check digit {1}")
    @CsvSource({
        // Published NITs of well-known Colombian entities: an outside check of the weights and the rule.
        "800197268, 4", // DIAN
        "890903938, 8", // Bancolombia
        "860002964, 4", // Banco de Bogota
        "899999068, 1", // Ecopetrol (11 - 10)
        // The module's example company: its example writes 7, the DIAN digit is 8.
        "900123456, 8",
        // Remainders 0 and 1 are the digit itself.
        "900000009, 0",
        "900000013, 0",
        "900000002, 1",
        "900000017, 1",
        "123456, 3",
        "123456789012345, 2"
    })
    void computesTheDianCheckDigit(String base, int digit) {
        assertThat(Nit.checkDigitOf(base)).isEqualTo(digit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567890123456", "12a456"})
    void refusesToComputeForSomethingThatIsNotABaseNumber(String base) {
        assertThatThrownBy(() -> Nit.checkDigitOf(base)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"900123456-8", "900.123.456-8", "  900123456-8 "})
    void acceptsTheWrittenForms(String text) {
        assertThat(Nit.parse(text)).isEqualTo(new Nit.Parsed.Valid(new Nit("900123456", 8)));
    }

    @Test
    void rejectsTheModulesExampleNitWithItsReason() {
        assertThat(Nit.parse("900123456-7"))
                .isEqualTo(new Nit.Parsed.Invalid("NIT check digit 7 does not match the DIAN check digit 8"));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "9001234568      | must be a NIT written as digits",
                "900123456       | must be a NIT written as digits",
                "900123456-      | must be a NIT written as digits",
                "-8              | must be a NIT written as digits",
                "900,123,456-8   | must be a NIT written as digits",
                "90.0123.456-8   | must be a NIT written as digits",
                "900123456 - 8   | must be a NIT written as digits",
                "900123456-18    | must be a NIT written as digits",
                "NIT900123456-8  | must be a NIT written as digits",
                "12345-9         | must have 6 to 15 digits before the check digit, got 5",
                "1234567890123456-1 | must have 6 to 15 digits before the check digit, got 16",
                "800197268-3     | NIT check digit 3 does not match the DIAN check digit 4"
            })
    void rejectsOtherTextWithAReason(String text, String reason) {
        assertThat(Nit.parse(text))
                .isInstanceOfSatisfying(
                        Nit.Parsed.Invalid.class,
                        invalid -> assertThat(invalid.reason()).contains(reason));
    }

    @Test
    void everyBaseHasExactlyOneAcceptedCheckDigit() {
        Random random = new Random(20261125);
        for (int n = 0; n < 500; n++) {
            int length = 6 + random.nextInt(10);
            StringBuilder base = new StringBuilder().append(1 + random.nextInt(9));
            while (base.length() < length) {
                base.append(random.nextInt(10));
            }
            int accepted = 0;
            for (int digit = 0; digit <= 9; digit++) {
                if (Nit.parse(base + "-" + digit) instanceof Nit.Parsed.Valid valid) {
                    accepted++;
                    assertThat(valid.nit().checkDigit()).isEqualTo(Nit.checkDigitOf(base.toString()));
                }
            }
            assertThat(accepted).as("accepted check digits for %s", base).isEqualTo(1);
        }
    }

    @Test
    void aNitCannotBeBuiltWithAWrongDigit() {
        assertThatThrownBy(() -> new Nit("900123456", 7)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Nit("900123456", 8)).hasToString("900123456-8");
    }
}
