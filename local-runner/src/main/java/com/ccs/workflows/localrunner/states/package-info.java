/**
 * Execution of a parsed program: {@link com.ccs.workflows.localrunner.states.Interpreter} walks the states and
 * records Entered/Exited events; one handler per state type does the work; {@code DataFlow} applies input/output
 * processing; {@code Recovery} applies Retry/Catch; {@code Fanout} runs Parallel branches and Map iterations
 * concurrently; {@code Waits} routes every wait through the clock. Each line of execution keeps a
 * {@link com.ccs.workflows.localrunner.states.Checkpoint} (the state it is at, that state's input, its variables,
 * and the lines of a Parallel or Map state in progress), from which
 * {@link com.ccs.workflows.localrunner.states.Interpreter#resume} runs it again after a redrive: only the
 * branches and iterations that did not succeed run again, each from the state it stood at.
 */
package com.ccs.workflows.localrunner.states;
