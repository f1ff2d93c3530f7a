package com.ccs.workflows.videorecording;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what would have been published; can be told to fail the next publishes first. */
final class RecordingPublisherSpy implements CommandPublisher {
    record Published(String topic, String json) {}

    private final List<Published> published = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private RuntimeException failure;

    @Override
    public synchronized void publish(String topic, String json) {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw failure;
        }
        published.add(new Published(topic, json));
    }

    void failNext(int times, RuntimeException failure) {
        this.failure = failure;
        failuresLeft.set(times);
    }

    synchronized List<Published> published() {
        return List.copyOf(published);
    }
}
