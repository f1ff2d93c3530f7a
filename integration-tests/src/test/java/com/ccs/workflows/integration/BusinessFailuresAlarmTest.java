package com.ccs.workflows.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The business failures alarm counts faults, not outcomes: the two metric filters on the business log split the
 * errors of its ExecutionFailed events between BusinessOutcomes and TechnicalFailures, by the names the
 * definition's Fail states give, and the alarm watches TechnicalFailures.
 */
class BusinessFailuresAlarmTest {
    private static final Path ROOT = Path.of(System.getProperty("ccs.projectRoot", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Set<String> OUTCOMES =
            Set.of("ValidationFailed", "ApprovalRejected", "ApprovalTimedOut", "PaymentFailed");
    private static final Pattern ERROR_TEST = Pattern.compile("\\$\\.details\\.error (!?=) \"([^\"]+)\"");
    private static SamTemplate template;
    private static Set<String> failStateErrors;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load(ROOT.resolve("template.yaml"));
        JsonNode definition = new ObjectMapper()
                .readTree(ROOT.resolve("statemachines/business.asl.json").toFile());
        failStateErrors = new TreeSet<>();
        definition.path("States").forEach(state -> {
            if (state.path("Type").asText().equals("Fail") && state.has("Error")) {
                failStateErrors.add(state.path("Error").asText());
            }
        });
    }

    @Test
    void theOutcomesFilterCountsExactlyTheBusinessOutcomesByName() {
        Map<String, Object> filter = SamTemplate.properties(template.resources().get("BusinessOutcomesMetricFilter"));
        String pattern = (String) filter.get("FilterPattern");
        assertThat(pattern).contains("$.type = \"ExecutionFailed\"");
        assertThat(errors(pattern, "=")).containsExactlyInAnyOrderElementsOf(OUTCOMES);
        assertThat(errors(pattern, "!=")).isEmpty();
        assertThat(failStateErrors)
                .as("each outcome is the error of one of the definition's Fail states")
                .containsAll(OUTCOMES);
        assertThat(metric(filter))
                .containsEntry("MetricName", "BusinessOutcomes")
                .containsKey("Dimensions");
    }

    @Test
    void theTechnicalFilterCountsEveryOtherFailureAndTheAlarmWatchesItAlone() {
        Map<String, Object> filter =
                SamTemplate.properties(template.resources().get("BusinessTechnicalFailuresMetricFilter"));
        String pattern = (String) filter.get("FilterPattern");
        assertThat(pattern).contains("$.type = \"ExecutionFailed\"").doesNotContain("||");
        assertThat(errors(pattern, "!=")).containsExactlyInAnyOrderElementsOf(OUTCOMES);
        assertThat(errors(pattern, "=")).isEmpty();
        Set<String> technical = new TreeSet<>(failStateErrors);
        technical.removeAll(OUTCOMES);
        assertThat(technical)
                .as("the definition's fault states, counted by the technical filter")
                .contains("PaymentNeedsReview", "InvalidRequest");
        assertThat(metric(filter)).containsEntry("MetricName", "TechnicalFailures");

        Map<String, Object> alarm = SamTemplate.properties(template.resources().get("BusinessWorkflowFailuresAlarm"));
        assertThat(alarm)
                .containsEntry("MetricName", "TechnicalFailures")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold");
        assertThat(alarm.get("Namespace")).isEqualTo(metric(filter).get("MetricNamespace"));
    }

    private static Set<String> errors(String pattern, String operator) {
        Set<String> names = new TreeSet<>();
        Matcher test = ERROR_TEST.matcher(pattern);
        while (test.find()) {
            if (test.group(1).equals(operator)) {
                names.add(test.group(2));
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metric(Map<String, Object> filter) {
        return ((java.util.List<Map<String, Object>>) filter.get("MetricTransformations")).get(0);
    }
}
