package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.validatecustomer.CustomerRequest.CompanyInfo;
import com.ccs.workflows.validatecustomer.CustomerRequest.VehicleInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks every field of a contract request and reports one {@link Reason} per problem, naming the field, so a
 * caller can fix everything in one round. Pure: no I/O, no clock; the registry check comes after it (see
 * {@link CustomerValidationService}).
 *
 * <p>Rules, beyond "required" and "of the right JSON type":
 * <ul>
 *   <li>{@code document_type} one of RUT, NIT, CC, CE, PP; {@code document_id} well formed for it, a RUT/NIT with
 *   a correct DIAN check digit ({@link Nit});</li>
 *   <li>{@code company_info.name} and {@code company_info.tax_id} required; the tax id is a valid NIT and, when
 *   the document is a RUT/NIT, the same NIT as {@code document_id} (the company is the contract holder). With a
 *   CC/CE/PP the document identifies the signing person (owner or legal representative), whose number need not
 *   match the company's NIT;</li>
 *   <li>{@code number_of_vehicles} an integer 1..10000 (the contracted fleet); {@code vehicles} optional, at most
 *   {@code number_of_vehicles} entries (the plates known at signing), each with a Colombian plate and a model,
 *   no plate twice after normalisation;</li>
 *   <li>{@code estimated_value} whole COP pesos, 1..999,999: the payment step charges it to a card through
 *   Stripe, whose amounts have at most eight digits in minor units (COP has two decimals for Stripe);</li>
 *   <li>{@code contract_type} one of basic, standard, premium, enterprise; {@code payment_method} credit_card or
 *   debit_card. bank_transfer and pse are refused as unsupported: they carry no saved Stripe payment method, and
 *   the workflow's only payment step charges one;</li>
 *   <li>{@code stripe_customer_id} ({@code cus_...}) and {@code payment_method_id} ({@code pm_...} or
 *   {@code card_...}) required with a card, in the shapes the payment step accepts;</li>
 *   <li>optional {@code execution_id}: 1..80 letters, digits, {@code -} or {@code _} (it names the execution).</li>
 * </ul>
 */
public final class CustomerValidator {
    static final long MAX_VEHICLES = 10_000;
    /**
     * The largest whole-peso amount Stripe can charge: amounts are at most eight digits in minor units
     * (99,999,999) and Stripe counts COP in centavos, so 999,999.99 COP. Above it Stripe answers amount_too_large.
     */
    static final long MAX_CARD_CHARGE_COP = 999_999;
    static final List<String> CONTRACT_TYPES = List.of("basic", "standard", "premium", "enterprise");
    /** The payment step charges a saved card through Stripe: these are the methods it can charge. */
    static final List<String> PAYMENT_METHODS = List.of("credit_card", "debit_card");
    /** Methods a customer may name that have no saved Stripe payment method, so this workflow cannot collect them. */
    static final List<String> UNSUPPORTED_PAYMENT_METHODS = List.of("bank_transfer", "pse");

    private static final Pattern EXECUTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    // The same shapes process-payment accepts, so a valid request never fails at the payment step on its ids.
    private static final Pattern STRIPE_CUSTOMER = Pattern.compile("cus_[A-Za-z0-9]{1,64}");
    private static final Pattern STRIPE_PAYMENT_METHOD = Pattern.compile("(pm|card)_[A-Za-z0-9_]{1,96}");
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_MODEL_LENGTH = 100;

