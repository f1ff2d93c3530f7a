package com.ccs.workflows.bench.warm;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.ccs.workflows.activateservice.ActivateServiceHandler;
import com.ccs.workflows.activateservice.ContractRecord;
import com.ccs.workflows.activateservice.FleetStore;
import com.ccs.workflows.activateservice.ServiceActivator;
import com.ccs.workflows.approval.Approval;
import com.ccs.workflows.approval.ApprovalCallbackHandler;
import com.ccs.workflows.approval.ApprovalStatus;
import com.ccs.workflows.approval.ApprovalStore;
import com.ccs.workflows.approval.AuditEvent;
import com.ccs.workflows.approval.ClaimResult;
import com.ccs.workflows.approval.Decision;
import com.ccs.workflows.approval.DecisionRecord;
import com.ccs.workflows.approval.DecisionService;
import com.ccs.workflows.approval.LinkSigner;
import com.ccs.workflows.approval.RequestSummary;
import com.ccs.workflows.createcontract.Contract;
import com.ccs.workflows.createcontract.ContractService;
import com.ccs.workflows.createcontract.ContractStore;
import com.ccs.workflows.createcontract.CreateContractHandler;
import com.ccs.workflows.processpayment.ChargeCommand;
import com.ccs.workflows.processpayment.ChargeRecord;
import com.ccs.workflows.processpayment.CustomerLookup;
import com.ccs.workflows.processpayment.PaymentGateway;
import com.ccs.workflows.processpayment.PaymentOutcome;
import com.ccs.workflows.processpayment.PaymentService;
import com.ccs.workflows.processpayment.ProcessPaymentHandler;
import com.ccs.workflows.processpayment.RefundCommand;
import com.ccs.workflows.validatecustomer.CustomerValidationService;
import com.ccs.workflows.validatecustomer.RegistryLookup;
import com.ccs.workflows.validatecustomer.RegistryStatus;
import com.ccs.workflows.validatecustomer.ValidateCustomerHandler;
import com.ccs.workflows.videorecording.RecordingService;
import com.ccs.workflows.videorecording.RecordingSession;
import com.ccs.workflows.videorecording.RecordingSettings;
import com.ccs.workflows.videorecording.RecordingStore;
import com.ccs.workflows.videorecording.SessionClaim;
import com.ccs.workflows.videorecording.VideoRecordingHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each function's real handler over its real domain code, built through the handler's second constructor with
 * in-memory collaborators in place of DynamoDB, SNS, Step Functions, IoT, Stripe and the registry, so a warm
 * invocation costs exactly what the function's own code costs: reading the event's JSON, validation, the domain logic,
 * writing the answer's JSON, logging and metrics. Every collaborator answers the main path (a new contract, an active company, a charge
 * that succeeds...), every time, so each invocation repeats the same work.
 */
public final class WarmWiring {
    public static final List<String> FUNCTIONS = List.of(
            "validate-customer",
            "create-contract",
            "process-payment",
            "activate-service",
            "approval-callback",
            "video-recording");
    private static final String APPROVAL_SECRET = "ccs-local-approval-signing-secret-not-for-production";

    /** A handler with its sample event, as the bytes the runtime hands over. */
    public record Wired(RequestStreamHandler handler, byte[] event) {}

    private WarmWiring() {}

    public static Wired wire(String function, Path project) throws IOException {
        Path events = project.resolve("events/functions").resolve(function);
        RequestStreamHandler handler = switch (function) {
            case "validate-customer" ->
                new ValidateCustomerHandler(new CustomerValidationService(
                        nit -> new RegistryLookup.Registered(
                                nit.base(), "Logistica Andina S.A.S.", RegistryStatus.ACTIVE),
                        plates -> Map.of()));
            case "create-contract" ->
                new CreateContractHandler(new ContractService(new NewContracts(), Clock.systemUTC()));
            case "process-payment" -> new ProcessPaymentHandler(new PaymentService(new CardOnFile(), "bench"));
            case "activate-service" ->
                new ActivateServiceHandler(new ServiceActivator(new KnownContract(), Clock.systemUTC()));
            case "approval-callback" ->
                new ApprovalCallbackHandler(new DecisionService(
                        new PendingApproval(),
                        (token, output) -> {},
                        new LinkSigner(() -> APPROVAL_SECRET.getBytes(StandardCharsets.UTF_8), null),
                        Clock.systemUTC()));
            case "video-recording" -> {
                RecordingSettings settings = new RecordingSettings("ccs/bench/vehicles", 30, 300);
                yield new VideoRecordingHandler(
                        new RecordingService(new NewSessions(), (topic, json) -> {}, settings, Clock.systemUTC()),
                        settings);
            }
            default -> throw new IllegalArgumentException("no warm wiring for " + function);
        };
        String sample = switch (function) {
            case "validate-customer" -> "valid-25-vehicles.json";
            case "create-contract" -> "automatic.json";
            case "process-payment" -> "success.json";
            case "activate-service" -> "activate-2-of-75.json";
            case "approval-callback" -> "approve.json";
            default -> "panic-button.json";
        };
        return new Wired(handler, Files.readAllBytes(events.resolve(sample)));
    }

