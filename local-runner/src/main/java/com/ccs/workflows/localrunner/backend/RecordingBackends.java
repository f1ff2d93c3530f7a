package com.ccs.workflows.localrunner.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The REST services the functions call only to hand something over: AWS IoT data-plane publishes (vehicle
 * commands) and EventBridge Scheduler schedules (approval reminders). Both are recorded for the run report.
 */
public final class RecordingBackends {
    private final List<Published> iotMessages = new CopyOnWriteArrayList<>();
    private final List<Published> schedules = new CopyOnWriteArrayList<>();

    public List<Published> iotMessages() {
        return List.copyOf(iotMessages);
    }

    public List<Published> schedules() {
        return List.copyOf(schedules);
    }

    void iotPublish(String topic, String payload, Map<String, String> query) {
        iotMessages.add(new Published("iot", topic, UUID.randomUUID().toString(), null, payload, query, Instant.now()));
    }

    String createSchedule(String name, String body) {
        schedules.add(
                new Published("scheduler", name, UUID.randomUUID().toString(), null, body, Map.of(), Instant.now()));
        return "arn:aws:scheduler:us-east-1:000000000000:schedule/default/" + name;
    }

    void deleteSchedule(String name) {
        schedules.removeIf(schedule -> schedule.destination().equals(name));
    }
}
