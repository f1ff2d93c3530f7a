package com.ccs.workflows.processpayment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** An in-memory gateway for unit tests: records every command and answers with the given function. */
final class RecordingGateway implements PaymentGateway {
    final List<ChargeCommand> commands = new ArrayList<>();
    private final Function<ChargeCommand, PaymentOutcome> answer;

    RecordingGateway(Function<ChargeCommand, PaymentOutcome> answer) {
        this.answer = answer;
    }

    /** Succeeds with a PaymentIntent id derived from the idempotency key, as Stripe's replay would. */
    static RecordingGateway approving() {
        return new RecordingGateway(command -> new PaymentOutcome.Succeeded(
                "pi_" + Integer.toHexString(command.idempotencyKey().hashCode()), command.amountMinor(), command.currency()));
    }

    @Override
    public PaymentOutcome charge(ChargeCommand command) {
        commands.add(command);
        return answer.apply(command);
    }
}
