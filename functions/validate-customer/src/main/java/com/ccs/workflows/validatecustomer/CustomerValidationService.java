package com.ccs.workflows.validatecustomer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.ccs.workflows.shared.logging.LogField.entry;

/**
 * Decides whether a contract request may go on: first every field ({@link CustomerValidator}), then, only for a
 * request without problems, the company registry. Asking the registry about a request that is already invalid
 * would spend a slow external call (and its quota) on an answer that cannot change the outcome.
 *
 * <p>A company the registry does not know, or lists as INACTIVE or SUSPENDED, makes the request invalid (data).
 * A registered name that differs from {@code company_info.name} is only a warning: trade names and legal names
 * are often written differently. A registry that cannot answer is an exception for the state machine to retry.
 */
public final class CustomerValidationService {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerValidationService.class);

    private final CustomerValidator validator;
    private final CompanyRegistry registry;

    public CustomerValidationService(CustomerValidator validator, CompanyRegistry registry) {
        this.validator = validator;
        this.registry = registry;
    }

    public ValidationResult validate(CustomerRequest request) {
        Findings findings = validator.check(request);
        ValidationResult result = findings.hasProblems() || findings.companyNit().isEmpty()
                ? ValidationResult.of(findings.problems(), findings.warnings(), findings.normalisedPlates(), RegistryStatus.NOT_CHECKED)
                : withRegistry(findings, findings.companyNit().get(), request);
        LOG.info("Customer validation finished",
                entry("valid", result.valid()),
                entry("score", result.score()),
                entry("registry_status", result.registryStatus().code()),
                entry("document_id", IdMasking.mask(given(request.documentId()))),
                entry("problem_fields", result.reasons().stream().map(Reason::field).toList()),
                entry("warning_fields", result.warnings().stream().map(Reason::field).toList()));
        return result;
    }

    private ValidationResult withRegistry(Findings findings, Nit nit, CustomerRequest request) {
        List<Reason> problems = new ArrayList<>(findings.problems());
        List<Reason> warnings = new ArrayList<>(findings.warnings());
        RegistryLookup lookup = registry.lookup(nit);
        RegistryStatus status = switch (lookup) {
            case RegistryLookup.NotRegistered notRegistered -> {
                problems.add(new Reason("company_info.tax_id", "no company with this NIT in the company registry"));
                yield RegistryStatus.NOT_REGISTERED;
            }
            case RegistryLookup.Registered registered -> {
                if (registered.status() != RegistryStatus.ACTIVE) {
                    problems.add(new Reason("company_info.tax_id", "the company registry lists this company as "
                            + registered.status().name() + "; only ACTIVE companies can sign a contract"));
                } else if (!registered.name().isBlank() && !sameName(registered.name(), companyName(request))) {
                    warnings.add(new Reason("company_info.name", "differs from the name in the company registry"));
                }
                yield registered.status();
            }
        };
        return ValidationResult.of(problems, warnings, findings.normalisedPlates(), status);
    }

    private static String given(Input<String> input) {
        return input instanceof Input.Given<String> value ? value.value() : "";
    }

    private static String companyName(CustomerRequest request) {
        return request.companyInfo() instanceof Input.Given<CustomerRequest.CompanyInfo> company
                && company.value().name() instanceof Input.Given<String> name ? name.value() : "";
    }

    /** Same name up to letter case, accents, spacing and punctuation: "Transportes ABC S.A.S." = "TRANSPORTES ABC SAS". */
    static boolean sameName(String a, String b) {
        return comparable(a).equals(comparable(b));
    }

    private static String comparable(String name) {
        String withoutAccents = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return withoutAccents.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