    /** No contract recorded for the execution yet; the insert always wins. */
    private static final class NewContracts implements ContractStore {
        private long sequence;

        @Override
        public Optional<Contract> findByExecution(String executionId) {
            return Optional.empty();
        }

        @Override
        public long nextSequence(int year) {
            return ++sequence;
        }

        @Override
        public InsertOutcome insert(Contract contract) {
            return InsertOutcome.INSERTED;
        }
    }

    /** The sample event's contract exists, for its customer, not activated before. */
    private static final class KnownContract implements FleetStore {
        @Override
        public Optional<ContractRecord> findContract(String contractId) {
            return Optional.of(new ContractRecord(contractId, "CUST-98765", Optional.empty()));
        }

        @Override
        public void registerVehicles(
                String customerId, List<com.ccs.workflows.activateservice.ActiveVehicle> vehicles, boolean release) {}

        @Override
        public Instant markActive(String contractId, Instant activatedAt, int vehiclesRegistered) {
            return activatedAt;
        }
    }

    /** Every customer has a Stripe Customer with a default card and no earlier charge; every charge succeeds. */
    private static final class CardOnFile implements PaymentGateway {
        @Override
        public CustomerLookup findCustomer(String customerId) {
            return new CustomerLookup.Found("cus_Q7xKcT2mJ9aB4d");
        }

        @Override
        public Optional<String> defaultPaymentMethod(String stripeCustomerId) {
            return Optional.of("pm_card_visa");
        }

        @Override
        public List<ChargeRecord> chargesOf(String stripeCustomerId, Optional<Instant> since) {
            return List.of();
        }

        @Override
        public PaymentOutcome charge(ChargeCommand command) {
            return new PaymentOutcome.Succeeded(
                    "pi_bench0001", command.amountMinor(), command.currency(), 1_767_225_600L);
        }

        @Override
        public void refund(RefundCommand command) {}
    }

    /** Every incident is new: the claim creates the session. */
    private static final class NewSessions implements RecordingStore {
        @Override
        public SessionClaim claim(RecordingSession intent) {
            return new SessionClaim.Created(intent);
        }

        @Override
        public void markRecording(RecordingSession session) {}
    }

    /** The sample approval, pending, whose claim always succeeds. */
    private static final class PendingApproval implements ApprovalStore {
        private final Approval pending = new Approval(
                "apr_SampleApproval-0000001",
                "exec-12345",
                "AQCEAAAAKgAAAAMAAAAAAAAAAexampleTaskTokenForLocalTestsOnly==",
                new RequestSummary("CUST-98765", "Transportes ABC S.A.S.", 75, "premium", 15_000_000),
                "manager@ccs.example",
                ApprovalStatus.PENDING,
                Instant.parse("2026-11-25T17:00:00Z"),
                Instant.ofEpochSecond(4_102_444_800L),
                null,
                null,
                null,
                null,
                List.of());

        @Override
        public Optional<Approval> find(String approvalId) {
            return Optional.of(pending);
        }

        @Override
        public Optional<Approval> findByExecution(String executionId) {
            return Optional.of(pending);
        }

        @Override
        public boolean create(Approval approval, Optional<String> replacing) {
            return true;
        }

        @Override
        public boolean renewWait(
                String approvalId, String taskToken, Instant expiresAt, Instant now, AuditEvent event) {
            return true;
        }

        @Override
        public void markNotified(String approvalId, AuditEvent event) {}

        @Override
        public void markReminded(String approvalId, AuditEvent event) {}

        @Override
        public ClaimResult claim(
                String approvalId, Decision decision, DecisionRecord record, Instant now, AuditEvent event) {
            return new ClaimResult.Claimed(pending.withStatus(decision.outcome(), record));
        }

        @Override
        public boolean retakeClaim(String approvalId, String oldClaimId, String newClaimId, AuditEvent event) {
            return true;
        }

        @Override
        public boolean markResumed(String approvalId, String claimId, AuditEvent event) {
            return true;
        }

        @Override
        public boolean release(String approvalId, String claimId, AuditEvent event) {
            return true;
        }

        @Override
        public boolean expire(String approvalId, String claimId, AuditEvent event) {
            return true;
        }
    }
}
