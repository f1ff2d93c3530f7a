package com.ccs.workflows.localrunner.states;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.testing.TestEngines;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every comparison operator of a Choice rule, literal and *Path, and every type test, one row each. */
class ChoiceRulesTest {
    private static final String INPUT = """
      {"s": "b", "n": 5, "b": true, "x": null, "t": "2024-05-01T10:00:00Z", "f": "log-*.txt",
       "o": {"s2": "b", "lo": "a", "hi": "c", "n2": 5, "nlo": 4, "nhi": 6, "b2": true,
             "t2": "2024-05-01T10:00:00Z", "tlo": "2024-01-01T00:00:00Z", "thi": "2025-01-01T00:00:00Z"}}""";

    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = TestEngines.engine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // String comparisons: literal, then the *Path form against another field.
                row("$.s", "StringEquals", "'b'", true),
                row("$.s", "StringEquals", "'c'", false),
                row("$.s", "StringEqualsPath", "'$.o.s2'", true),
                row("$.s", "StringEqualsPath", "'$.o.lo'", false),
                row("$.s", "StringLessThan", "'c'", true),
                row("$.s", "StringLessThan", "'b'", false),
                row("$.s", "StringLessThanPath", "'$.o.hi'", true),
                row("$.s", "StringLessThanPath", "'$.o.lo'", false),
                row("$.s", "StringGreaterThan", "'a'", true),
                row("$.s", "StringGreaterThan", "'b'", false),
                row("$.s", "StringGreaterThanPath", "'$.o.lo'", true),
                row("$.s", "StringGreaterThanPath", "'$.o.hi'", false),
                row("$.s", "StringLessThanEquals", "'b'", true),
                row("$.s", "StringLessThanEquals", "'a'", false),
                row("$.s", "StringLessThanEqualsPath", "'$.o.s2'", true),
                row("$.s", "StringLessThanEqualsPath", "'$.o.lo'", false),
                row("$.s", "StringGreaterThanEquals", "'b'", true),
                row("$.s", "StringGreaterThanEquals", "'c'", false),
                row("$.s", "StringGreaterThanEqualsPath", "'$.o.s2'", true),
                row("$.s", "StringGreaterThanEqualsPath", "'$.o.hi'", false),
                row("$.f", "StringMatches", "'log-*'", true),
                row("$.f", "StringMatches", "'*.json'", false),
                row("$.f", "StringMatches", "'log-\\\\*.txt'", true),
                row("$.s", "StringMatches", "'log-\\\\*.txt'", false),
                row("$.n", "StringEquals", "'5'", false), // a number is not a string: false, not an error
                // Numeric comparisons.
                row("$.n", "NumericEquals", "5", true),
                row("$.n", "NumericEquals", "5.0", true),
                row("$.n", "NumericEquals", "6", false),
                row("$.n", "NumericEqualsPath", "'$.o.n2'", true),
                row("$.n", "NumericEqualsPath", "'$.o.nlo'", false),
                row("$.n", "NumericLessThan", "6", true),
                row("$.n", "NumericLessThan", "5", false),
                row("$.n", "NumericLessThanPath", "'$.o.nhi'", true),
                row("$.n", "NumericLessThanPath", "'$.o.nlo'", false),
                row("$.n", "NumericGreaterThan", "4.5", true),
                row("$.n", "NumericGreaterThan", "5", false),
                row("$.n", "NumericGreaterThanPath", "'$.o.nlo'", true),
                row("$.n", "NumericGreaterThanPath", "'$.o.nhi'", false),
                row("$.n", "NumericLessThanEquals", "5", true),
                row("$.n", "NumericLessThanEquals", "4", false),
                row("$.n", "NumericLessThanEqualsPath", "'$.o.n2'", true),
                row("$.n", "NumericLessThanEqualsPath", "'$.o.nlo'", false),
                row("$.n", "NumericGreaterThanEquals", "5", true),
                row("$.n", "NumericGreaterThanEquals", "6", false),
                row("$.n", "NumericGreaterThanEqualsPath", "'$.o.n2'", true),
                row("$.n", "NumericGreaterThanEqualsPath", "'$.o.nhi'", false),
                row("$.s", "NumericEquals", "5", false),
                // Boolean.
                row("$.b", "BooleanEquals", "true", true),
                row("$.b", "BooleanEquals", "false", false),
                row("$.b", "BooleanEqualsPath", "'$.o.b2'", true),
                row("$.s", "BooleanEquals", "true", false),
                // Timestamps compare as instants, whatever the offset they are written with.
                row("$.t", "TimestampEquals", "'2024-05-01T10:00:00Z'", true),
                row("$.t", "TimestampEquals", "'2024-05-01T12:00:00+02:00'", true),
                row("$.t", "TimestampEquals", "'2024-05-01T10:00:01Z'", false),
                row("$.t", "TimestampEqualsPath", "'$.o.t2'", true),
                row("$.t", "TimestampEqualsPath", "'$.o.tlo'", false),
                row("$.t", "TimestampLessThan", "'2025-01-01T00:00:00Z'", true),
                row("$.t", "TimestampLessThan", "'2024-01-01T00:00:00Z'", false),
                row("$.t", "TimestampLessThanPath", "'$.o.thi'", true),
                row("$.t", "TimestampLessThanPath", "'$.o.tlo'", false),
                row("$.t", "TimestampGreaterThan", "'2024-01-01T00:00:00Z'", true),
                row("$.t", "TimestampGreaterThan", "'2024-05-01T10:00:00Z'", false),
                row("$.t", "TimestampGreaterThanPath", "'$.o.tlo'", true),
                row("$.t", "TimestampGreaterThanPath", "'$.o.thi'", false),
                row("$.t", "TimestampLessThanEquals", "'2024-05-01T10:00:00Z'", true),
                row("$.t", "TimestampLessThanEqualsPath", "'$.o.t2'", true),
                row("$.t", "TimestampLessThanEqualsPath", "'$.o.tlo'", false),
                row("$.t", "TimestampGreaterThanEquals", "'2024-05-01T10:00:00Z'", true),
                row("$.t", "TimestampGreaterThanEqualsPath", "'$.o.t2'", true),
                row("$.t", "TimestampGreaterThanEqualsPath", "'$.o.thi'", false),
                row("$.s", "TimestampEquals", "'2024-05-01T10:00:00Z'", false),
                // Type tests.
                row("$.x", "IsNull", "true", true),
                row("$.s", "IsNull", "true", false),
                row("$.x", "IsNull", "false", false),
                row("$.s", "IsPresent", "true", true),
                row("$.missing", "IsPresent", "true", false),
                row("$.missing", "IsPresent", "false", true),
                row("$.x", "IsPresent", "true", true),
                row("$.n", "IsNumeric", "true", true),
                row("$.s", "IsNumeric", "true", false),
                row("$.s", "IsNumeric", "false", true),
                row("$.s", "IsString", "true", true),
                row("$.n", "IsString", "true", false),
                row("$.b", "IsBoolean", "true", true),
                row("$.s", "IsBoolean", "true", false),
                row("$.t", "IsTimestamp", "true", true),
                row("$.s", "IsTimestamp", "true", false),
                row("$.n", "IsTimestamp", "true", false),
                row("$.t", "IsTimestamp", "false", false));
    }

    private static Arguments row(String variable, String operator, String operand, boolean expected) {
        return Arguments.of(variable, operator, operand, expected);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("rules")
    void ruleMatchesAsAwsEvaluatesIt(String variable, String operator, String operand, boolean expected) {
        String definition = TestEngines.json("""
        {'StartAt': 'C', 'States': {
          'C': {'Type': 'Choice', 'Choices': [{'Variable': '%s', '%s': %s, 'Next': 'Yes'}], 'Default': 'No'},
          'Yes': {'Type': 'Pass', 'Result': true, 'End': true},
          'No': {'Type': 'Pass', 'Result': false, 'End': true}}}
        """.formatted(variable, operator, operand));
        Execution execution = TestEngines.run(engine, definition, INPUT);

        assertThat(execution.status())
                .as("%s: %s", execution.error(), execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output()).isEqualTo(Json.NODES.booleanNode(expected));
    }
}
