package com.ccs.workflows.validatecustomer;

import static com.ccs.workflows.shared.logging.LogField.entry;

import com.ccs.workflows.contract.ContractRequest;
import com.ccs.workflows.contract.ContractRequestFields;
import com.ccs.workflows.contract.ContractRules;
import com.ccs.workflows.contract.Findings;
import com.ccs.workflows.contract.IdMasking;
import com.ccs.workflows.contract.Input;
import com.ccs.workflows.contract.Reason;
import com.ccs.workflows.validatecustomer.PlateOwners.ActivePlate;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a contract request may go on: first every field ({@link ContractRules}), then, only for a
 * request without problems, the company registry and the owners of its plates. Asking either about a request that
 * is already invalid would spend slow calls on an answer that cannot change the outcome.
 *
 * <p>A company the registry does not know, or lists as INACTIVE or SUSPENDED, makes the request invalid (data).
 * A registered name that differs from {@code company_info.name} is only a warning: trade names and legal names
 * are often written differently. A plate active under another customer's contract makes the request invalid: a
 * plate belongs to one customer at a time (the same customer's own plates may move to the new contract). A
 * registry or table that cannot answer is an exception for the state machine to retry.
 */
public final class CustomerValidationService {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerValidationService.class);

    private final CompanyRegistry registry;
    private final PlateOwners plateOwners;

    public CustomerValidationService(CompanyRegistry registry, PlateOwners plateOwners) {
        this.registry = registry;
        this.plateOwners = plateOwners;
    }

    public ValidationResult validate(ContractRequestFields request) {
        Findings findings = ContractRules.checkNewRequest(request);
        ValidationResult result = findings.request().isEmpty()
                ? ValidationResult.of(
                        findings.problems(),
                        findings.warnings(),
                        findings.normalisedPlates(),
                        RegistryStatus.NOT_CHECKED)
                : withRegistryAndPlates(findings, findings.request().get());
        LOG.info(
                "Customer validation finished",
                entry("valid", result.valid()),
                entry("score", result.score()),
                entry("registry_status", result.registryStatus().code()),
                entry("document_id", IdMasking.mask(given(request.documentId()))),
                entry(
                        "problem_fields",
                        result.reasons().stream().map(Reason::field).toList()),
                entry(
                        "warning_fields",
                        result.warnings().stream().map(Reason::field).toList()));
        return result;
    }

    private ValidationResult withRegistryAndPlates(Findings findings, ContractRequest request) {
        List<Reason> problems = new ArrayList<>(findings.problems());
        List<Reason> warnings = new ArrayList<>(findings.warnings());
        RegistryLookup lookup = registry.lookup(request.companyTaxId());
        RegistryStatus status = switch (lookup) {
            case RegistryLookup.NotRegistered notRegistered -> {
                problems.add(new Reason("company_info.tax_id", "no company with this NIT in the company registry"));
                yield RegistryStatus.NOT_REGISTERED;
            }
            case RegistryLookup.Registered registered -> {
                if (registered.status() != RegistryStatus.ACTIVE) {
                    problems.add(new Reason(
                            "company_info.tax_id",
                            "the company registry lists this company as "
                                    + registered.status().name() + "; only ACTIVE companies can sign a contract"));
                } else if (!registered.name().isBlank() && !sameName(registered.name(), request.companyName())) {
                    warnings.add(new Reason("company_info.name", "differs from the name in the company registry"));
                }
                yield registered.status();
            }
        };
        problems.addAll(platesHeldByOthers(request));
        return ValidationResult.of(problems, warnings, findings.normalisedPlates(), status);
    }

    /** One problem per listed plate that is active under another customer's contract, in request order. */
    private List<Reason> platesHeldByOthers(ContractRequest request) {
        if (request.vehicles().isEmpty()) {
            return List.of();
        }
        Map<String, ActivePlate> active = plateOwners.activeHolders(request.plates());
        List<Reason> problems = new ArrayList<>();
        for (int i = 0; i < request.vehicles().size(); i++) {
            ActivePlate holder = active.get(request.vehicles().get(i).plate());
            if (holder != null && !request.customerId().equals(holder.customerId())) {
                // Neither the other customer nor their contract is named: they are another customer's data.
                problems.add(new Reason(
                        "vehicles[" + i + "].plate",
                        holder.plate() + " is active under another"
                                + " customer's contract; a plate belongs to one customer at a time"));
            }
        }
        return problems;
    }

    private static String given(Input<String> input) {
        return input instanceof Input.Given<String> value ? value.value() : "";
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
