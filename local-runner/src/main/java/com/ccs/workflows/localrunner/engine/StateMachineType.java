package com.ccs.workflows.localrunner.engine;

/** STANDARD keeps a full history; EXPRESS runs the same semantics (its history is not kept by AWS). */
public enum StateMachineType {
    STANDARD,
    EXPRESS
}
