package com.ccs.workflows.localrunner.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnRequest;

/**
 * The module README's operations table lists every operation of the Step Functions API (as the AWS SDK for Java
 * knows it), and says "Not supported" exactly for those the API does not serve.
 */
class OperationsDocumentedTest {
    private static final Pattern ROW = Pattern.compile("^\\| ([A-Z][A-Za-z]+) \\| (.+) \\|$", Pattern.MULTILINE);

    @Test
    void theReadmeTellsTheSupportOfEveryOperation() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("### Operations and their support");
        assertThat(start).as("the README's operations section").isNotNegative();
        int end = readme.indexOf("\n\n", readme.indexOf("| Operation | Support |", start));
        Matcher row = ROW.matcher(readme.substring(start, end));
        while (row.find()) {
            if (!row.group(1).equals("Operation")) {
                documented.put(row.group(1), row.group(2));
            }
        }
        Set<String> sdk = new TreeSet<>();
        for (Method method : SfnClient.class.getMethods()) {
            if (method.getParameterCount() == 1
                    && SfnRequest.class.isAssignableFrom(method.getParameterTypes()[0])
                    && !method.getName().endsWith("Paginator")) {
                sdk.add(Character.toUpperCase(method.getName().charAt(0))
                        + method.getName().substring(1));
            }
        }
        assertThat(documented.keySet()).containsExactlyElementsOf(sdk);

        Set<String> served;
        try (LocalSfn local = LocalSfn.virtual()) {
            served = new StepFunctionsApi(local.engine).operations();
        }
        documented.forEach((operation, support) -> assertThat(served.contains(operation))
                .as(operation + ": " + support)
                .isEqualTo(!support.startsWith("Not supported")));
    }
}
