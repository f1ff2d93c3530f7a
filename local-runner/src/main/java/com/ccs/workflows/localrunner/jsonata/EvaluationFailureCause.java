package com.ccs.workflows.localrunner.jsonata;

import com.dashjoin.jsonata.JException;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cause of a States.QueryEvaluationError for an expression that threw, in AWS's words: "The JSONata expression
 * '…' specified for the field '…' threw an error during evaluation", then ". CODE: message" for an error JSONata
 * codes, or ": message" for one it does not.
 */
final class EvaluationFailureCause {
    private EvaluationFailureCause() {}

    /** What AWS answers for runaway recursion (the reference has no code for it). */
    static final String STACK_OVERFLOW =
            "Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.";

    // com.dashjoin:jsonata's message catalog says "Object" where the reference says "function", and quotes the
    // argument's position: 'Argument "1" of Object "abs" does not match Object signature'.
    private static final Pattern ARGUMENT_POSITION = Pattern.compile("Argument \"(\\d+)\" of Object \"");
    private static final Pattern OBJECT_AS_FUNCTION = Pattern.compile("\\bObject (signature|\")|(The \\S+) Object ");

    static String of(String expression, String field, Throwable error) {
        String sentence = "The JSONata expression '" + expression + "' specified for the field '" + field
                + "' threw an error during evaluation";
        return switch (error) {
            case JsonataFunctionError f when f.code() != null -> sentence + ". " + f.code() + ": " + f.getMessage();
            case JException j
            when j.getError() != null -> sentence + ". " + j.getError() + ": " + repaired(j.getMessage());
            // the library's $toMillis lets the JDK's parse error through
            case DateTimeParseException d ->
                sentence + ". D3110: The argument of the toMillis function must be an"
                        + " ISO 8601 formatted timestamp. Given \"" + d.getParsedString() + "\"";
            case StackOverflowError s -> sentence + ": " + STACK_OVERFLOW;
            default -> sentence + ": " + error.getMessage();
        };
    }

    static String repaired(String message) {
        String positioned = ARGUMENT_POSITION.matcher(message).replaceAll("Argument $1 of function \"");
        return OBJECT_AS_FUNCTION
                .matcher(positioned)
                .replaceAll(m -> Matcher.quoteReplacement(
                        m.group(1) != null ? "function " + m.group(1) : m.group(2) + " function "));
    }
}
