package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.states.Interpreter;
import java.util.regex.Pattern;

/** AWS's limits on the names and the input of a request, checked before anything is created or started. */
final class RequestLimits {
    private static final int MAX_NAME_CHARS = 80;
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");

    private RequestLimits() {}

    /**
     * AWS checks a member's length before its content, and its ValidationException does not quote the value: a
     * caller never gets a 256 KiB name echoed back.
     */
    static void checkName(String name) {
        if (name != null && name.length() > MAX_NAME_CHARS) {
            throw new EngineException(
                    "ValidationException",
                    "1 validation error detected: Value at 'name' failed to"
                            + " satisfy constraint: Member must have length less than or equal to " + MAX_NAME_CHARS);
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new EngineException("InvalidName", "Invalid Name: '" + name + "'");
        }
    }

    /** StartExecution's input is at most 256 KiB of UTF-8, as on AWS; checked before it is parsed. */
    static void checkInputSize(String input) {
        if (input != null && Interpreter.tooLarge(input)) {
            throw new EngineException(
                    "ValidationException",
                    "1 validation error detected: Value at 'input' failed to"
                            + " satisfy constraint: Member must have length less than or equal to "
                            + Interpreter.MAX_PAYLOAD_BYTES);
        }
    }
}
