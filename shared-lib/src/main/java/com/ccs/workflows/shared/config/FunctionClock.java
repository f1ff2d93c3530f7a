package com.ccs.workflows.shared.config;

import java.time.Clock;
import java.util.Objects;

/**
 * The clock a function reads "now" from. In Lambda it is the system clock (UTC). A host running the function in its
 * own JVM, like the local runner, hands over its clock before the handler is constructed, so that what the function
 * decides by the time (an approval window that closed) agrees with the host's time, which can run ahead of the wall
 * clock (a 24 h window let run out in milliseconds). Read it where the handler builds its collaborators.
 */
public final class FunctionClock {
    private static volatile Clock clock = Clock.systemUTC();

    private FunctionClock() {}

    public static Clock clock() {
        return clock;
    }

    /** Called by a host before the handler is constructed; the clock replaces the system clock for this function. */
    public static void use(Clock hostClock) {
        clock = Objects.requireNonNull(hostClock, "hostClock");
    }
}
