package com.ccs.workflows.localrunner.errors;

import com.ccs.workflows.localrunner.definition.Catcher;
import com.ccs.workflows.localrunner.definition.Retrier;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/** Retry and Catch decisions, separate from the loop that applies them. */
public final class Retries {
    private Retries() {}

    /** Index of the first retrier whose ErrorEquals matches, or -1. */
    public static int matchingRetrier(List<Retrier> retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (matchesAny(retriers.get(i).errorEquals(), error)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first retrier matching {@code failure} (a missed heartbeat also by States.HeartbeatTimeout). */
    public static int matchingRetrier(List<Retrier> retriers, StatesFailure failure) {
        for (int i = 0; i < retriers.size(); i++) {
            if (matchesAny(retriers.get(i).errorEquals(), failure)) {
                return i;
            }
        }
        return -1;
    }

    /** The first catcher whose ErrorEquals matches, or null. */
    public static Catcher matchingCatcher(List<Catcher> catchers, String error) {
        for (Catcher c : catchers) {
            if (matchesAny(c.errorEquals(), error)) {
                return c;
            }
        }
        return null;
    }

    /** The first catcher matching {@code failure} (a missed heartbeat also by States.HeartbeatTimeout), or null. */
    public static Catcher matchingCatcher(List<Catcher> catchers, StatesFailure failure) {
        for (Catcher c : catchers) {
            if (matchesAny(c.errorEquals(), failure)) {
                return c;
            }
        }
        return null;
    }

    private static boolean matchesAny(List<String> patterns, String error) {
        for (String p : patterns) {
            if (StatesErrors.matches(p, error)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAny(List<String> patterns, StatesFailure failure) {
        if (failure instanceof HeartbeatTimedOut && patterns.contains(StatesErrors.HEARTBEAT_TIMEOUT)) {
            return true;
        }
        return matchesAny(patterns, failure.error());
    }

    /**
     * Delay before retry number {@code attempt} (0-based): IntervalSeconds x BackoffRate^attempt, capped by
     * MaxDelaySeconds, and with FULL jitter a uniform random share of it.
     */
    public static Duration delay(Retrier retrier, int attempt, DoubleSupplier random) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempt);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        if (retrier.fullJitter()) {
            seconds = seconds * random.getAsDouble();
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }
}
