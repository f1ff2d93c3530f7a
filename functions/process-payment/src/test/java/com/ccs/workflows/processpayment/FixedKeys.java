package com.ccs.workflows.processpayment;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A key source for tests: hands out keys in order, the next one on each refresh, and counts refreshes. */
final class FixedKeys implements StripeApiKeySource {
    private final Deque<String> upcoming;
    private String current;
    int refreshes;

    FixedKeys(String first, String... later) {
        this.current = first;
        this.upcoming = new ArrayDeque<>(List.of(later));
    }

    @Override
    public String current() {
        return current;
    }

    @Override
    public String refresh() {
        refreshes++;
        if (!upcoming.isEmpty()) {
            current = upcoming.pollFirst();
        }
        return current;
    }
}
