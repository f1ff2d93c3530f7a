package com.ccs.workflows.activateservice;

import java.time.Instant;
import java.util.Optional;

/** What activation needs to know of a stored contract: whose it is and whether it was activated before. */
public record ContractRecord(String contractId, String customerId, Optional<Instant> activatedAt) {}
