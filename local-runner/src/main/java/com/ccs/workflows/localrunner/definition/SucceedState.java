package com.ccs.workflows.localrunner.definition;

/** Succeed: ends the program successfully. */
public record SucceedState(StateCommon common) implements State {}
