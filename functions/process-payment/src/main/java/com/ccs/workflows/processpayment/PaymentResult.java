package com.ccs.workflows.processpayment;

import java.util.List;
import java.util.Optional;

/** How an invocation left a contract's payment; the state machine branches on its {@code status}. */
public sealed interface PaymentResult {

    /** Not done within this invocation's time: the state machine calls again with this progress. */
    record InProgress(PaymentProgress progress) implements PaymentResult {}

    /** Every part taken: {@code transactionIds} in part order. */
    record Succeeded(List<String> transactionIds, long amountMinor, String currency, String stripeCustomerId)
            implements PaymentResult {
        public Succeeded {
            transactionIds = List.copyOf(transactionIds);
        }
    }

    /** Nothing is kept: refused, or given up with every part taken refunded ({@code refundedIds}). */
    record Failed(String reason, String message, Optional<String> declineCode, List<String> refundedIds)
            implements PaymentResult {
        public Failed {
            refundedIds = List.copyOf(refundedIds);
        }
    }

    /** The refund a workflow asked for is done: every charge of the contract is refunded. */
    record Refunded(List<String> refundedIds) implements PaymentResult {
        public Refunded {
            refundedIds = List.copyOf(refundedIds);
        }
    }

    /** A refund not done within this invocation's time: the state machine calls again, and it goes on. */
    record RefundPending(List<String> refundedIds, int remaining) implements PaymentResult {
        public RefundPending {
            refundedIds = List.copyOf(refundedIds);
        }
    }
}
