package com.ccs.workflows.contract;

import com.ccs.workflows.errors.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A contract request that passed every rule of {@link ContractRules}: the one model that validate-customer,
 * create-contract, the approval functions and activate-service read the request into, so that a rule changed once
 * holds everywhere.
 *
 * @param estimatedValue    the contract's value in whole Colombian pesos
 * @param vehicles          the vehicles known at signing, plates normalised and unique, at most
 *                          {@code numberOfVehicles}
 * @param stripeCustomerId  optional: the payment step finds the customer's Stripe Customer by {@code customerId}
 * @param paymentMethodId   optional: by default the Stripe Customer's default payment method is charged
 */
public record ContractRequest(
        Optional<String> executionId,
        String customerId,
        DocumentType documentType,
        String documentId,
        String companyName,
        Nit companyTaxId,
        int numberOfVehicles,
        String contractType,
        long estimatedValue,
        String currency,
        String paymentMethod,
        List<ContractVehicle> vehicles,
        Optional<String> stripeCustomerId,
        Optional<String> paymentMethodId) {

    /**
     * How much of one exception message lists the problems: enough to fix a request in one round, short enough
     * for a log line and an execution's failure cause (a single problem is at most about 330 characters).
     */
    static final int MAX_LISTED_CHARS = 600;

    public ContractRequest {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(companyTaxId, "companyTaxId");
        Objects.requireNonNull(contractType, "contractType");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(stripeCustomerId, "stripeCustomerId");
        Objects.requireNonNull(paymentMethodId, "paymentMethodId");
        vehicles = List.copyOf(vehicles);
    }

    /**
     * Reads and checks a request a function received. {@code location} is where the request sits in the function's
     * event ({@code "request"}, or {@code ""} when the event is the request): the exception names the first field
     * in error by its full path and lists every problem, so a caller fixes them in one round.
     *
     * @throws InvalidInputException when any rule fails
     */
    public static ContractRequest parse(Object request, String location) {
        Findings findings;
        try {
            findings = ContractRules.check(ContractRequestReader.read(request));
        } catch (InvalidInputException notAnObject) {
            throw new InvalidInputException(
                    location.isEmpty() ? notAnObject.field() : location,
                    notAnObject.getMessage().substring(notAnObject.field().length() + 2));
        }
        if (findings.request().isPresent()) {
            return findings.request().get();
        }
        List<Reason> problems = findings.problems();
        String first = problems.getFirst().message();
        if (problems.size() == 1) {
            throw new InvalidInputException(path(location, problems.getFirst()), first);
        }
        StringBuilder listed = new StringBuilder();
        int shown = 0;
        for (Reason problem : problems) {
            String text = path(location, problem) + ": " + problem.message();
            if (shown > 0 && listed.length() + text.length() > MAX_LISTED_CHARS) {
                break;
            }
            listed.append(shown++ == 0 ? "" : "; ").append(text);
        }
        String more = shown < problems.size() ? "; " + (problems.size() - shown) + " more" : "";
        throw new InvalidInputException(
                path(location, problems.getFirst()),
                first + " (" + problems.size() + " problems: " + listed + more + ")");
    }

    /** The field of {@code problem} in the function's event; {@code $}, the request itself, is its location. */
    private static String path(String location, Reason problem) {
        if (location.isEmpty()) {
            return problem.field();
        }
        return problem.field().equals("$") ? location : location + "." + problem.field();
    }

    /** The plates of {@link #vehicles()}, in request order. */
    public List<String> plates() {
        return vehicles.stream().map(ContractVehicle::plate).toList();
    }
}
