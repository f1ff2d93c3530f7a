/**
 * The Step Functions HTTP API over the engine: {@link com.ccs.workflows.localrunner.api.StepFunctionsApiServer}
 * serves the AWS JSON 1.0 protocol on a port, so that {@code aws stepfunctions ... --endpoint-url}, boto3 and the
 * AWS SDKs work unchanged; {@link com.ccs.workflows.localrunner.api.StepFunctionsApi} is the same without HTTP.
 *
 * <h2>Operations and parameters</h2>
 *
 * <ul>
 *   <li>CreateStateMachine: name, definition, roleArn (IAM role ARN), type (STANDARD | EXPRESS). An identical
 *       create is idempotent; another definition under the same name is StateMachineAlreadyExists.
 *       publish (and versionDescription) publishes version 1 and answers stateMachineVersionArn.
 *       loggingConfiguration, tracingConfiguration, tags and encryptionConfiguration are accepted and not kept.
 *   <li>DescribeStateMachine: stateMachineArn, or a version ARN for that version (its description). Answers
 *       revisionId once updated. Logging is reported OFF and tracing disabled.
 *   <li>ListStateMachines: maxResults (0-1000, 0 = 100), nextToken. Oldest first.
 *   <li>UpdateStateMachine: stateMachineArn, definition, roleArn (at least one of them, or a logging/tracing
 *       configuration, else MissingRequiredParameter), publish, versionDescription. Answers updateDate,
 *       revisionId and, when publishing, stateMachineVersionArn.
 *   <li>DeleteStateMachine: stateMachineArn (deleting an unknown machine succeeds), with its versions and aliases.
 *   <li>PublishStateMachineVersion (stateMachineArn, revisionId, description), ListStateMachineVersions (newest
 *       first), DeleteStateMachineVersion (ConflictException while an alias routes to it);
 *       CreateStateMachineAlias (name, description, routingConfiguration: one or two versions of one machine,
 *       weights summing to 100), DescribeStateMachineAlias, UpdateStateMachineAlias, DeleteStateMachineAlias,
 *       ListStateMachineAliases.
 *   <li>DescribeStateMachineForExecution: executionArn (the version the execution ran, else the machine's current
 *       definition).
 *   <li>StartExecution: stateMachineArn (also a version or alias ARN), name (default a UUID), input (default {@code {}}); traceHeader ignored.
 *       Starting again with the name of a RUNNING execution and the same input returns that execution, any other
 *       reuse of a name is ExecutionAlreadyExists. {@code stateMachineArn#TestCase} runs the execution against
 *       that test case of the engine's mock configuration, as Step Functions Local does.
 *   <li>StartSyncExecution: the same members plus includedData (ALL_DATA | METADATA_ONLY), EXPRESS machines only
 *       (StateMachineTypeNotSupported otherwise); answers the outcome with billingDetails.
 *   <li>DescribeExecution: executionArn, includedData (ALL_DATA | METADATA_ONLY). A STANDARD execution also
 *       reports redriveCount, redriveDate (once redriven), redriveStatus (REDRIVABLE | NOT_REDRIVABLE) and
 *       redriveStatusReason (e.g. "Execution is RUNNING and cannot be redriven"); stateMachineVersionArn and
 *       stateMachineAliasArn when started by a version or alias.
 *   <li>ListExecutions: stateMachineArn (a version or alias ARN lists the executions it started), statusFilter (RUNNING | SUCCEEDED | FAILED | TIMED_OUT | ABORTED |
 *       PENDING_REDRIVE), redriveFilter (REDRIVEN | NOT_REDRIVEN), maxResults (0-1000, 0 = 100), nextToken.
 *       Newest first; STANDARD items carry redriveCount and redriveDate. mapRunArn answers ResourceNotFound (Map
 *       states run inline, without map runs), and so PENDING_REDRIVE lists nothing. EXPRESS executions are
 *       listed, described and have a history here (AWS keeps them in CloudWatch Logs instead).
 *   <li>StopExecution: executionArn, error, cause. Stopping an ended execution changes nothing.
 *   <li>RedriveExecution: executionArn, clientToken (a repeat of one of the last 10 within 15 minutes answers
 *       without redriving again). Answers redriveDate. Runs a FAILED, ABORTED or TIMED_OUT STANDARD execution again
 *       from the state it did not get past (see the engine package); ExecutionNotRedrivable, with the reason
 *       DescribeExecution gives, for a RUNNING or SUCCEEDED one, an EXPRESS one, one that ended 14 days ago or
 *       more by the engine's clock, one redriven 1000 times, or one whose state machine was deleted.
 *   <li>GetExecutionHistory: executionArn, maxResults (0-1000, 0 = 100), nextToken, reverseOrder,
 *       includeExecutionData (false drops input/output and their details from every event).
 *   <li>SendTaskSuccess (taskToken, output), SendTaskFailure (taskToken, error, cause), SendTaskHeartbeat
 *       (taskToken). A token whose task has closed (answered, timed out, execution ended) is TaskTimedOut, a
 *       token never issued InvalidToken.
 *   <li>ValidateStateMachineDefinition: definition, type, severity, maxResults (0-100). Answers result OK | FAIL,
 *       diagnostics (severity, code, message, location) and truncated.
 *   <li>TestState: definition (one state, or a machine with stateName), input, roleArn, variables, context, mock
 *       (result or errorOutput, fieldValidationMode), stateConfiguration, inspectionLevel, revealSecrets, as the
 *       module README describes. Answers status, output, error, cause, nextState, inspectionData.
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * HTTP 400 with {@code {"__type": "<Code>", "message": "..."}} and the header {@code x-amzn-ErrorType: <Code>}:
 * the engine's codes (StateMachineDoesNotExist, ExecutionDoesNotExist, ExecutionAlreadyExists,
 * ExecutionNotRedrivable, StateMachineAlreadyExists, InvalidDefinition, InvalidName, InvalidExecutionInput,
 * InvalidOutput, TaskTimedOut, InvalidToken), InvalidArn for a malformed ARN or one of another resource type,
 * InvalidToken for a nextToken of another listing, ValidationException for a missing or out-of-range member,
 * SerializationException for a body that is not JSON or a member of the wrong JSON type,
 * UnknownOperationException for any other operation or a request without {@code X-Amz-Target}. An unexpected
 * fault is HTTP 500 InternalFailure.
 */
package com.ccs.workflows.localrunner.api;
