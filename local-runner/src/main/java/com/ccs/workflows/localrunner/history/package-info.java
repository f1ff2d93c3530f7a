/**
 * Execution history events as GetExecutionHistory returns them, with AWS's id and previousEventId chaining. A
 * redriven execution keeps its events and appends ExecutionRedriven and the events of the new attempt.
 */
package com.ccs.workflows.localrunner.history;
