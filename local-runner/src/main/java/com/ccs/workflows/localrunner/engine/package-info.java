/**
 * The service facade: {@link com.ccs.workflows.localrunner.engine.Engine} creates state machines, starts,
 * describes, lists, stops and redrives executions, returns their history and takes task-token callbacks; the HTTP
 * API and the CLI are layers over it.
 *
 * <p>A redrive ({@link com.ccs.workflows.localrunner.engine.Engine#redriveExecution}) is a new attempt of the
 * same execution: same ARN, input, start date and definition (the one it started with, even if the machine was
 * updated since), its history kept and followed by ExecutionRedriven and the attempt's events. It resumes where
 * the last attempt stood, as the interpreter's checkpoints recorded it: the top-level state that was running
 * when the execution was stopped or timed out, or that failed (a Task's uncaught error, a Fail state, also one a
 * Catch led to), entered again with the input it had, fresh retry counters, new task tokens, and the workflow
 * variables assigned before it. A Parallel or Map state runs again only its branches or iterations that did not
 * succeed (each from the state it stood at, nested ones alike); the others keep their output and leave no new
 * events. The machine's TimeoutSeconds counts again from the redrive; the one-year limit from the first start.
 * {@code $$.Execution.RedriveCount} and {@code RedriveTime} tell the states about it, and mock responses go on
 * counting a state's calls across attempts.
 */
package com.ccs.workflows.localrunner.engine;
