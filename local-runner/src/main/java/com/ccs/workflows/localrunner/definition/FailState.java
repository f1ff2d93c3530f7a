package com.ccs.workflows.localrunner.definition;

/**
 * Fail: ends the execution with an error. {@code error}/{@code cause} are constants or (JSONata) expressions,
 * the {@code *Path} variants JSONPath references or intrinsic functions.
 */
public record FailState(StateCommon common, String error, String errorPath, String cause, String causePath)
        implements State {}