    public Findings check(CustomerRequest request) {
        Collector out = new Collector();

        out.optional(request.executionId()).ifPresent(id ->
                out.problemUnless(EXECUTION_ID.matcher(id).matches(), "execution_id",
                        "must be 1 to 80 letters, digits, '-' or '_'"));
        out.required(request.customerId(), "customer_id").ifPresent(id ->
                out.problemUnless(CUSTOMER_ID.matcher(id).matches(), "customer_id",
                        "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit"));

        Optional<DocumentType> documentType = out.required(request.documentType(), "document_type").flatMap(code -> {
            Optional<DocumentType> type = DocumentType.fromCode(code);
            out.problemUnless(type.isPresent(), "document_type", "must be one of RUT, NIT, CC, CE, PP, got " + quoted(code));
            return type;
        });
        Optional<String> documentId = out.required(request.documentId(), "document_id");
        Optional<Nit> documentNit = Optional.empty();
        if (documentType.isPresent() && documentId.isPresent()) {
            Optional<String> problem = documentType.get().problemWith(documentId.get());
            problem.ifPresent(why -> out.problem("document_id", why));
            if (problem.isEmpty() && documentType.get().isNit()) {
                documentNit = validNit(documentId.get());
            }
        }

        Optional<Nit> companyNit = checkCompany(request.companyInfo(), documentType, documentNit, out);
        Optional<Long> fleet = out.required(request.numberOfVehicles(), "number_of_vehicles");
        if (fleet.isPresent() && (fleet.get() < 1 || fleet.get() > MAX_VEHICLES)) {
            out.problem("number_of_vehicles", "must be between 1 and " + MAX_VEHICLES + ", got " + fleet.get());
            fleet = Optional.empty();
        }
        List<String> plates = checkVehicles(request.vehicles(), fleet, out);

        out.required(request.contractType(), "contract_type").ifPresent(type ->
                out.problemUnless(CONTRACT_TYPES.contains(type), "contract_type",
                        "must be one of " + String.join(", ", CONTRACT_TYPES) + ", got " + quoted(type)));
        out.required(request.estimatedValue(), "estimated_value").ifPresent(value -> {
            if (value < 1) {
                out.problem("estimated_value", "must be a positive amount of whole COP pesos, got " + value);
            } else if (value > MAX_CARD_CHARGE_COP) {
                out.problem("estimated_value", value + " COP is more than a card charge can take: Stripe charges at most"
                        + " eight digits in centavos, " + MAX_CARD_CHARGE_COP + " COP");
            }
        });
        checkPayment(request, out);

        // Every field finding is a problem; the only warning (a registry name mismatch) comes with the registry check.
        return new Findings(out.problems, List.of(), plates, companyNit);
    }

    private static Optional<Nit> checkCompany(Input<CompanyInfo> input, Optional<DocumentType> documentType,
                                              Optional<Nit> documentNit, Collector out) {
        Optional<CompanyInfo> company = out.required(input, "company_info");
        if (company.isEmpty()) {
            return Optional.empty();
        }
        out.required(company.get().name(), "company_info.name").ifPresent(name ->
                out.problemUnless(name.length() >= 2 && name.length() <= MAX_NAME_LENGTH
                                && name.codePoints().anyMatch(Character::isLetterOrDigit),
                        "company_info.name", "must be 2 to " + MAX_NAME_LENGTH + " characters with at least one letter or digit"));
        Optional<Nit> taxNit = out.required(company.get().taxId(), "company_info.tax_id").flatMap(taxId -> {
            if (Nit.parse(taxId) instanceof Nit.Parsed.Invalid invalid) {
                out.problem("company_info.tax_id", invalid.reason());
                return Optional.empty();
            }
            return validNit(taxId);
        });
        if (taxNit.isPresent() && documentNit.isPresent() && !taxNit.get().equals(documentNit.get())) {
            out.problem("company_info.tax_id", "must be the same NIT as document_id when document_type is "
                    + documentType.map(Enum::name).orElse("a NIT"));
            return Optional.empty();
        }
        return taxNit;
    }

