package com.ccs.workflows.localrunner.engine;

/**
 * A TestState request, as the API takes it: the state (a definition of one state, or a whole machine with
 * {@code stateName}), what it runs on, and optionally a mock and the situation it runs in.
 *
 * @param stateName the state to test in a whole-machine {@code definition}, null for a one-state definition
 * @param input JSON text, null for {@code {}}
 * @param variables a JSON object of the variables in the state's scope, as text, or null
 * @param context a JSON object of context object ({@code $$}) fields, as text, or null; only with a mock
 * @param mock answers in place of the state's work, or null
 * @param configuration the situation of the state: its retries so far, failed Map iterations, items read
 * @param inspectionLevel INFO (null means INFO), DEBUG or TRACE
 * @param roleArn required to test a Task without a mock, optional otherwise
 */
public record TestStateRequest(
        String definition,
        String stateName,
        String input,
        String variables,
        String context,
        Mock mock,
        Configuration configuration,
        String inspectionLevel,
        boolean revealSecrets,
        String roleArn) {

    /**
     * A mocked result (JSON text) or error output; {@code fieldValidationMode} STRICT (null), PRESENT or NONE.
     *
     * @param errorOutput null for a mocked result
     */
    public record Mock(String result, ErrorOutput errorOutput, String fieldValidationMode) {}

    /** A mocked failure: both members optional, as on AWS. */
    public record ErrorOutput(String error, String cause) {}

    /**
     * TestState's stateConfiguration; every member may be null.
     *
     * @param mapItemReaderData JSON text
     */
    public record Configuration(
            Integer retrierRetryCount,
            String errorCausedByState,
            Integer mapIterationFailureCount,
            String mapItemReaderData) {
        public static final Configuration NONE = new Configuration(null, null, null, null);
    }

    /** One state run on {@code input}, unmocked, at the INFO level. */
    public static TestStateRequest of(String definition, String input, String roleArn) {
        return new TestStateRequest(
                definition, null, input, null, null, null, Configuration.NONE, null, false, roleArn);
    }
}
