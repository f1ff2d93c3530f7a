package com.ccs.workflows.contract;

import static com.ccs.workflows.contract.Requests.ABSENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.ccs.workflows.errors.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContractRulesTest {

    private static Findings check(Map<String, Object> event) {
        return ContractRules.check(ContractRequestReader.read(event));
    }

    @Test
    void theModulesExampleWithItsCheckDigitCorrectedIsAContractRequest() {
        Findings findings = check(Requests.valid());

        assertThat(findings.problems()).isEmpty();
        assertThat(findings.warnings()).isEmpty();
        assertThat(findings.normalisedPlates()).containsExactly("ABC123", "DEF456");
        assertThat(findings.companyNit()).contains(new Nit("900123456", 8));
        ContractRequest request = findings.request().orElseThrow();
        assertThat(request.customerId()).isEqualTo("CUST-98765");
        assertThat(request.documentType()).isEqualTo(DocumentType.RUT);
        assertThat(request.companyName()).isEqualTo("Transportes ABC S.A.S.");
        assertThat(request.numberOfVehicles()).isEqualTo(75);
        assertThat(request.estimatedValue()).isEqualTo(15_000_000L);
        assertThat(request.currency()).isEqualTo("COP");
        assertThat(request.vehicles())
                .containsExactly(new ContractVehicle("ABC123", "Freightliner"), new ContractVehicle("DEF456", "Volvo"));
        assertThat(request.stripeCustomerId()).isEmpty();
        assertThat(request.paymentMethodId()).isEmpty();
    }

    @Test
    void theModulesExampleNitIsRejectedWithItsReason() {
        Map<String, Object> example = Requests.with("document_id", "900123456-7");
        Requests.with(example, "company_info.tax_id", "900123456-7");

        Findings findings = check(example);

        assertThat(findings.problems())
                .extracting(Reason::toString)
                .containsExactly(
                        "document_id: NIT check digit 7 does not match the DIAN check digit 8",
                        "company_info.tax_id: NIT check digit 7 does not match the DIAN check digit 8");
        assertThat(findings.companyNit()).isEmpty();
    }

    /** One edit of a valid request and the single problem it must cause (field, and a fragment of the reason). */
    static Stream<Arguments> oneProblem() {
        return Stream.of(
                arguments("customer_id", ABSENT, "customer_id", "is required"),
                arguments("customer_id", "   ", "customer_id", "is required"),
                arguments("customer_id", 98765, "customer_id", "must be a string"),
                arguments("customer_id", "CUST 98765", "customer_id", "letters, digits"),
                arguments("execution_id", "exec/12345", "execution_id", "1 to 80 letters"),
                arguments("execution_id", "x".repeat(81), "execution_id", "1 to 80 letters"),
                arguments("document_type", ABSENT, "document_type", "is required"),
                arguments("document_type", "DNI", "document_type", "must be one of RUT, NIT, CC, CE, PP, got \"DNI\""),
                arguments("document_type", "rut", "document_type", "must be one of RUT, NIT, CC, CE, PP"),
                arguments("document_id", ABSENT, "document_id", "is required"),
                arguments("document_id", 900123456, "document_id", "must be a string"),
                arguments("document_id", "9001234568", "document_id", "must be a NIT written as digits"),
                arguments(
                        "document_id",
                        "900123456-1",
                        "document_id",
                        "NIT check digit 1 does not match the DIAN check digit 8"),
                arguments("company_info", ABSENT, "company_info", "is required"),
                arguments("company_info", "Transportes ABC", "company_info", "must be an object"),
                arguments("company_info.name", ABSENT, "company_info.name", "is required"),
                arguments("company_info.name", "A", "company_info.name", "2 to 200 characters"),
                arguments("company_info.name", "--", "company_info.name", "at least one letter or digit"),
                arguments("company_info.tax_id", ABSENT, "company_info.tax_id", "is required"),
                arguments(
                        "company_info.tax_id",
                        "900123456-0",
                        "company_info.tax_id",
                        "does not match the DIAN check digit 8"),
                arguments(
                        "company_info.tax_id",
                        "800197268-4",
                        "company_info.tax_id",
                        "must be the same NIT as document_id when document_type is RUT"),
                arguments("number_of_vehicles", ABSENT, "number_of_vehicles", "is required"),
                arguments("number_of_vehicles", "75", "number_of_vehicles", "must be an integer"),
                arguments("number_of_vehicles", 7.5, "number_of_vehicles", "must be an integer"),
                arguments("number_of_vehicles", 0, "number_of_vehicles", "between 1 and 10000, got 0"),
                arguments("number_of_vehicles", -3, "number_of_vehicles", "between 1 and 10000, got -3"),
                arguments("number_of_vehicles", 10_001, "number_of_vehicles", "between 1 and 10000, got 10001"),
                arguments("number_of_vehicles", 1, "vehicles", "lists 2 vehicles but number_of_vehicles is 1"),
                arguments("vehicles", "ABC123", "vehicles", "must be an array"),
                arguments("vehicles", List.of("ABC123"), "vehicles[0]", "must be an object"),
                arguments("vehicles[1].plate", ABSENT, "vehicles[1].plate", "is required"),
                arguments(
                        "vehicles[1].plate",
                        "AB-1234",
                        "vehicles[1].plate",
                        "must be a Colombian plate: ABC123 (car, truck, bus)"),
                arguments("vehicles[1].plate", 123, "vehicles[1].plate", "must be a string"),
                arguments(
                        "vehicles[1].plate",
                        "abc123",
                        "vehicles[1].plate",
                        "duplicates vehicles[0].plate (ABC123 after normalisation)"),
                arguments("vehicles[1].model", ABSENT, "vehicles[1].model", "is required"),
                arguments("vehicles[1].model", "M".repeat(101), "vehicles[1].model", "at most 100 characters"),
                arguments("contract_type", ABSENT, "contract_type", "is required"),
                arguments(
                        "contract_type",
                        "gold",
                        "contract_type",
                        "must be one of basic, standard, premium, enterprise, got \"gold\""),
                arguments("contract_type", "Premium", "contract_type", "must be one of basic"),
                arguments("estimated_value", ABSENT, "estimated_value", "is required"),
                arguments(
                        "estimated_value",
                        0,
                        "estimated_value",
                        "must be whole COP pesos from 10,000 to 2,000,000,000, got 0"),
                arguments(
                        "estimated_value",
                        -15000000,
                        "estimated_value",
                        "from 10,000 to 2,000,000,000, got -15,000,000"),
                arguments("estimated_value", 9_999, "estimated_value", "got 9,999"),
                arguments("estimated_value", 2_000_000_001L, "estimated_value", "got 2,000,000,001"),
                arguments("estimated_value", 1500.5, "estimated_value", "must be an integer"),
                arguments("estimated_value", "15000000", "estimated_value", "must be an integer"),
                arguments("currency", "USD", "currency", "contracts are in COP, got \"USD\""),
                arguments("currency", 170, "currency", "must be a string"),
                arguments("payment_method", ABSENT, "payment_method", "is required"),
                arguments(
                        "payment_method",
                        "cash",
                        "payment_method",
                        "must be one of credit_card, debit_card, got \"cash\""),
                arguments("payment_method", true, "payment_method", "must be a string"),
                arguments(
                        "payment_method",
                        "bank_transfer",
                        "payment_method",
                        "bank_transfer is not supported: the payment step charges a saved card through Stripe; use credit_card or debit_card"),
                arguments("payment_method", "pse", "payment_method", "pse is not supported"),
                arguments("stripe_customer_id", "cust_123", "stripe_customer_id", "cus_..."),
                arguments("stripe_customer_id", "cus_" + "a".repeat(65), "stripe_customer_id", "cus_..."),
                arguments("payment_method_id", "tok_visa", "payment_method_id", "pm_..."),
                arguments("payment_method_id", "4242424242424242", "payment_method_id", "pm_..."));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}: {3}")
    @MethodSource("oneProblem")
    void reportsExactlyOneReasonNamingTheField(String path, Object value, String field, String fragment) {
        Findings findings = check(Requests.with(path, value));

        assertThat(findings.problems()).hasSize(1);
        assertThat(findings.problems().get(0).field()).isEqualTo(field);
        assertThat(findings.problems().get(0).message()).contains(fragment);
    }

    /** Edits that keep the request valid. */
    static Stream<Arguments> stillValid() {
        return Stream.of(
                arguments("execution_id", ABSENT),
                arguments("document_type", "NIT"),
                arguments("document_id", "900.123.456-8"),
                arguments("company_info.tax_id", "900.123.456-8"),
                arguments("vehicles", ABSENT),
                arguments("vehicles", List.of()),
                arguments("vehicles[0].plate", "abc123"),
                arguments("number_of_vehicles", 2),
                arguments("number_of_vehicles", 10_000),
                arguments("number_of_vehicles", 75.0),
                arguments("estimated_value", 10_000),
                arguments("estimated_value", 999_999),
                arguments("estimated_value", 4_800_000),
                arguments("estimated_value", 250_000_000),
                arguments("estimated_value", 2_000_000_000L),
                arguments("estimated_value", 15_000_000.0),
                arguments("currency", "COP"),
                arguments("currency", "cop"),
                arguments("stripe_customer_id", "cus_TransportesABC"),
                arguments("payment_method_id", "pm_card_visa"),
                arguments("vehicles[1].plate", "xyz 12d"),
                arguments("vehicles[1].plate", "S-12345"),
                arguments("contract_type", "basic"),
                arguments("contract_type", "enterprise"),
                arguments("payment_method", "debit_card"),
                arguments("payment_method_id", "card_1MvN8z2eZvKYlo2C"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("stillValid")
    void acceptsVariationsOfAValidRequest(String path, Object value) {
        assertThat(check(Requests.with(path, value)).problems()).isEmpty();
    }

    @Test
    void aNewRequestMustCarryTheExecutionIdItsExecutionIsNamedAfter() {
        Map<String, Object> withoutId = Requests.with("execution_id", ABSENT);

        Findings findings = ContractRules.checkNewRequest(ContractRequestReader.read(withoutId));

        assertThat(findings.problems())
                .containsExactly(new Reason(
                        "execution_id",
                        "is required: it names the execution, so that a resubmitted request starts nothing new"));
        assertThat(ContractRules.checkNewRequest(ContractRequestReader.read(Requests.with("execution_id", "  ")))
                        .problems())
                .extracting(Reason::field)
                .containsExactly("execution_id");
        assertThat(ContractRules.checkNewRequest(ContractRequestReader.read(Requests.valid()))
                        .problems())
                .isEmpty();
        // The later steps still take an execution started before the rule held.
        assertThat(check(withoutId).problems()).isEmpty();
    }

    static Stream<Arguments> personalDocuments() {
        return Stream.of(
                arguments("CC", "52123456", true),
                arguments("CC", "1.020.304.050", true),
                arguments("CC", "123", false),
                arguments("CC", "12345678901", false),
                arguments("CC", "52-123-456", false),
                arguments("CE", "345678", true),
                arguments("CE", "12", false),
                arguments("CE", "E345678", false),
                arguments("PP", "AB1234567", true),
                arguments("PP", "AB12", false),
                arguments("PP", "AB 1234567", false));
    }

    @ParameterizedTest(name = "{0} {1} valid={2}")
    @MethodSource("personalDocuments")
    void checksPersonalDocumentsByTheirOwnFormat(String type, String id, boolean valid) {
        // With a CC, CE or PP the document is the signer's own; the company's NIT stays in company_info.tax_id.
        Map<String, Object> request = Requests.with("document_type", type);
        Requests.with(request, "document_id", id);

        List<Reason> problems = check(request).problems();

        if (valid) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).singleElement().extracting(Reason::field).isEqualTo("document_id");
        }
    }

    @Test
    void aNitDocumentWithoutTheHyphenIsNotGuessedAt() {
        Findings findings = check(Requests.with("document_id", "9001234568"));

        assertThat(findings.problems())
                .extracting(Reason::toString)
                .containsExactly("document_id: must be a NIT written as " + Nit.FORMAT_HINT);
    }

    @Test
    void collectsEveryProblemAtOnce() {
        Map<String, Object> request = Requests.with("customer_id", ABSENT);
        Requests.with(request, "number_of_vehicles", "many");
        Requests.with(request, "contract_type", "gold");
        Requests.with(request, "vehicles[0].plate", "A-1");
        Requests.with(request, "payment_method", ABSENT);

        assertThat(check(request).problems())
                .extracting(Reason::field)
                .containsExactly(
                        "customer_id", "number_of_vehicles", "vehicles[0].plate", "contract_type", "payment_method");
    }

    @Test
    void anUnknownDocumentTypeDoesNotAlsoBlameTheDocumentNumber() {
        assertThat(check(Requests.with("document_type", "DNI")).problems())
                .extracting(Reason::field)
                .containsExactly("document_type");
    }

    @Test
    void listsEachDuplicatePlateOnceAndKeepsTheFirst() {
        Map<String, Object> request =
                Requests.with("vehicles", Requests.plates("GHT-204", "ght204", "KLM-555", "GHT204"));

        Findings findings = check(request);

        assertThat(findings.problems())
                .extracting(Reason::toString)
                .containsExactly(
                        "vehicles[1].plate: duplicates vehicles[0].plate (GHT204 after normalisation)",
                        "vehicles[3].plate: duplicates vehicles[0].plate (GHT204 after normalisation)");
        assertThat(findings.normalisedPlates()).containsExactly("GHT204", "KLM555");
    }

    @Test
    void aCardPaymentNeedsNoStripeIdsButChecksTheShapeOfThoseGiven() {
        assertThat(check(Requests.valid()).problems()).isEmpty();

        Map<String, Object> request = Requests.with("stripe_customer_id", "cus_TransportesABC");
        Requests.with(request, "payment_method_id", "pm_card_visa");
        ContractRequest checked = check(request).request().orElseThrow();
        assertThat(checked.stripeCustomerId()).contains("cus_TransportesABC");
        assertThat(checked.paymentMethodId()).contains("pm_card_visa");
    }

    @Test
    void parseNamesTheFirstFieldByItsPathInTheEventAndListsEveryProblem() {
        Map<String, Object> request = Requests.with("estimated_value", 0);
        Requests.with(request, "vehicles[1].plate", "A-1");

        assertThatThrownBy(() -> ContractRequest.parse(request, "request"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("request.vehicles[1].plate");
                    assertThat(e.getMessage())
                            .contains("2 problems: request.vehicles[1].plate: must be a Colombian plate")
                            .contains("request.estimated_value: must be whole COP pesos");
                });
        assertThatThrownBy(() -> ContractRequest.parse("not an object", "request"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("request: the event must be a JSON object, got a string \"not an object\""));
        assertThat(ContractRequest.parse(Requests.valid(), "").plates()).containsExactly("ABC123", "DEF456");
    }

    @Test
    void bankTransferAndPseAreRefusedOnceWithoutAlsoBlamingTheMissingStripeIds() {
        for (String method : List.of("bank_transfer", "pse")) {
            Map<String, Object> request = Requests.with("payment_method", method);
            Requests.with(request, "stripe_customer_id", ABSENT);
            Requests.with(request, "payment_method_id", ABSENT);

            assertThat(check(request).problems())
                    .extracting(Reason::toString)
                    .singleElement()
                    .asString()
                    .startsWith("payment_method: " + method + " is not supported");
        }
    }

    @Test
    void theRegistryIsAskedAboutTheCompanysNitEvenWhenTheSignerShowsACedula() {
        Map<String, Object> request = Requests.with("document_type", "CC");
        Requests.with(request, "document_id", "52123456");
        Requests.with(request, "company_info.tax_id", "800197268-4");

        assertThat(check(request).companyNit()).contains(new Nit("800197268", 4));
    }

    /** The example for the largest fleet, its vehicles grown (distinct plates) until it is exactly {@code bytes}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> requestOfSize(long bytes) {
        Map<String, Object> request = Requests.with("number_of_vehicles", ContractRules.MAX_VEHICLES);
        List<Object> vehicles = (List<Object>) request.get("vehicles");
        vehicles.clear();
        while (JsonBytes.of(request) + 60 < bytes) {
            int n = vehicles.size();
            String plate =
                    "" + (char) ('A' + n / 26_000 % 26) + (char) ('A' + n / 1_000 % 26) + "X" + (n % 1_000 + 1_000);
            vehicles.add(new LinkedHashMap<>(
                    Map.of("plate", plate.substring(0, 3) + "-" + plate.substring(4), "model", "Volvo FH")));
        }
        Map<String, Object> last = (Map<String, Object>) vehicles.getLast();
        last.put("model", last.get("model") + "x".repeat((int) (bytes - JsonBytes.of(request))));
        assertThat(JsonBytes.of(request)).isEqualTo(bytes);
        return request;
    }

    @Test
    void aRequestThatFillsTheWorkflowsRoomForItIsAccepted() {
        Findings findings = check(requestOfSize(ContractRules.MAX_REQUEST_BYTES));

        assertThat(findings.problems()).isEmpty();
        assertThat(findings.normalisedPlates()).hasSizeGreaterThan(1_000);
    }

    @Test
    void oneByteMoreIsRefusedNamingTheVehiclesAndHowManyOfThemFit() {
        Map<String, Object> request = requestOfSize(ContractRules.MAX_REQUEST_BYTES + 1);

        Reason reason = check(request).problems().getFirst();

        assertThat(check(request).problems()).hasSize(1);
        assertThat(reason.field()).isEqualTo("vehicles");
        assertThat(reason.message())
                .startsWith("the request is 65,537 bytes of JSON, more than the 65,536 the workflow's state can carry")
                .contains("the other seats of number_of_vehicles are filled as their plates are registered");
        Matcher fit = Pattern.compile("list at most about ([0-9,]+) vehicles").matcher(reason.message());
        assertThat(fit.find()).isTrue();
        int fitting = Integer.parseInt(fit.group(1).replace(",", ""));
        @SuppressWarnings("unchecked")
        List<Object> vehicles = (List<Object>) request.get("vehicles");
        assertThat(fitting).isLessThan(vehicles.size());
        vehicles.subList(fitting, vehicles.size()).clear();
        assertThat(check(request).problems())
                .as("as many vehicles as the message says fit")
                .isEmpty();
    }

    @Test
    void aRequestMadeLargeByAnythingElseIsRefusedAsAWhole() {
        Map<String, Object> request = Requests.with("notes", "n".repeat(70_000));

        assertThat(check(request).problems())
                .extracting(Reason::toString)
                .singleElement()
                .asString()
                .startsWith("$: the request is 70,")
                .endsWith("(Step Functions holds 256 KiB a state)");
        assertThatThrownBy(() -> ContractRequest.parse(request, "request"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("request: the request is 70,");
    }
}
