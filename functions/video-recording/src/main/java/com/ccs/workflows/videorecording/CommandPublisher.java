package com.ccs.workflows.videorecording;

/** The command channel to vehicles: delivers a JSON command to a vehicle's command topic, at least once. */
public interface CommandPublisher {
    void publish(String topic, String json);
}
