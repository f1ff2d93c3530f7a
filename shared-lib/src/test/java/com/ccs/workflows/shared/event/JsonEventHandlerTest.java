package com.ccs.workflows.shared.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StreamInvocation;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonEventHandlerTest {
    private static final Context CONTEXT = new TestLambdaContext("json-event-handler");

    private static JsonEventHandler handler(Function<Map<String, Object>, Map<String, Object>> body) {
        return new JsonEventHandler() {
            @Override
            public Map<String, Object> handle(Map<String, Object> event, Context context) {
                return body.apply(event);
            }
        };
    }

    @Test
    void theEventArrivesAsPlainMapsWithLongAndDoubleNumbersAndTheAnswerLeavesAsJson() {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        JsonEventHandler echo = handler(event -> {
            seen.set(event);
            Map<String, Object> answer = new LinkedHashMap<>(event);
            answer.put("answered", true);
            return answer;
        });

        String answer = StreamInvocation.invokeRaw(
                echo,
                "{\"id\":\"INC-1\",\"count\":3,\"lat\":4.6097,\"tags\":[\"a\",null],"
                        + "\"nested\":{\"ok\":false},\"text\":\"Bogot\\u00e1\"}",
                CONTEXT);

        assertThat(seen.get())
                .containsEntry("count", 3L)
                .containsEntry("lat", 4.6097)
                .containsEntry("tags", java.util.Arrays.asList("a", null))
                .containsEntry("nested", Map.of("ok", false))
                .containsEntry("text", "Bogotá");
        assertThat(SampleEvents.parseJson(answer))
                .containsEntry("id", "INC-1")
                .containsEntry("count", 3)
                .containsEntry("lat", 4.6097)
                .containsEntry("answered", true)
                .containsEntry("text", "Bogotá");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[1,2]", "\"text\"", "{\"a\":1", "{\"a\":1}}", "{\"a\":1,\"a\":2}", "{'a':1}"})
    void bytesThatAreNotOneJsonObjectAreInvalidInputNamingTheEventAndWhy(String event) {
        JsonEventHandler never = handler(e -> {
            throw new AssertionError("the handler must not run");
        });

        assertThatThrownBy(() -> StreamInvocation.invokeRaw(never, event, CONTEXT))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("$");
                    assertThat(e.getMessage()).startsWith("$: the event must be a JSON object (invalid JSON at offset");
                });
    }

    @Test
    void aValueNestedDeepInOneFieldReachesTheHandlerSoThatFieldCanBeNamed() throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>();
        JsonEventHandler handler = handler(event -> {
            seen.set(event.get("customer_id"));
            return Map.of();
        });
        int depth = JsonEventHandler.MAX_EVENT_DEPTH - 1;
        String deep = "{\"customer_id\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        String tooDeep = "{\"a\":" + "[".repeat(depth + 2) + "]".repeat(depth + 2) + "}";
        AtomicReference<Throwable> refused = new AtomicReference<>();

        // On a thread of its own with the default stack, as the runtime's, not under the test engine's frames.
        Thread reader = new Thread(() -> {
            StreamInvocation.invokeRaw(handler, deep, CONTEXT);
            try {
                StreamInvocation.invokeRaw(handler, tooDeep, CONTEXT);
            } catch (Throwable e) {
                refused.set(e);
            }
        });
        reader.start();
        reader.join();

        assertThat(seen.get()).isInstanceOf(List.class);
        assertThat(refused.get())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nested deeper than " + JsonEventHandler.MAX_EVENT_DEPTH + " levels");
    }

    @Test
    void anAnswerValueWithoutAJsonFormIsAnErrorNotAToStringInTheOutput() {
        JsonEventHandler wrong = handler(e -> Map.of("at", Instant.EPOCH));

        assertThatThrownBy(() -> StreamInvocation.invokeRaw(wrong, "{}", CONTEXT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.time.Instant");
    }

    @Test
    void theStrictWriterRefusesNonStringKeysAndNonFiniteNumbers() {
        assertThatThrownBy(() -> JsonText.document(Map.of(1, "one")))
                .hasMessageContaining("member name must be a string");
        assertThatThrownBy(() -> JsonText.document(List.of(Double.NaN))).hasMessageContaining("java.lang.Double");
        assertThat(JsonText.document(List.of(1, 2.5, "x", Map.of()))).isEqualTo("[1,2.5,\"x\",{}]");
    }
}
