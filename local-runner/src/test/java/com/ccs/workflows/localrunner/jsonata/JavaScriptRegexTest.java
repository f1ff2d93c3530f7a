package com.ccs.workflows.localrunner.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regular expression literals mean what they mean on AWS, where JSONata runs on JavaScript. Each expected value is
 * what the JavaScript JSONata 2.x gives for the same expression and input.
 */
class JavaScriptRegexTest {
    private final JsonataScope scope = new JsonataScope(
            Json.parse("{\"input\":{\"id\":\"VEH-1\\n\",\"name\":\"JOSÉ PÉREZ\",\"lines\":\"a1\\nb2\"}}"), Map.of());

    private String eval(String expression) {
        return JsonataEvaluator.evaluate("{% " + expression + " %}", scope, "Condition")
                .toString();
    }

    @Test
    void dollarWithoutTheMultilineFlagMatchesOnlyAtTheVeryEnd() {
        assertThat(eval("$contains($states.input.id, /^VEH-[0-9]+$/)")).isEqualTo("false");
        assertThat(eval("$contains('VEH-1', /^VEH-[0-9]+$/)")).isEqualTo("true");
        assertThat(eval("$contains($states.input.lines, /[0-9]$/)")).isEqualTo("true");
        assertThat(eval("$contains($states.input.lines, /a1$/)")).isEqualTo("false");
        assertThat(eval("$contains($states.input.lines, /a1$/m)")).isEqualTo("true");
    }

    @Test
    void anEscapedDollarAndOneInAClassStayLiteral() {
        assertThat(eval("$contains('cost $5', /\\$5/)")).isEqualTo("true");
        assertThat(eval("$replace('a$b', /[$]/, '-')")).isEqualTo("\"a-b\"");
    }

    @Test
    void ignoringCaseFoldsEveryLetterNotOnlyAscii() {
        assertThat(eval("$contains($states.input.name, /josé pérez/i)")).isEqualTo("true");
        assertThat(eval("$contains($states.input.name, /josé pérez/)")).isEqualTo("false");
    }

    @Test
    void classesJavaScriptAcceptsWorkAsThere() {
        assertThat(eval("$match('x\\ny', /x[^]y/).match")).isEqualTo("\"x\\ny\"");
        assertThat(eval("$contains('abc', /a[]/)")).isEqualTo("false");
        // '&&' inside a JavaScript class is two ampersands, not Java's intersection of [a] and [b]
        assertThat(eval("$contains('&', /[a&&b]/)")).isEqualTo("true");
        // '[' inside a JavaScript class is a character: a, [ or b, then ']'; Java would read a nested class
        assertThat(eval("$contains('a', /[a[b]]/)")).isEqualTo("false");
        assertThat(eval("$contains('x[]', /[[]]/)")).isEqualTo("true");
        // two literals Java refuses, in one expression, each keeping its own meaning and flags
        assertThat(eval("[$contains('X[]', /x[[]]/i), $contains('a\\n', /a[^]/), $contains('a', /[[]]/)]"))
                .isEqualTo("[true,true,false]");
        // the same text in a string before the literal stays the string's
        assertThat(eval("'/[[]]/' & $contains('[]', /[[]]/) & \"/[^]/\" & $contains('a', /a[^]/)"))
                .isEqualTo("\"/[[]]/true/[^]/false\"");
    }

    @Test
    void everyLiteralOfAnExpressionIsAdoptedWhereverItSits() {
        assertThat(eval("$split('1\\n2', /\\n/) ~> $map(function($v) { $contains($v & '\\n', /^[0-9]$/) })"))
                .isEqualTo("[false,false]");
        assertThat(eval("{'ok': $contains($states.input.id, /1$/)}.ok")).isEqualTo("false");
        assertThat(eval("$exists(/^VEH-1$/($states.input.id))")).isEqualTo("false");
        assertThat(
                        eval(
                                "$states.input.id ? ($contains($states.input.id, /^V/) and $contains($states.input.id, /1$/)) : true"))
                .isEqualTo("false");
    }

    @Test
    void aPatternNeitherLanguageAcceptsIsAParseErrorNamingTheField() {
        assertThatThrownBy(() -> eval("$contains('a', /a(/)"))
                .isInstanceOf(RuntimeFailure.class)
                .hasMessageContaining("could not be parsed")
                .hasMessageContaining("'Condition'");
    }

    @Test
    void slashesThatDivideAreLeftAlone() {
        assertThat(eval("10 / 4 / 5")).isEqualTo("0.5");
    }

    @Test
    void rewritingIsIdempotent() {
        for (String source : new String[] {"^a$", "[^]", "[]x", "[[&&]", "[a[b]]", "\\$", "[$]$"}) {
            String once = JavaScriptRegex.rewrite(source, false);
            assertThat(JavaScriptRegex.rewrite(once, false)).isEqualTo(once);
        }
    }
}
