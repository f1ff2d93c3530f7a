package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.contract.Reason;
import java.util.List;

/**
 * The answer for the state machine: {@code valid} is what the "Valid?" choice branches on.
 *
 * <p>Score (0-100), a summary for people and dashboards, derived only from the findings:
 * {@code penalty = 10 x problems + 5 x warnings}; a valid request scores {@code max(50, 100 - penalty)}, an invalid
 * one {@code max(0, 50 - penalty)}. So a clean request scores 100, every warning costs 5, and any score of 50 or
 * more means valid, any score below 50 invalid (one problem gives at most 40).
 */
public record ValidationResult(
        boolean valid,
        int score,
        List<Reason> reasons,
        List<Reason> warnings,
        List<String> normalisedPlates,
        RegistryStatus registryStatus) {
    static final int PROBLEM_PENALTY = 10;
    static final int WARNING_PENALTY = 5;
    /**
     * At most this many reasons (and warnings) are listed, then one saying how many more there are. A request with
     * thousands of bad plates must still fit Step Functions' 256 KiB state payload, and "Validation Failed" puts the
     * reasons, as JSON, into the execution's failure cause, which holds 32,768 characters. A reason is at most about
     * 320 characters ({@link Reason#MAX_MESSAGE_CHARS} and its field), some 550 as JSON if it quotes 40 control
     * characters; 21 of them stay under 12 K. Twenty problems are also as many as a caller fixes in one round.
     */
    static final int MAX_LISTED = 20;

    public ValidationResult {
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
        normalisedPlates = List.copyOf(normalisedPlates);
    }

    public static ValidationResult of(
            List<Reason> problems, List<Reason> warnings, List<String> plates, RegistryStatus registryStatus) {
        return new ValidationResult(
                problems.isEmpty(),
                score(problems.size(), warnings.size()),
                capped(problems, "problems"),
                capped(warnings, "warnings"),
                plates,
                registryStatus);
    }

    static List<Reason> capped(List<Reason> findings, String kind) {
        if (findings.size() <= MAX_LISTED) {
            return findings;
        }
        List<Reason> listed = new java.util.ArrayList<>(findings.subList(0, MAX_LISTED));
        listed.add(new Reason(
                findings.get(MAX_LISTED).field(),
                (findings.size() - MAX_LISTED) + " more " + kind + " not listed, starting with this field"));
        return listed;
    }

    static int score(int problems, int warnings) {
        int penalty = PROBLEM_PENALTY * problems + WARNING_PENALTY * warnings;
        return problems == 0 ? Math.max(50, 100 - penalty) : Math.max(0, 50 - penalty);
    }
}
