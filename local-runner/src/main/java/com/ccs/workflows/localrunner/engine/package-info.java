/**
 * The service facade: {@link com.ccs.workflows.localrunner.engine.Engine} creates state machines, starts,
 * describes, lists and stops executions, returns their history and takes task-token callbacks; the HTTP API and
 * the CLI are layers over it.
 */
package com.ccs.workflows.localrunner.engine;
