package com.ccs.workflows.contract;

import com.ccs.workflows.contract.ContractRequestFields.CompanyInfo;
import com.ccs.workflows.contract.ContractRequestFields.Size;
import com.ccs.workflows.contract.ContractRequestFields.VehicleInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every rule of a contract request, reporting one {@link Reason} per problem, naming the field, so a caller can
 * fix everything in one round. Pure: no I/O, no clock. The registry and plate-ownership checks of
 * validate-customer come after it, on a request without problems.
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
 *   {@code number_of_vehicles} entries (the plates known at signing), each with a plate ({@link Plates}) and a
 *   model, no plate twice after normalisation;</li>
 *   <li>{@code estimated_value} whole COP pesos from {@link #MIN_VALUE_COP} to {@link #MAX_VALUE_COP};
 *   {@code currency}, when given, COP;</li>
 *   <li>{@code contract_type} one of basic, standard, premium, enterprise; {@code payment_method} credit_card or
 *   debit_card. bank_transfer and pse are refused as unsupported: the workflow's payment step charges the
 *   customer's card saved in Stripe;</li>
 *   <li>{@code stripe_customer_id} ({@code cus_...}) and {@code payment_method_id} ({@code pm_...} or
 *   {@code card_...}) optional, in the shapes Stripe gives them: without them the payment step finds the
 *   customer's Stripe Customer by {@code customer_id} and charges its default card;</li>
 *   <li>{@code execution_id}: 1..80 letters, digits, {@code -} or {@code _}; it names the execution, so a
 *   resubmission of the same request starts nothing new. Required of a new request ({@link #checkNewRequest}).</li>
 *   <li>the whole request at most {@link #MAX_REQUEST_BYTES} as compact JSON, so that the workflow can carry it to
 *   its end.</li>
 * </ul>
 */
public final class ContractRules {
    public static final int MAX_VEHICLES = 10_000;
    /**
     * The smallest contract value: well above the least Stripe charges a card (the equivalent of 0.50 USD, some
     * 2,000 COP), so that no exchange-rate move makes a valid contract unchargeable.
     */
    public static final long MIN_VALUE_COP = 10_000;
    /**
     * The largest contract value: a 10,000-vehicle fleet at 200,000 COP a vehicle. The payment step collects it as
     * about 2,000 card charges of at most Stripe's cap (functions/process-payment/README.md), whose ids must still
     * fit a Step Functions state (256 KiB).
     */
    public static final long MAX_VALUE_COP = 2_000_000_000;

    /**
     * The largest request, in bytes as Step Functions counts them (compact JSON, UTF-8). The business workflow's
     * state carries the request to its end beside what the steps add: the payment's charge ids (2,001 of about 30
     * bytes for the largest contract, 60 KB), on the refund path the refund's ids as many again, a failure's cause
     * (up to 32,768 characters) and a few small results. A state over 256 KiB fails the execution, and here that
     * would happen after the charges; 64 KiB leaves the room.
     */
    public static final long MAX_REQUEST_BYTES = 64 * 1024;

    public static final String CURRENCY = "COP";
    public static final List<String> CONTRACT_TYPES = List.of("basic", "standard", "premium", "enterprise");
    /** The payment step charges a saved card through Stripe: these are the methods it can charge. */
    public static final List<String> PAYMENT_METHODS = List.of("credit_card", "debit_card");
    /** Methods a customer may name that have no saved Stripe card, so this workflow cannot collect them. */
    static final List<String> UNSUPPORTED_PAYMENT_METHODS = List.of("bank_transfer", "pse");

    private static final Pattern EXECUTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    /** Also what Stripe metadata and idempotency keys carry: short and plain. */
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    // The shapes process-payment accepts, so a valid request never fails at the payment step on its ids.
    private static final Pattern STRIPE_CUSTOMER = Pattern.compile("cus_[A-Za-z0-9]{1,64}");
    private static final Pattern STRIPE_PAYMENT_METHOD = Pattern.compile("(pm|card)_[A-Za-z0-9_]{1,96}");
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_MODEL_LENGTH = 100;

    private ContractRules() {}

    /**
     * The rules a request must meet to start the business workflow: those of {@link #check}, with
     * {@code execution_id} required. The HTTP API names the execution after it, which is what makes a resubmitted
     * request start nothing new; without it every resubmission would be a new contract, charged again. Only the
     * workflow's first step applies this, so that an execution started before the rule still finishes.
     */
    public static Findings checkNewRequest(ContractRequestFields request) {
        return check(request, true);
    }

    /** The rules every business function applies to the request it receives. */
    public static Findings check(ContractRequestFields request) {
        return check(request, false);
    }

    private static Findings check(ContractRequestFields request, boolean newRequest) {
        Collector out = new Collector();

        Optional<String> executionId = (newRequest
                        ? out.required(
                                request.executionId(),
                                "execution_id",
                                "is required: it names the execution, so that a resubmitted request starts nothing new")
                        : out.optional(request.executionId()))
                .filter(id -> out.problemUnless(
                        EXECUTION_ID.matcher(id).matches(),
                        "execution_id",
                        () -> "must be 1 to 80 letters, digits, '-' or '_'"));
        Optional<String> customerId = out.required(request.customerId(), "customer_id")
                .filter(id -> out.problemUnless(
                        CUSTOMER_ID.matcher(id).matches(),
                        "customer_id",
                        () -> "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit"));

        Optional<DocumentType> documentType = out.required(request.documentType(), "document_type")
                .flatMap(code -> {
                    Optional<DocumentType> type = DocumentType.fromCode(code);
                    out.problemUnless(
                            type.isPresent(),
                            "document_type",
                            () -> "must be one of RUT, NIT, CC, CE, PP, got " + quoted(code));
                    return type;
                });
        Optional<String> documentId = out.required(request.documentId(), "document_id");
        Optional<Nit> documentNit = documentType.isPresent() && documentId.isPresent()
                ? checkDocument(documentType.get(), documentId.get(), out)
                : Optional.empty();

        Optional<CompanyInfo> company = out.required(request.companyInfo(), "company_info");
        Optional<String> companyName = company.flatMap(c -> checkCompanyName(c, out));
        Optional<Nit> companyNit = company.flatMap(c -> checkTaxId(c, documentType, documentNit, out));

        Optional<Long> fleet = out.required(request.numberOfVehicles(), "number_of_vehicles")
                .filter(n -> out.problemUnless(
                        n >= 1 && n <= MAX_VEHICLES,
                        "number_of_vehicles",
                        () -> "must be between 1 and " + MAX_VEHICLES + ", got " + n));
        checkSize(request, out); // before the vehicles' own problems: the first listed when there are thousands
        List<ContractVehicle> vehicles = checkVehicles(request.vehicles(), fleet, out);

        Optional<String> contractType = out.required(request.contractType(), "contract_type")
                .filter(type -> out.problemUnless(
                        CONTRACT_TYPES.contains(type),
                        "contract_type",
                        () -> "must be one of " + String.join(", ", CONTRACT_TYPES) + ", got " + quoted(type)));
        Optional<Long> value = out.required(request.estimatedValue(), "estimated_value")
                .filter(v -> out.problemUnless(
                        v >= MIN_VALUE_COP && v <= MAX_VALUE_COP,
                        "estimated_value",
                        () -> "must be whole COP pesos from " + grouped(MIN_VALUE_COP) + " to " + grouped(MAX_VALUE_COP)
                                + ", got " + grouped(v)));
        String currency = out.optional(request.currency())
                .map(c -> c.toUpperCase(Locale.ROOT))
                .orElse(CURRENCY);
        out.problemUnless(currency.equals(CURRENCY), "currency", () -> "contracts are in COP, got " + quoted(currency));
        Optional<String> paymentMethod = checkPaymentMethod(request, out);
        Optional<String> stripeCustomer = out.optional(request.stripeCustomerId())
                .filter(id -> out.problemUnless(
                        STRIPE_CUSTOMER.matcher(id).matches(),
                        "stripe_customer_id",
                        () -> "must be a Stripe customer id, cus_..."));
        Optional<String> paymentMethodId = out.optional(request.paymentMethodId())
                .filter(id -> out.problemUnless(
                        STRIPE_PAYMENT_METHOD.matcher(id).matches(),
                        "payment_method_id",
                        () -> "must be a Stripe payment method id, pm_... (or card_...)"));

        List<String> plates = vehicles.stream().map(ContractVehicle::plate).toList();
        Optional<ContractRequest> checked = Optional.empty();
        if (out.problems.isEmpty()) {
            checked = Optional.of(new ContractRequest(
                    executionId,
                    customerId.orElseThrow(),
                    documentType.orElseThrow(),
                    documentId.orElseThrow(),
                    companyName.orElseThrow(),
                    companyNit.orElseThrow(),
                    Math.toIntExact(fleet.orElseThrow()),
                    contractType.orElseThrow(),
                    value.orElseThrow(),
                    currency,
                    paymentMethod.orElseThrow(),
                    vehicles,
                    stripeCustomer,
                    paymentMethodId));
        }
        // Every field finding is a problem; the only warning (a registry name mismatch) comes with the registry check.
        return new Findings(out.problems, List.of(), plates, companyNit, checked);
    }

    /** The document's NIT when it is a RUT/NIT; a problem when it is not well formed for its type. */
    private static Optional<Nit> checkDocument(DocumentType type, String id, Collector out) {
        if (type.isNit()) {
            return nit(id, "document_id", out);
        }
        type.problemWith(id).ifPresent(why -> out.problem("document_id", why));
        return Optional.empty();
    }

    /** The NIT {@code text} is, or a problem on {@code field} saying why it is none (parsed once: it is a regex). */
    private static Optional<Nit> nit(String text, String field, Collector out) {
        return switch (Nit.parse(text)) {
            case Nit.Parsed.Valid valid -> Optional.of(valid.nit());
            case Nit.Parsed.Invalid invalid -> {
                out.problem(field, invalid.reason());
                yield Optional.empty();
            }
        };
    }

    private static Optional<String> checkCompanyName(CompanyInfo company, Collector out) {
        return out.required(company.name(), "company_info.name")
                .filter(name -> out.problemUnless(
                        name.length() >= 2
                                && name.length() <= MAX_NAME_LENGTH
                                && name.codePoints().anyMatch(Character::isLetterOrDigit),
                        "company_info.name",
                        () -> "must be 2 to " + MAX_NAME_LENGTH + " characters with at least one letter or digit"));
    }

    private static Optional<Nit> checkTaxId(
            CompanyInfo company, Optional<DocumentType> documentType, Optional<Nit> documentNit, Collector out) {
        Optional<Nit> taxNit = out.required(company.taxId(), "company_info.tax_id")
                .flatMap(taxId -> nit(taxId, "company_info.tax_id", out));
        if (taxNit.isPresent() && documentNit.isPresent() && !taxNit.get().equals(documentNit.get())) {
            out.problem(
                    "company_info.tax_id",
                    "must be the same NIT as document_id when document_type is "
                            + documentType.map(Enum::name).orElse("a NIT"));
            return Optional.empty();
        }
        return taxNit;
    }

    /** The well-formed vehicles, each plate once (the first listing wins), in request order. */
    private static List<ContractVehicle> checkVehicles(
            Input<List<VehicleInput>> input, Optional<Long> fleet, Collector out) {
        List<VehicleInput> listed = out.optional(input).orElse(List.of());
        fleet.filter(n -> listed.size() > n)
                .ifPresent(n -> out.problem(
                        "vehicles",
                        "lists " + listed.size() + " vehicles but number_of_vehicles is " + n
                                + "; list at most number_of_vehicles"));

        Map<String, String> firstSeen = new LinkedHashMap<>();
        List<ContractVehicle> vehicles = new ArrayList<>();
        for (VehicleInput vehicle : listed) {
            String platePath = vehicle.path() + ".plate";
            Optional<String> plate = out.required(vehicle.plate(), platePath).flatMap(raw -> {
                Optional<String> normalised = Plates.normalise(raw);
                if (normalised.isEmpty()) {
                    out.problem(platePath, "must be " + Plates.FORMATS + ", got " + quoted(raw));
                } else if (firstSeen.containsKey(normalised.get())) {
                    out.problem(
                            platePath,
                            "duplicates " + firstSeen.get(normalised.get()) + " (" + normalised.get()
                                    + " after normalisation)");
                    return Optional.empty();
                } else {
                    firstSeen.put(normalised.get(), platePath);
                }
                return normalised;
            });
            Optional<String> model = out.required(vehicle.model(), vehicle.path() + ".model")
                    .filter(m -> out.problemUnless(
                            m.length() <= MAX_MODEL_LENGTH,
                            vehicle.path() + ".model",
                            () -> "must be at most " + MAX_MODEL_LENGTH + " characters"));
            if (plate.isPresent() && model.isPresent()) {
                vehicles.add(new ContractVehicle(plate.get(), model.get()));
            }
        }
        return vehicles;
    }

    /**
     * A request over {@link #MAX_REQUEST_BYTES}: named by its vehicles when the list is most of it (the usual
     * case, with how many vehicles like these fit), else as a whole.
     */
    private static void checkSize(ContractRequestFields request, Collector out) {
        Size size = request.size();
        if (size.requestBytes() <= MAX_REQUEST_BYTES) {
            return;
        }
        String over = "the request is " + grouped(size.requestBytes()) + " bytes of JSON, more than the "
                + grouped(MAX_REQUEST_BYTES) + " the workflow's state can carry beside the payment's records";
        int listed = request.vehicles() instanceof Input.Given<List<VehicleInput>> given
                ? given.value().size()
                : 0;
        long rest = size.requestBytes() - size.vehiclesBytes();
        if (listed == 0 || size.vehiclesBytes() < rest) {
            out.problem("$", over + " (Step Functions holds 256 KiB a state)");
            return;
        }
        long fit = Math.max(0, (MAX_REQUEST_BYTES - rest) * listed / size.vehiclesBytes());
        out.problem(
                "vehicles",
                over + ": list at most about " + grouped(fit) + " vehicles like these; the other seats of"
                        + " number_of_vehicles are filled as their plates are registered");
    }

    private static Optional<String> checkPaymentMethod(ContractRequestFields request, Collector out) {
        return out.required(request.paymentMethod(), "payment_method").filter(method -> {
            if (UNSUPPORTED_PAYMENT_METHODS.contains(method)) {
                out.problem(
                        "payment_method",
                        method + " is not supported: the payment step charges a saved" + " card through Stripe; use "
                                + String.join(" or ", PAYMENT_METHODS));
                return false;
            }
            return out.problemUnless(
                    PAYMENT_METHODS.contains(method),
                    "payment_method",
                    () -> "must be one of " + String.join(", ", PAYMENT_METHODS) + ", got " + quoted(method));
        });
    }

    private static String quoted(String value) {
        return value.length() <= 40 ? "\"" + value + "\"" : "a value of " + value.length() + " characters";
    }

    private static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Accumulates findings while the fields are read, so each check stays one readable statement. */
    private static final class Collector {
        final List<Reason> problems = new ArrayList<>();

        <T> Optional<T> required(Input<T> input, String field) {
            return required(input, field, "is required");
        }

        <T> Optional<T> required(Input<T> input, String field, String whenMissing) {
            return switch (input) {
                case Input.Given<T> given -> Optional.of(given.value());
                case Input.Missing<T> missing -> {
                    problem(field, whenMissing);
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

        /**
         * Records the problem unless {@code ok}; returns {@code ok}, so a check can filter the value it checks. The
         * message is only built for a problem: formatting it for every valid field cost most of a check.
         */
        boolean problemUnless(boolean ok, String field, Supplier<String> message) {
            if (!ok) {
                problem(field, message.get());
            }
            return ok;
        }
    }
}