    private static List<String> checkVehicles(Input<List<VehicleInput>> input, Optional<Long> fleet, Collector out) {
        List<VehicleInput> vehicles = out.optional(input).orElse(List.of());
        fleet.filter(n -> vehicles.size() > n).ifPresent(n -> out.problem("vehicles",
                "lists " + vehicles.size() + " vehicles but number_of_vehicles is " + n + "; list at most number_of_vehicles"));

        Map<String, String> firstSeen = new LinkedHashMap<>();
        for (VehicleInput vehicle : vehicles) {
            String platePath = vehicle.path() + ".plate";
            out.required(vehicle.plate(), platePath).ifPresent(raw -> {
                Optional<String> plate = Plates.normalise(raw);
                if (plate.isEmpty()) {
                    out.problem(platePath, "must be a Colombian plate: three letters and three digits, ABC123 or ABC-123, got "
                            + quoted(raw));
                } else if (firstSeen.containsKey(plate.get())) {
                    out.problem(platePath, "duplicates " + firstSeen.get(plate.get()) + " (" + plate.get() + " after normalisation)");
                } else {
                    firstSeen.put(plate.get(), platePath);
                }
            });
            out.required(vehicle.model(), vehicle.path() + ".model").ifPresent(model ->
                    out.problemUnless(model.length() <= MAX_MODEL_LENGTH, vehicle.path() + ".model",
                            "must be at most " + MAX_MODEL_LENGTH + " characters"));
        }
        return List.copyOf(firstSeen.keySet());
    }

    private static void checkPayment(CustomerRequest request, Collector out) {
        Optional<String> method = out.required(request.paymentMethod(), "payment_method");
        method.ifPresent(m -> {
            if (UNSUPPORTED_PAYMENT_METHODS.contains(m)) {
                out.problem("payment_method", m + " is not supported: the payment step charges a saved card through"
                        + " Stripe; use " + String.join(" or ", PAYMENT_METHODS));
            } else {
                out.problemUnless(PAYMENT_METHODS.contains(m), "payment_method",
                        "must be one of " + String.join(", ", PAYMENT_METHODS) + ", got " + quoted(m));
            }
        });
        // A card is charged off-session from the ids saved in Stripe: without them payment cannot even start.
        // With any other method that method is already the problem, so the ids are only checked for shape.
        boolean card = method.filter(PAYMENT_METHODS::contains).isPresent();
        String why = " when paying by " + method.orElse("card") + ": the payment step charges the customer's card saved in Stripe";
        (card ? out.required(request.stripeCustomerId(), "stripe_customer_id", why) : out.optional(request.stripeCustomerId()))
                .ifPresent(id -> out.problemUnless(STRIPE_CUSTOMER.matcher(id).matches(), "stripe_customer_id",
                        "must be a Stripe customer id, cus_..."));
        (card ? out.required(request.paymentMethodId(), "payment_method_id", why) : out.optional(request.paymentMethodId()))
                .ifPresent(id ->
                out.problemUnless(STRIPE_PAYMENT_METHOD.matcher(id).matches(), "payment_method_id",
                        "must be a Stripe payment method id, pm_... (or card_...)"));
    }

    private static Optional<Nit> validNit(String text) {
        return Nit.parse(text) instanceof Nit.Parsed.Valid valid ? Optional.of(valid.nit()) : Optional.empty();
    }

    private static String quoted(String value) {
        return value.length() <= 40 ? "\"" + value + "\"" : "a value of " + value.length() + " characters";
    }

    /** Accumulates findings while the fields are read, so each check stays one readable statement. */
    private static final class Collector {
        final List<Reason> problems = new ArrayList<>();

        <T> Optional<T> required(Input<T> input, String field) {
            return required(input, field, "");
        }

        /** {@code why} completes "is required" for a field that is required only in some requests. */
        <T> Optional<T> required(Input<T> input, String field, String why) {
            return switch (input) {
                case Input.Given<T> given -> Optional.of(given.value());
                case Input.Missing<T> missing -> {
                    problem(field, "is required" + why);
                    yield Optional.empty();
                }
                case Input.Malformed<T> malformed -> {
                    problems.add(malformed.reason());
                    yield Optional.empty();
                }
            };
        }

        <T> Optional<T> optional(Input<T> input) {
            return switch (input) {
                case Input.Given<T> given -> Optional.of(given.value());
                case Input.Missing<T> missing -> Optional.empty();
                case Input.Malformed<T> malformed -> {
                    problems.add(malformed.reason());
                    yield Optional.empty();
                }
            };
        }

        void problem(String field, String message) {
            problems.add(new Reason(field, message));
        }

        void problemUnless(boolean ok, String field, String message) {
            if (!ok) {
                problem(field, message);
            }
        }
    }
}
