package com.ccs.workflows.createcontract;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.aws.SdkFaults;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The contracts table (partition key {@code contract_id}) holds three kinds of items: contracts
 * ({@code CONT-<year>-<seq>}), one idempotency marker per execution ({@code REQUEST#<execution_id>}, attribute
 * {@code target_contract_id}) and one counter per year ({@code COUNTER#<year>}, attribute {@code seq}).
 * The marker and the contract are written in one transaction, each conditional on not existing yet, so a
 * marker never points at a missing contract and a contract is never overwritten.
 */
public final class DynamoDbContractStore implements ContractStore {
    static final String KEY = "contract_id";
    static final String TARGET = "target_contract_id";
    private static final String CONDITION_NEW = "attribute_not_exists(contract_id)";
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final Set<String> THROTTLED =
            Set.of("ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbContractStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    static String markerKey(String executionId) {
        return "REQUEST#" + executionId;
    }

    static String counterKey(int year) {
        return "COUNTER#" + year;
    }

    @Override
    public Optional<Contract> findByExecution(String executionId) {
        Map<String, AttributeValue> marker = get(markerKey(executionId));
        if (marker == null) {
            return Optional.empty();
        }
        String contractId = marker.get(TARGET).s();
        Map<String, AttributeValue> item = get(contractId);
        if (item == null) {
            // Cannot happen through this class (both are written in one transaction): someone edited the table.
            throw new IllegalStateException("the marker of execution " + executionId + " points at " + contractId
                    + ", which is not in table " + table);
        }
        return Optional.of(ContractItem.toContract(item));
    }

    @Override
    public long nextSequence(int year) {
        var response = call(
                "UpdateItem",
                () -> dynamo.updateItem(b -> b.tableName(table)
                        .key(Map.of(KEY, s(counterKey(year))))
                        .updateExpression("ADD seq :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                        .returnValues(ReturnValue.UPDATED_NEW)));
        return Long.parseLong(response.attributes().get("seq").n());
    }

    @Override
    public InsertOutcome insert(Contract contract) {
        Map<String, AttributeValue> marker = new HashMap<>();
        marker.put(KEY, s(markerKey(contract.request().executionId())));
        marker.put(TARGET, s(contract.contractId()));
        marker.put("execution_id", s(contract.request().executionId()));
        marker.put("created_at", s(contract.createdAt().toString()));
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(conditionalPut(marker)).build(),
                TransactWriteItem.builder()
                        .put(conditionalPut(ContractItem.toItem(contract)))
                        .build());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return InsertOutcome.INSERTED;
        } catch (TransactionCanceledException e) {
            return outcomeOf(e);
        } catch (SdkException e) {
            throw SdkFaults.translate("DynamoDB TransactWriteItems", e);
        }
    }

    /** Reasons come back in the order of the writes: [0] the marker, [1] the contract. */
    private static InsertOutcome outcomeOf(TransactionCanceledException e) {
        List<String> codes = e.hasCancellationReasons()
                ? e.cancellationReasons().stream()
                        .map(CancellationReason::code)
                        .map(c -> c == null ? "None" : c)
                        .toList()
                : List.of();
        if (codes.size() == 2 && CONDITION_FAILED.equals(codes.get(0))) {
            return InsertOutcome.EXECUTION_ALREADY_RECORDED;
        }
        if (codes.size() == 2 && CONDITION_FAILED.equals(codes.get(1))) {
            return InsertOutcome.CONTRACT_ID_TAKEN;
        }
        if (codes.stream().anyMatch(THROTTLED::contains)) {
            throw new DependencyUnavailableException("DynamoDB", "TransactWriteItems throttled: " + codes, e);
        }
        if (codes.isEmpty() || codes.contains("TransactionConflict")) {
            // Without reasons the caller cannot tell more than "not written": it re-reads the marker and decides.
            return InsertOutcome.CONFLICT;
        }
        throw e;
    }

    private Put conditionalPut(Map<String, AttributeValue> item) {
        return Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression(CONDITION_NEW)
                .build();
    }

    private Map<String, AttributeValue> get(String key) {
        var response = call(
                "GetItem",
                () -> dynamo.getItem(
                        b -> b.tableName(table).key(Map.of(KEY, s(key))).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw SdkFaults.translate("DynamoDB " + operation, e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** Contract <-> item, attribute names as in the data model; absent optional values are left out, not null. */
    static final class ContractItem {
        private ContractItem() {}

        static Map<String, AttributeValue> toItem(Contract contract) {
            ContractTerms r = contract.request();
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(KEY, s(contract.contractId()));
            item.put("execution_id", s(r.executionId()));
            item.put("customer_id", s(r.customerId()));
            item.put("company_name", s(r.companyName()));
            item.put("document_type", s(r.documentType()));
            item.put("document_id", s(r.documentId()));
            item.put("contract_type", s(r.contractType()));
            item.put("number_of_vehicles", AttributeValue.fromN(Integer.toString(r.numberOfVehicles())));
            item.put("estimated_value", AttributeValue.fromN(Long.toString(r.estimatedValue())));
            item.put("currency", s(r.currency()));
            item.put("payment_method", s(r.paymentMethod()));
            item.put("approval_type", s(r.approval().type()));
            if (r.approval() instanceof ContractApproval.Manual manual) {
                item.put("approver", s(manual.approver()));
                item.put("approved_at", s(manual.decidedAt().toString()));
                if (manual.comment() != null) {
                    item.put("approval_comment", s(manual.comment()));
                }
            }
            item.put("status", s(contract.status()));
            item.put("created_at", s(contract.createdAt().toString()));
            return item;
        }

        static Contract toContract(Map<String, AttributeValue> item) {
            ContractApproval approval = "manual".equals(text(item, "approval_type"))
                    ? new ContractApproval.Manual(
                            text(item, "approver"),
                            Instant.parse(text(item, "approved_at")),
                            text(item, "approval_comment"))
                    : new ContractApproval.Automatic();
            ContractTerms request = new ContractTerms(
                    text(item, "execution_id"),
                    text(item, "customer_id"),
                    text(item, "company_name"),
                    text(item, "document_type"),
                    text(item, "document_id"),
                    text(item, "contract_type"),
                    Integer.parseInt(item.get("number_of_vehicles").n()),
                    Long.parseLong(item.get("estimated_value").n()),
                    text(item, "currency"),
                    text(item, "payment_method"),
                    approval);
            return new Contract(
                    text(item, KEY), request, text(item, "status"), Instant.parse(text(item, "created_at")));
        }

        private static String text(Map<String, AttributeValue> item, String name) {
            AttributeValue value = item.get(name);
            return value == null ? null : value.s();
        }
    }
}
