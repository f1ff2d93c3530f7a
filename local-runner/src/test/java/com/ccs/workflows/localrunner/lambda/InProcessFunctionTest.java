package com.ccs.workflows.localrunner.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.backend.EmbeddedAws;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.standins.RegistryStandIn;
import com.ccs.workflows.localrunner.template.FunctionSpec;
import com.ccs.workflows.localrunner.testing.TestProject;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** validate-customer's zip run in-process, as Lambda runs it. */
class InProcessFunctionTest {
    private static final String VALID_REQUEST = """
      {"execution_id": "exec-in-process-1", "customer_id": "CUST-1", "document_type": "RUT",
       "document_id": "901234567-7",
       "company_info": {"name": "Flota Segura S.A.", "tax_id": "901234567-7"}, "number_of_vehicles": 2,
       "contract_type": "basic", "estimated_value": 480000, "payment_method": "credit_card",
       "vehicles": [{"plate": "abc-123", "model": "Volvo"}]}""";

    private static EmbeddedAws aws;

    @BeforeAll
    static void vehiclesTable() throws IOException {
        aws = EmbeddedAws.start();
        aws.dynamoDb().handle("CreateTable", Json.parse("""
        {"TableName": "ccs-test-vehicles", "KeySchema": [{"AttributeName": "plate", "KeyType": "HASH"}],
         "AttributeDefinitions": [{"AttributeName": "plate", "AttributeType": "S"}]}"""));
    }

    @AfterAll
    static void closeAws() {
        aws.close();
    }

    /** validate-customer with its registry at {@code registry} and its vehicles table in the embedded DynamoDB. */
    private static InProcessFunction validateCustomer(String registry, int timeoutSeconds) {
        Path project = TestProject.dir();
        FunctionSpec spec = new FunctionSpec(
                "ValidateCustomerFunction",
                "ccs-test-validate-customer",
                project.resolve("functions/validate-customer"),
                "validate-customer",
                "com.ccs.workflows.validatecustomer.ValidateCustomerHandler::handleRequest",
                timeoutSeconds,
                512,
                Map.of(),
                "arn:aws:lambda:us-east-1:000000000000:function:ccs-test-validate-customer",
                "arn:aws:lambda:us-east-1:000000000000:function:ccs-test-validate-customer:live");
        Path zip = FunctionPackages.zipOf(project, "validate-customer");
        return new InProcessFunction(
                spec,
                () -> FunctionPackages.classPath(zip),
                Map.of(
                        "REGISTRY_BASE_URL",
                        registry,
                        "REGISTRY_TIMEOUT_MS",
                        "30000",
                        "AWS_REGION",
                        "us-east-1",
                        "VEHICLES_TABLE",
                        "ccs-test-vehicles",
                        "AWS_ENDPOINT_URL",
                        aws.endpoint().toString(),
                        "AWS_ACCESS_KEY_ID",
                        "test",
                        "AWS_SECRET_ACCESS_KEY",
                        "test"),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void runsTheHandlerColdThenWarmWithLambdasSerialisation() throws IOException {
        try (RegistryStandIn registry = RegistryStandIn.start();
                InProcessFunction function = validateCustomer(registry.baseUrl().toString(), 15)) {
            InProcessFunction.Invocation first = function.invoke(VALID_REQUEST);
            InProcessFunction.Invocation second = function.invoke(VALID_REQUEST);

            assertThat(first.failed()).as(first.errorPayload()).isFalse();
            assertThat(first.coldStart()).isTrue();
            assertThat(second.coldStart()).isFalse();
            JsonNode output = Json.parse(second.payload());
            assertThat(output.path("valid").asBoolean()).isTrue();
            assertThat(output.path("normalized_plates").get(0).asText()).isEqualTo("ABC123");
            assertThat(output.path("registry_status").asText()).isEqualTo("active");
            assertThat(registry.requests()).isEqualTo(2);
            // the function's class loader does not see the runner's classes: it is isolated like a container
            assertThat(function.environment()).containsEntry("AWS_LAMBDA_FUNCTION_NAME", "ccs-test-validate-customer");
        }
    }

    @Test
    void aThrownExceptionIsReportedWithItsClassNameAndLambdasErrorPayload() throws IOException {
        try (RegistryStandIn registry = RegistryStandIn.start();
                InProcessFunction function = validateCustomer(registry.baseUrl().toString(), 15)) {
            registry.outage(1);

            InProcessFunction.Invocation invocation = function.invoke(VALID_REQUEST);

            assertThat(invocation.errorType()).isEqualTo("com.ccs.workflows.errors.DependencyUnavailableException");
            JsonNode payload = Json.parse(invocation.errorPayload());
            assertThat(payload.path("errorType").asText()).isEqualTo(invocation.errorType());
            assertThat(payload.path("errorMessage").asText()).contains("company-registry");
            assertThat(payload.path("stackTrace").get(0).asText()).startsWith("com.ccs.workflows.");
            assertThat(payload.toString()).doesNotContain("com.ccs.workflows.localrunner");
        }
    }

    @Test
    void anInvocationPastTheFunctionTimeoutIsSandboxTimedout() throws Exception {
        // A registry that accepts connections and never answers.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            try (InProcessFunction function = validateCustomer("http://127.0.0.1:" + silent.getLocalPort(), 1)) {
                function.warm();

                InProcessFunction.Invocation invocation = function.invoke(VALID_REQUEST);

                assertThat(invocation.errorType()).isEqualTo(InProcessFunction.TIMEOUT_ERROR);
                JsonNode payload = Json.parse(invocation.errorPayload());
                assertThat(payload.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
                assertThat(payload.path("errorMessage").asText())
                        .matches(
                                "RequestId: " + invocation.requestId() + " Error: Task timed out after 1\\.00 seconds");
            } finally {
                silent.close();
                acceptor.join();
            }
        }
    }
}
