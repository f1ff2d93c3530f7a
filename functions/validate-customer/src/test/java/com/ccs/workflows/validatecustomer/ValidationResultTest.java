package com.ccs.workflows.validatecustomer;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.contract.Reason;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationResultTest {

    @ParameterizedTest(name = "{0} problems, {1} warnings -> {2}")
    @CsvSource({
        "0, 0, 100",
        "0, 1, 95",
        "0, 2, 90",
        "0, 10, 50",
        "0, 30, 50",
        "1, 0, 40",
        "1, 1, 35",
        "2, 0, 30",
        "5, 0, 0",
        "9, 3, 0"
    })
    void scoresFromTheFindings(int problems, int warnings, int score) {
        ValidationResult result =
                ValidationResult.of(reasons(problems), reasons(warnings), List.of(), RegistryStatus.NOT_CHECKED);

        assertThat(result.score()).isEqualTo(score);
        assertThat(result.valid()).isEqualTo(problems == 0);
        assertThat(result.score() >= 50).as("a score of 50 or more means valid").isEqualTo(result.valid());
    }

    private static List<Reason> reasons(int count) {
        return Collections.nCopies(count, new Reason("field", "why"));
    }

    @org.junit.jupiter.api.Test
    void listsAtMostTwentyFindingsAndSaysHowManyMore() {
        java.util.List<Reason> many = java.util.stream.IntStream.range(0, 3_000)
                .mapToObj(i -> new Reason("vehicles[" + i + "].plate", "is not a Colombian plate"))
                .toList();

        ValidationResult result = ValidationResult.of(many, many, java.util.List.of(), RegistryStatus.NOT_CHECKED);

        assertThat(result.reasons()).hasSize(21);
        assertThat(result.reasons().get(19).toString()).isEqualTo("vehicles[19].plate: is not a Colombian plate");
        assertThat(result.reasons().get(20).toString())
                .isEqualTo("vehicles[20].plate: 2980 more problems not listed, starting with this field");
        assertThat(result.warnings().get(20).toString())
                .isEqualTo("vehicles[20].plate: 2980 more warnings not listed, starting with this field");
        assertThat(result.valid()).isFalse();
        assertThat(result.score()).isZero();
    }
}
