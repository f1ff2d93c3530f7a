/** Execution history events as GetExecutionHistory returns them, with AWS's id and previousEventId chaining. */
package com.ccs.workflows.localrunner.history;
