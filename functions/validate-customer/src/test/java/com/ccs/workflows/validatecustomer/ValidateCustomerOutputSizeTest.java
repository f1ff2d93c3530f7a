package com.ccs.workflows.validatecustomer;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.contract.Reason;
import com.ccs.workflows.shared.event.JsonText;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StreamInvocation;
import com.ccs.workflows.testing.TestLambdaContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * However many problems a request has, the answer stays small: Step Functions refuses a state payload over 256 KiB,
 * and "Validation Failed" puts the reasons, as JSON, into the execution's failure cause, which holds 32,768
 * characters. The first {@link ValidationResult#MAX_LISTED} reasons are listed, then one counting the rest.
 */
class ValidateCustomerOutputSizeTest {
    private static final int OUTPUT_BUDGET_BYTES = 16 * 1024;
    private static final int FAILURE_CAUSE_CHARS = 32_768;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ValidateCustomerHandler handler = new ValidateCustomerHandler(new CustomerValidationService(
            new InMemoryCompanyRegistry().register("900123456", "TRANSPORTES ABC SAS", RegistryStatus.ACTIVE),
            new InMemoryPlateOwners()));

    private Map<String, Object> invokeWithVehicles(IntFunction<Object> plate) {
        Map<String, Object> event = SampleEvents.load("validate-customer", "valid-75-vehicles.json");
        List<Map<String, Object>> vehicles = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            vehicles.add(Map.of("plate", plate.apply(i), "model", "Kenworth T800"));
        }
        event.put("number_of_vehicles", 10_000);
        event.put("vehicles", vehicles);
        return handler.handle(event, new TestLambdaContext("ccs-test-validate-customer"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> reasons(Map<String, Object> output) {
        return (List<String>) output.get("reasons");
    }

    private static int jsonBytes(Object value) throws Exception {
        return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void tenThousandDuplicatePlatesListTheFirstProblemsAndCountTheRest() throws Exception {
        Map<String, Object> output = invokeWithVehicles(i -> i % 2 == 0 ? "GHT-204" : "ght204");

        List<String> reasons = reasons(output);
        assertThat(output.get("valid")).isEqualTo(false);
        assertThat(output.get("score")).isEqualTo(0);
        assertThat(reasons).hasSize(ValidationResult.MAX_LISTED + 1);
        // Ten thousand vehicles are too many to carry through the workflow: that comes first, then the plates.
        assertThat(reasons.get(0)).startsWith("vehicles: the request is ");
        assertThat(reasons.get(1))
                .isEqualTo("vehicles[1].plate: duplicates vehicles[0].plate (GHT204 after normalisation)");
        int max = ValidationResult.MAX_LISTED;
        assertThat(reasons.get(max))
                .isEqualTo("vehicles[" + max + "].plate: " + (1 + 9_999 - max)
                        + " more problems not listed, starting with this field");
        assertThat(output.get("normalized_plates")).isEqualTo(List.of("GHT204"));
        assertThat(jsonBytes(output)).isLessThan(OUTPUT_BUDGET_BYTES);
    }

    @Test
    void tenThousandBadPlatesQuotingTheLongestEchoStayUnderTheBudgetAndTheFailureCause() throws Exception {
        // 40 characters is the longest value a reason quotes; quotes and control characters grow most as JSON.
        Map<String, Object> output = invokeWithVehicles(i -> "\"\u0000".repeat(20));

        List<String> reasons = reasons(output);
        assertThat(reasons).hasSize(ValidationResult.MAX_LISTED + 1);
        assertThat(reasons.get(0)).startsWith("vehicles: the request is ");
        assertThat(reasons.get(ValidationResult.MAX_LISTED))
                .startsWith("vehicles[" + (ValidationResult.MAX_LISTED - 1) + "].plate: "
                        + (1 + 10_000 - ValidationResult.MAX_LISTED) + " more problems not listed");
        assertThat(jsonBytes(output)).isLessThan(OUTPUT_BUDGET_BYTES);
        assertThat(JSON.writeValueAsString(reasons).length()).isLessThan(FAILURE_CAUSE_CHARS);
    }

    @Test
    void aReasonEchoingAHugeNumberIsCutToTheMessageBound() throws Exception {
        // A 100,000-digit JSON integer, sent as bytes: the handler reads it exactly, and the error names it in full.
        Map<String, Object> event = SampleEvents.load("validate-customer", "valid-75-vehicles.json");
        event.put("number_of_vehicles", "NUMBER_OF_VEHICLES");
        event.put("estimated_value", "ESTIMATED_VALUE");
        String json = JsonText.document(event)
                .replace("\"NUMBER_OF_VEHICLES\"", "9".repeat(100_000))
                .replace("\"ESTIMATED_VALUE\"", "-" + "8".repeat(100_000));

        Map<String, Object> output = SampleEvents.parseJson(
                StreamInvocation.invokeRaw(handler, json, new TestLambdaContext("ccs-test-validate-customer")));

        List<String> reasons = reasons(output);
        assertThat(reasons)
                .anySatisfy(r -> assertThat(r).startsWith("number_of_vehicles: must be an integer, got 999"))
                .anySatisfy(r -> assertThat(r).startsWith("estimated_value: must be an integer, got -888"))
                .allSatisfy(r -> assertThat(r.length())
                        .isLessThanOrEqualTo("number_of_vehicles: ".length() + Reason.MAX_MESSAGE_CHARS));
        assertThat(jsonBytes(output)).isLessThan(OUTPUT_BUDGET_BYTES);
    }

    @Test
    void aCutMessageSaysHowLongItWasAndNeverSplitsACharacter() {
        // One 'x', then emoji pairs from index 1: the cut falls between the two halves of a pair and must move before
        // it.
        String message = "x" + "\uD83D\uDE9A".repeat(200);
        String suffix = "... (" + message.length() + " characters)";

        String cut = new Reason("company_info.name", message).message();

        assertThat(cut)
                .hasSizeLessThanOrEqualTo(Reason.MAX_MESSAGE_CHARS)
                .startsWith("x\uD83D\uDE9A")
                .endsWith(suffix);
        String kept = cut.substring(0, cut.length() - suffix.length());
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1)))
                .as("ends inside a character")
                .isFalse();
        assertThat(kept.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF))
                .as("unpaired surrogates")
                .isEmpty();
        assertThat(new Reason("f", "short").message()).isEqualTo("short");
    }
}
