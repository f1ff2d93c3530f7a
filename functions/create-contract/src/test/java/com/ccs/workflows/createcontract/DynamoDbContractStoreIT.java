package com.ccs.workflows.createcontract;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.createcontract.ContractStore.InsertOutcome;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.testing.Emulators;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shared {@link ContractServiceScenarios} against {@link DynamoDbContractStore} on DynamoDB in the AWS emulator
 * (MiniStack), one fresh table per test, plus the item layout the rest of the system reads.
 */
class DynamoDbContractStoreIT extends ContractServiceScenarios {
    private final DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), Emulators.awsEnvironment());
    private final List<String> tables = new ArrayList<>();
    private String table;

    @Override
    ContractStore newStore() {
        table = ContractsTable.create(dynamo);
        tables.add(table);
        return new DynamoDbContractStore(dynamo, table);
    }

    @Override
    int storedContracts() {
        return ContractsTable.count(dynamo, table, "CONT-");
    }

    @AfterEach
    void dropTables() {
        tables.forEach(name -> ContractsTable.delete(dynamo, name));
        dynamo.close();
    }

    @Test
    void itemsFollowTheDataModel() {
        Instant decidedAt = Instant.parse("2026-03-01T09:00:00Z");
        service.create(Requests.manual("exec-layout", "maria.gomez@ccs.example.com", decidedAt, "ok"));

        Map<String, AttributeValue> contract = item("CONT-2026-000001");
        assertThat(contract.get("execution_id").s()).isEqualTo("exec-layout");
        assertThat(contract.get("customer_id").s()).isEqualTo("CUST-98765");
        assertThat(contract.get("company_name").s()).isEqualTo("Transportes ABC S.A.S.");
        assertThat(contract.get("number_of_vehicles").n()).isEqualTo("75");
        assertThat(contract.get("estimated_value").n()).isEqualTo("15000000");
        assertThat(contract.get("currency").s()).isEqualTo("COP");
        assertThat(contract.get("approval_type").s()).isEqualTo("manual");
        assertThat(contract.get("approver").s()).isEqualTo("maria.gomez@ccs.example.com");
        assertThat(contract.get("approved_at").s()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(contract.get("approval_comment").s()).isEqualTo("ok");
        assertThat(contract.get("status").s()).isEqualTo("created");
        assertThat(contract.get("created_at").s()).isEqualTo("2026-03-01T10:15:30.123Z");
        assertThat(item("REQUEST#exec-layout").get("target_contract_id").s()).isEqualTo("CONT-2026-000001");
        assertThat(item("COUNTER#2026").get("seq").n()).isEqualTo("1");
    }

    @Test
    void automaticContractHasNoApproverAttributes() {
        service.create(Requests.automatic("exec-auto"));

        assertThat(item("CONT-2026-000001"))
                .containsKey("approval_type")
                .doesNotContainKeys("approver", "approved_at", "approval_comment");
    }

    @Test
    void conditionalInsertReportsWhatAlreadyExists() {
        Contract first = new Contract("CONT-2026-000007", Requests.automatic("exec-a"), "created", MARCH_2026);
        Contract sameExecution = new Contract("CONT-2026-000008", Requests.automatic("exec-a"), "created", MARCH_2026);
        Contract sameId = new Contract("CONT-2026-000007", Requests.automatic("exec-b"), "created", MARCH_2026);

        assertThat(store.insert(first)).isEqualTo(InsertOutcome.INSERTED);
        assertThat(store.insert(sameExecution)).isEqualTo(InsertOutcome.EXECUTION_ALREADY_RECORDED);
        assertThat(store.insert(sameId)).isEqualTo(InsertOutcome.CONTRACT_ID_TAKEN);
        assertThat(storedContracts()).isEqualTo(1);
        assertThat(store.findByExecution("exec-b")).isEmpty();
    }

    @Test
    void handlerRunsAgainstTheTableFromItsEnvironment() {
        Map<String, String> env = new HashMap<>(Emulators.awsEnvironment());
        env.put(CreateContractHandler.CONTRACTS_TABLE, table);
        CreateContractHandler handler = new CreateContractHandler(CreateContractHandler.fromEnvironment(env));

        Map<String, Object> first = handler.handle(
                SampleEvents.load("create-contract", "automatic.json"),
                new TestLambdaContext("ccs-test-create-contract"));
        Map<String, Object> again = handler.handle(
                SampleEvents.load("create-contract", "automatic.json"),
                new TestLambdaContext("ccs-test-create-contract"));

        assertThat((String) first.get("contract_id")).matches("CONT-\\d{4}-000001");
        assertThat(first).containsEntry("approval_type", "automatic").containsEntry("status", "created");
        assertThat(again).isEqualTo(first);
        assertThat(storedContracts()).isEqualTo(1);
    }

    private Map<String, AttributeValue> item(String key) {
        return dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("contract_id", AttributeValue.fromS(key)))
                        .consistentRead(true))
                .item();
    }
}
