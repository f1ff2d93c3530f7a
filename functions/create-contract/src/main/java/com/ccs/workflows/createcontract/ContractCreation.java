package com.ccs.workflows.createcontract;

/**
 * The contract of an execution and whether this call created it ({@code false} when a retry or a re-driven or
 * duplicate execution found it already recorded), so that only real creations are counted.
 */
public record ContractCreation(Contract contract, boolean created) {}
