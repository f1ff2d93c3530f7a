package com.ccs.workflows.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The part of Lambda's Runtime API a Java runtime uses, on a loopback port: {@code GET
 * /2018-06-01/runtime/invocation/next} hands out one event per {@link Session}, {@code POST
 * .../invocation/{id}/response} and {@code .../error} end it, {@code POST /2018-06-01/runtime/init/error} reports a
 * failed initialisation. The next {@code GET} after the answer is held open, as Lambda holds it until the next
 * event: that request is the sign that the runtime is idle again.
 */
public final class RuntimeApiStandIn implements AutoCloseable {
    static final String PREFIX = "/2018-06-01/runtime/";

    /** How an invocation ended: its kind, the body, when it arrived and what the probe read at that moment. */
    public record Outcome(Kind kind, String body, long nanos, long probe) {
        public enum Kind {
            RESPONSE,
            ERROR,
            INIT_ERROR
        }
    }

    /** One invocation: its event, the outcome, and the runtime asking for the next event afterwards. */
    public static final class Session implements AutoCloseable {
        private final String requestId;
        private final byte[] event;
        private final LongSupplier probe;
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private final CompletableFuture<Long> idle = new CompletableFuture<>();
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile boolean delivered;

        Session(String requestId, byte[] event, LongSupplier probe) {
            this.requestId = requestId;
            this.event = event;
            this.probe = probe;
        }

        /** Completes when the runtime posts the response (or an error). */
        public CompletableFuture<Outcome> outcome() {
            return outcome;
        }

        /** Completes, with {@link System#nanoTime()}, when the runtime asks for the next event after answering. */
        public CompletableFuture<Long> idle() {
            return idle;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    private final HttpServer server;
    private volatile Session current;
    private long sequence;

    private RuntimeApiStandIn(HttpServer server) {
        this.server = server;
    }

    public static RuntimeApiStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        RuntimeApiStandIn standIn = new RuntimeApiStandIn(server);
        server.createContext(PREFIX, standIn::serve);
        // The held "next" requests block their thread: one virtual thread per exchange.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return standIn;
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Prepares the next invocation with {@code event}; {@code probe} is called the moment its answer arrives
     * (e.g. to read the runtime's CPU time then).
     */
    public synchronized Session begin(String event, LongSupplier probe) {
        Session previous = current;
        if (previous != null) {
            previous.close();
        }
        Session session = new Session("bench-" + (++sequence), event.getBytes(StandardCharsets.UTF_8), probe);
        current = session;
        return session;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = readAll(exchange.getRequestBody());
            long now = System.nanoTime();
            Session session = current;
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                next(exchange, session);
            } else if (path.equals("init/error")) {
                finish(session, Outcome.Kind.INIT_ERROR, body, now);
                exchange.sendResponseHeaders(202, -1);
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                finish(session, path.endsWith("/response") ? Outcome.Kind.RESPONSE : Outcome.Kind.ERROR, body, now);
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange, Session session) throws IOException {
        if (session == null || session.delivered) {
            if (session != null) {
                session.idle.complete(System.nanoTime());
            }
            // Lambda holds this request until there is an event; here, until the session is over.
            awaitQuietly(session);
            exchange.sendResponseHeaders(410, -1);
            return;
        }
        session.delivered = true;
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", session.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:bench:live");
        headers.set(
                "Lambda-Runtime-Trace-Id",
                "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=1");
        exchange.sendResponseHeaders(200, session.event.length);
        exchange.getResponseBody().write(session.event);
    }

    private static void finish(Session session, Outcome.Kind kind, byte[] body, long nanos) {
        if (session != null && !session.outcome.isDone()) {
            long probe = session.probe.getAsLong();
            session.outcome.complete(new Outcome(kind, new String(body, StandardCharsets.UTF_8), nanos, probe));
        }
    }

    private static void awaitQuietly(Session session) {
        try {
            if (session == null) {
                Thread.sleep(1_000);
            } else {
                session.closed.await(10, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        Session session = current;
        if (session != null) {
            session.close();
        }
        server.stop(0);
    }
}
