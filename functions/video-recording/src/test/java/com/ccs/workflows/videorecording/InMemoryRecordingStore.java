package com.ccs.workflows.videorecording;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The recordings table in memory, with the same claim semantics (one session per incident, atomically). */
final class InMemoryRecordingStore implements RecordingStore {
    private final Map<String, RecordingSession> sessions = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public SessionClaim claim(RecordingSession intent) {
        calls.incrementAndGet();
        RecordingSession existing = sessions.putIfAbsent(intent.incidentId(), intent);
        return existing == null ? new SessionClaim.Created(intent) : new SessionClaim.Existing(existing);
    }

    @Override
    public void markRecording(RecordingSession session) {
        calls.incrementAndGet();
        sessions.computeIfPresent(session.incidentId(), (id, stored) -> stored.withStatus(RecordingStatus.RECORDING));
    }

    void put(RecordingSession session) {
        sessions.put(session.incidentId(), session);
    }

    Optional<RecordingSession> get(String incidentId) {
        return Optional.ofNullable(sessions.get(incidentId));
    }

    int size() {
        return sessions.size();
    }
}
