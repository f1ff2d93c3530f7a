package com.ccs.workflows.localrunner.template;

import java.nio.file.Path;
import java.util.Map;

/**
 * A function of the template as the local deployment runs it.
 *
 * @param module the Maven module the CodeUri points at (e.g. {@code validate-customer}); its
 *     {@code target/<module>.zip} is the code
 * @param handler {@code com.example.Handler::handleRequest}
 * @param environment the template's variables (Globals merged), resolved
 */
public record FunctionSpec(
        String logicalId,
        String name,
        Path codeUri,
        String module,
        String handler,
        int timeoutSeconds,
        int memoryMb,
        Map<String, String> environment,
        String arn,
        String aliasArn) {

    public String handlerClass() {
        int split = handler.indexOf("::");
        return split < 0 ? handler : handler.substring(0, split);
    }

    public String handlerMethod() {
        int split = handler.indexOf("::");
        return split < 0 ? "handleRequest" : handler.substring(split + 2);
    }

    /** Whether a FunctionName (name, ARN, qualified ARN, partial ARN) of a Task refers to this function. */
    public boolean answersTo(String functionName) {
        if (functionName.equals(name) || functionName.equals(arn) || functionName.equals(aliasArn)) {
            return true;
        }
        String unqualified = functionName;
        if (unqualified.startsWith("arn:")) {
            String[] parts = unqualified.split(":");
            // arn:aws:lambda:region:account:function:name[:qualifier]
            return parts.length >= 7 && parts[6].equals(name);
        }
        int colon = unqualified.indexOf(':');
        if (colon > 0 && !unqualified.startsWith("function")) {
            unqualified = unqualified.substring(0, colon); // name:qualifier
        }
        return unqualified.equals(name) || unqualified.equals("function:" + name);
    }
}
