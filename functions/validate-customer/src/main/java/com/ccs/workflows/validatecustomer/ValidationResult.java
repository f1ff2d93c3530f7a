package com.ccs.workflows.validatecustomer;

import java.util.List;

/**
 * The answer for the state machine: {@code valid} is what the "Valid?" choice branches on.
 *
 * <p>Score (0-100), a summary for people and dashboards, derived only from the findings:
 * {@code penalty = 10 x problems + 5 x warnings}; a valid request scores {@code max(50, 100 - penalty)}, an invalid
 * one {@code max(0, 50 - penalty)}. So a clean request scores 100, every warning costs 5, and any score of 50 or
 * more means valid, any score below 50 invalid (one problem gives at most 40).
 */
public record ValidationResult(boolean valid, int score, List<Reason> reasons, List<Reason> warnings,
                               List<String> normalisedPlates, RegistryStatus registryStatus) {
    static final int PROBLEM_PENALTY = 10;
    static final int WARNING_PENALTY = 5;

    public ValidationResult {
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
        normalisedPlates = List.copyOf(normalisedPlates);
    }

    public static ValidationResult of(List<Reason> problems, List<Reason> warnings, List<String> plates,
                                      RegistryStatus registryStatus) {
        return new ValidationResult(problems.isEmpty(), score(problems.size(), warnings.size()), problems, warnings,
                plates, registryStatus);
    }

    static int score(int problems, int warnings) {
        int penalty = PROBLEM_PENALTY * problems + WARNING_PENALTY * warnings;
        return problems == 0 ? Math.max(50, 100 - penalty) : Math.max(0, 50 - penalty);
    }
}
