package com.ccs.workflows.localrunner.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferencePathsTest {
    private final Bindings bindings = new Bindings(
            Json.parse("{\"items\":[{\"v\":1},{\"v\":2.0}],\"a\":{\"b\":\"x\"}}"),
            Json.parse("{\"Execution\":{\"Name\":\"run-1\"}}"),
            Map.of("order", Json.parse("{\"id\":7}"))::get);

    @Test
    void readsInputContextAndVariablesKeepingNumberTypes() {
        assertThat(ReferencePaths.read("$.a.b", bindings)).isEqualTo(Json.text("x"));
        assertThat(ReferencePaths.read("$$.Execution.Name", bindings)).isEqualTo(Json.text("run-1"));
        assertThat(ReferencePaths.read("$order.id", bindings)).isEqualTo(Json.NODES.numberNode(7));
        assertThat(ReferencePaths.read("$.items[*].v", bindings).toString()).isEqualTo("[1,2.0]");
        assertThat(ReferencePaths.read("$.items[?(@.v > 1)].v", bindings).toString())
                .isEqualTo("[2.0]");
    }

    @Test
    void aMissingDefinitePathFailsWithJaywaysMessageButAnIndefiniteOneSelectsNothing() {
        assertThatThrownBy(() -> ReferencePaths.read("$.nope", bindings))
                .isInstanceOf(PathNotFound.class)
                .hasMessage("No results for path: $['nope']");
        assertThatThrownBy(() -> ReferencePaths.read("$.no.such", bindings))
                .isInstanceOf(PathNotFound.class)
                .hasMessage("Missing property in path $['no']");
        assertThat(ReferencePaths.read("$.missing[*]", bindings)).isEqualTo(Json.array());
        assertThat(ReferencePaths.read("$.missing[1:]", bindings)).isEqualTo(Json.array());
    }

    @Test
    void findAnswersNullWhereReadFailsAndReadsIndexesAsJaywayDoes() {
        assertThat(ReferencePaths.find("$.items[1].v", bindings)).isEqualTo(Json.NODES.numberNode(2.0));
        assertThat(ReferencePaths.read("$.items[1].v", bindings)).isEqualTo(Json.NODES.numberNode(2.0));
        assertThat(ReferencePaths.find("$.a.b", bindings)).isEqualTo(Json.text("x"));
        assertThat(ReferencePaths.find("$.nope", bindings)).isNull();
        assertThat(ReferencePaths.find("$.a.b.c", bindings)).isNull();
        assertThat(ReferencePaths.find("$[0]", bindings)).isNull(); // the input is an object
        assertThat(ReferencePaths.find("$.a[0]", bindings)).isNull();
        assertThat(ReferencePaths.find("$nobody.id", bindings)).isNull();
        // Jayway reads an index past the end of an array as null, and fails beyond it: find agrees with read.
        assertThat(ReferencePaths.find("$.items[5]", bindings)).isEqualTo(ReferencePaths.read("$.items[5]", bindings));
        assertThatThrownBy(() -> ReferencePaths.read("$.items[5].v", bindings)).isInstanceOf(PathNotFound.class);
        assertThat(ReferencePaths.find("$.items[5].v", bindings)).isNull();
        assertThatThrownBy(() -> ReferencePaths.read("$[0]", bindings)).isInstanceOf(PathNotFound.class);
    }

    @Test
    void validatesSyntax() {
        assertThat(ReferencePaths.syntaxError("$.a[0].b")).isNull();
        assertThat(ReferencePaths.syntaxError("$$.Map.Item.Value")).isNull();
        assertThat(ReferencePaths.syntaxError("a.b")).contains("not a valid JSONPath");
        assertThat(ReferencePaths.syntaxError("$.a.")).contains("not a valid JSONPath");
        assertThat(ReferencePaths.syntaxError("$[")).contains("not a valid JSONPath");
    }

    @Test
    void payloadTemplatesEvaluateDollarKeysRecursivelyIncludingIntrinsics() {
        var template = Json.parse("""
        {"k.$": "$.a.b", "lit": "$.a.b", "nested": [{"n.$": "$order.id"}, 3],
         "f.$": "States.Format('{}-{}', $.a.b, $$.Execution.Name)"}""");
        assertThat(PayloadTemplate.evaluate(template, bindings)).isEqualTo(Json.parse("""
        {"k": "x", "lit": "$.a.b", "nested": [{"n": 7}, 3], "f": "x-run-1"}"""));
    }

    @Test
    void aTemplatePathThatSelectsNothingIsAStatesRuntimeNamingFieldAndInput() {
        assertThatThrownBy(() -> PayloadTemplate.evaluate(Json.parse("{\"v.$\": \"$.zzz\"}"), bindings))
                .isInstanceOf(RuntimeFailure.class)
                .satisfies(e -> assertThat(((StatesFailure) e).error()).isEqualTo(StatesErrors.RUNTIME))
                .hasMessageContaining(
                        "The JSONPath '$.zzz' specified for the field 'v.$' could not be found in the input");
    }

    @Test
    void resultPathMergesIntoACopyCreatingObjectsOrReplacesOrDiscards() {
        var input = Json.parse("{\"a\":1}");
        var result = Json.parse("{\"r\":true}");
        assertThat(ResultPaths.merge(input, result, "$.x.y"))
                .isEqualTo(Json.parse("{\"a\":1,\"x\":{\"y\":{\"r\":true}}}"));
        assertThat(input).isEqualTo(Json.parse("{\"a\":1}"));
        assertThat(ResultPaths.merge(input, result, "$")).isEqualTo(result);
        assertThat(ResultPaths.merge(input, result, null)).isEqualTo(input);
        assertThatThrownBy(() -> ResultPaths.merge(Json.text("s"), result, "$.x"))
                .satisfies(
                        e -> assertThat(((StatesFailure) e).error()).isEqualTo(StatesErrors.RESULT_PATH_MATCH_FAILURE));
        assertThat(ResultPaths.select(null, bindings)).isEqualTo(Json.object());
    }
}
