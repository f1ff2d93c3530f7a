package com.ccs.workflows.activateservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Call;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What DynamoDB answers that an emulator cannot be made to answer on cue: transactions cancelled for each reason,
 * a contract that vanished, throttling. Over a real DynamoDB client whose HTTP client answers in memory.
 */
class DynamoDbFleetStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-03T08:00:00Z");
    private static final String NO_ITEMS = "{\"Responses\":{\"ccs-test-vehicles\":[]},\"UnprocessedKeys\":{}}";

    private final List<Call> calls = new ArrayList<>();

    private DynamoDbFleetStore store(Function<Call, Answer> answers) {
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(call -> {
            calls.add(call);
            return answers.apply(call);
        });
        return new DynamoDbFleetStore(http.client(DynamoDbClient.builder()), "ccs-test-contracts", "ccs-test-vehicles");
    }

    private static List<ActiveVehicle> vehicles(int count) {
        return ServiceActivatorScenarios.fleet(count).stream()
                .map(v -> new ActiveVehicle(v.plate(), "CONT-2026-000001", "CUST-1", v.model(), NOW))
                .toList();
    }

    private static Answer cancelled(String... codes) {
        StringBuilder reasons = new StringBuilder();
        for (String code : codes) {
            reasons.append(reasons.isEmpty() ? "" : ",")
                    .append("{\"Code\":\"")
                    .append(code)
                    .append("\"}");
        }
        return new Answer(
                400,
                "application/x-amz-json-1.0",
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                        + "TransactionCanceledException\",\"Message\":\"Transaction cancelled\",\"CancellationReasons\":["
                        + reasons + "]}");
    }

    private long transactions() {
        return calls.stream()
                .filter(c -> c.operation().equals("TransactWriteItems"))
                .count();
    }

    @Test
    void writesInTransactionsOfAHundredConditionalPuts() {
        store(call -> call.operation().equals("BatchGetItem") ? Answer.json(NO_ITEMS) : Answer.json("{}"))
                .registerVehicles("CUST-1", vehicles(230), true);

        List<Call> writes = calls.stream()
                .filter(c -> c.operation().equals("TransactWriteItems"))
                .toList();
        assertThat(writes).hasSize(3);
        assertThat(writes.get(0).body().split("\"Put\"")).hasSize(101);
        assertThat(writes.get(2).body().split("\"Put\"")).hasSize(31);
        assertThat(writes.get(0).body())
                .contains("attribute_not_exists(plate) OR customer_id = :customer OR #status <> :active");
    }

    @Test
    void aFailedConditionNamesThePlateAndUndoesTheEarlierTransactions() {
        // The second transaction fails on its third put (vehicle 102); the first one's hundred plates are deleted
        // again.
        List<String> second = new ArrayList<>(List.of("None", "None", "ConditionalCheckFailed"));
        while (second.size() < 100) {
            second.add("None");
        }
        String oursAfterFirst = "{\"Responses\":{\"ccs-test-vehicles\":[{\"plate\":{\"S\":\"TRK000\"},"
                + "\"contract_id\":{\"S\":\"CONT-2026-000001\"},\"customer_id\":{\"S\":\"CUST-1\"},\"status\":{\"S\":\"active\"}}]},"
                + "\"UnprocessedKeys\":{}}";
        DynamoDbFleetStore store = store(call -> switch (call.operation()) {
            case "BatchGetItem" -> Answer.json(transactions() == 0 ? NO_ITEMS : oursAfterFirst);
            case "TransactWriteItems" ->
                transactions() == 1 ? Answer.json("{}") : cancelled(second.toArray(String[]::new));
            case "DeleteItem" -> Answer.json("{}");
            default -> throw new AssertionError(call.operation());
        });

        assertThatThrownBy(() -> store.registerVehicles("CUST-1", vehicles(200), true))
                .isInstanceOfSatisfying(
                        PlateOwnedByAnotherCustomerException.class,
                        e -> assertThat(e.plates()).containsExactly("TRK102"));
        assertThat(calls)
                .filteredOn(c -> c.operation().equals("DeleteItem"))
                .singleElement()
                .satisfies(c -> assertThat(c.body()).contains("TRK000").contains("contract_id = :contract"));
    }

    @Test
    void aConflictWithAConcurrentTransactionIsRetriedByTheStateMachine() {
        DynamoDbFleetStore store = store(call -> call.operation().equals("BatchGetItem")
                ? Answer.json(NO_ITEMS)
                : cancelled("TransactionConflict", "None"));

        assertThatThrownBy(() -> store.registerVehicles("CUST-1", vehicles(2), false))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("TransactionConflict");
        assertThat(calls)
                .noneMatch(
                        c -> c.operation().equals("DeleteItem") || c.operation().equals("PutItem"));
    }

    @Test
    void aPlateHeldByAnotherCustomerIsRefusedBeforeAnyWrite() {
        String held =
                "{\"Responses\":{\"ccs-test-vehicles\":[{\"plate\":{\"S\":\"TRK001\"},\"contract_id\":{\"S\":\"CONT-2026-000009\"},"
                        + "\"customer_id\":{\"S\":\"CUST-9\"},\"status\":{\"S\":\"active\"}}]},\"UnprocessedKeys\":{}}";

        assertThatThrownBy(() -> store(call -> Answer.json(held)).registerVehicles("CUST-1", vehicles(3), true))
                .isInstanceOfSatisfying(
                        PlateOwnedByAnotherCustomerException.class,
                        e -> assertThat(e.plates()).containsExactly("TRK001"));
        assertThat(transactions()).isZero();
    }

    @Test
    void failedExistenceConditionIsContractNotFound() {
        DynamoDbFleetStore store = store(call -> Answer.error(
                400,
                "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                "The conditional request failed"));

        assertThatThrownBy(() -> store.markActive("CONT-2026-000404", NOW, 2))
                .isInstanceOfSatisfying(
                        ContractNotFoundException.class,
                        e -> assertThat(e.contractId()).isEqualTo("CONT-2026-000404"));
    }

    @Test
    void aServerErrorOnTheUpdateIsDependencyUnavailable() {
        DynamoDbFleetStore store = store(
                call -> Answer.error(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "internal error"));

        assertThatThrownBy(() -> store.markActive("CONT-2026-000001", NOW, 2))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("UpdateItem");
    }
}
