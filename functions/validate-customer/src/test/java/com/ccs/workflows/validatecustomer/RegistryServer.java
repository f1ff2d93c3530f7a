package com.ccs.workflows.validatecustomer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A company registry speaking the contract of {@link HttpCompanyRegistry}, on a real local HTTP server (port 0),
 * with scripted answers per NIT. {@link #hang(String)} makes the server hold the answer until {@link #close()},
 * which is how a registry that does not answer in time looks to the client.
 */
final class RegistryServer implements AutoCloseable {
    record Seen(String method, String path, String accept) {}

    private record Answer(int status, String body, boolean hang) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final String prefix;

    RegistryServer(String prefix) throws IOException {
        this.prefix = prefix;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(prefix + "/companies/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + prefix);
    }

    RegistryServer company(String nit, String name, String status) {
        return respond(nit, 200, "{\"nit\":\"" + nit + "\",\"name\":\"" + name + "\",\"status\":\"" + status + "\"}");
    }

    RegistryServer respond(String nit, int status, String body) {
        answers.put(nit, new Answer(status, body, false));
        return this;
    }

    RegistryServer hang(String nit) {
        answers.put(nit, new Answer(200, "{\"nit\":\"" + nit + "\",\"status\":\"ACTIVE\"}", true));
        return this;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            seen.add(new Seen(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestHeaders().getFirst("Accept")));
            String nit = path.substring(path.lastIndexOf('/') + 1);
            Answer answer = answers.getOrDefault(nit, new Answer(404, "{\"error\":\"NOT_FOUND\"}", false));
            if (answer.hang()) {
                awaitRelease();
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
