/**
 * Execution of a parsed program: {@link com.ccs.workflows.localrunner.states.Interpreter} walks the states and
 * records Entered/Exited events; one handler per state type does the work; {@code DataFlow} applies input/output
 * processing; {@code Recovery} applies Retry/Catch; {@code Fanout} runs Parallel branches and Map iterations
 * concurrently; {@code Waits} routes every wait through the clock.
 */
package com.ccs.workflows.localrunner.states;
