package com.ccs.workflows.validatecustomer;

import java.util.List;
import java.util.Optional;

/**
 * What the field checks found: {@code problems} make the request invalid, {@code warnings} only lower its score.
 * {@code normalisedPlates} are the well-formed plates in request order, each once; {@code companyNit} is the NIT
 * to look up in the company registry, present when {@code company_info.tax_id} is a valid NIT.
 */
public record Findings(List<Reason> problems, List<Reason> warnings, List<String> normalisedPlates,
                       Optional<Nit> companyNit) {

    public Findings {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        normalisedPlates = List.copyOf(normalisedPlates);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
