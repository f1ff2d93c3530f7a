package com.ccs.workflows.localrunner.definition;

/** One parsed ASL state; a record per state type, all immutable. */
public sealed interface State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    StateCommon common();

    default String name() {
        return common().name();
    }

    default String type() {
        return common().type();
    }
}
