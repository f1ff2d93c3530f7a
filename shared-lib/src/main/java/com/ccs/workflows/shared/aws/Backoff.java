package com.ccs.workflows.shared.aws;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff for what DynamoDB leaves unprocessed in a batch call (throttling, partition limits),
 * which the SDK's own retries do not cover: retry {@code n} waits between half and all
 * of {@code min(cap, base * 2^(n-1))} ("equal jitter": spread out so parallel writers do not retry in step, yet
 * never shorter than half the step). At most {@code maxAttempts} calls in total.
 */
public record Backoff(int maxAttempts, Duration base, Duration cap) {
    /** Worst case about 3.5 s of waiting, well inside the function's timeout. */
    public static final Backoff DEFAULT = new Backoff(8, Duration.ofMillis(50), Duration.ofSeconds(1));

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delay(int retry, RandomGenerator random) {
        long step = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry - 1, 30));
        long half = step / 2;
        return Duration.ofMillis(half + random.nextLong(step - half + 1));
    }
}
