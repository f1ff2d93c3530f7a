package com.ccs.workflows.localrunner.tasks;

import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Task tokens awaiting SendTaskSuccess/Failure/Heartbeat, shared by all executions of an engine. */
public final class CallbackRegistry {

    /** One waiting task: its answer, and a signal that fires on each heartbeat. */
    public static final class Pending {
        private final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        private final AtomicReference<CompletableFuture<Void>> heartbeat =
                new AtomicReference<>(new CompletableFuture<>());

        public CompletableFuture<JsonNode> result() {
            return result;
        }

        /** Completes at the next heartbeat; take a fresh one after each. */
        public CompletableFuture<Void> nextHeartbeat() {
            return heartbeat.get();
        }

        void beat() {
            heartbeat.getAndSet(new CompletableFuture<>()).complete(null);
        }
    }

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    public String newToken() {
        return UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
    }

    public Pending register(String token) {
        Pending p = new Pending();
        pending.put(token, p);
        return p;
    }

    public void remove(String token) {
        pending.remove(token);
    }

    public void succeed(String token, JsonNode output) {
        lookup(token).result.complete(output);
    }

    public void fail(String token, String error, String cause) {
        lookup(token).result.completeExceptionally(new StatesFailure(error, cause));
    }

    public void heartbeat(String token) {
        lookup(token).beat();
    }

    private Pending lookup(String token) {
        if (token == null || token.isBlank()) {
            throw new TaskTokenException("InvalidToken", "Invalid Task Token: '" + token + "'");
        }
        Pending p = pending.get(token);
        if (p == null || p.result.isDone()) {
            throw new TaskTokenException("TaskDoesNotExist", "Task does not exist anymore");
        }
        return p;
    }
}
