package com.ccs.workflows.contract;

import java.util.List;
import java.util.Optional;

/**
 * What the rules found: {@code problems} make the request invalid, {@code warnings} only lower its score.
 * {@code normalisedPlates} are the well-formed plates in request order, each once; {@code companyNit} is the NIT
 * to look up in the company registry, present when {@code company_info.tax_id} is a valid NIT; {@code request} is
 * the checked request, present exactly when there is no problem.
 */
public record Findings(
        List<Reason> problems,
        List<Reason> warnings,
        List<String> normalisedPlates,
        Optional<Nit> companyNit,
        Optional<ContractRequest> request) {

    public Findings {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        normalisedPlates = List.copyOf(normalisedPlates);
        if (problems.isEmpty() != request.isPresent()) {
            throw new IllegalArgumentException("a checked request exists exactly when there is no problem");
        }
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
