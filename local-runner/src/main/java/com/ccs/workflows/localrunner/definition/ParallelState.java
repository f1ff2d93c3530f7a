package com.ccs.workflows.localrunner.definition;

import java.util.List;

/** Parallel: runs every branch on the same input; the output is the array of branch outputs. */
public record ParallelState(StateCommon common, List<Program> branches, List<Retrier> retry, List<Catcher> catchers)
        implements State {}
