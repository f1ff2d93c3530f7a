package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.api.HttpServers;
import com.ccs.workflows.localrunner.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The company registry validate-customer asks ({@code GET /companies/{nit}}, see
 * functions/validate-customer/README.md), on a loopback port. It knows the companies of the sample events as
 * ACTIVE; any other well-formed NIT answers {@code unknownNits} (ACTIVE by default, so a newcomer's own event
 * validates; null answers 404). An outage can be switched on: the next N requests answer 503, as a registry
 * under maintenance would, to see the state machine's retries.
 */
public final class RegistryStandIn implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("/companies/([0-9.]{1,20})(?:-\\d)?");

    /** A registered company: its name (optional in the contract) and status ACTIVE|INACTIVE|SUSPENDED. */
    public record Company(String name, String status) {}

    private final HttpServer server;
    private final Map<String, Company> companies = new ConcurrentHashMap<>();
    private final AtomicInteger outage = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger slow = new AtomicInteger();
    private final AtomicInteger faulted = new AtomicInteger();
    private volatile java.time.Duration delay = java.time.Duration.ZERO;
    private volatile String unknownNits = "ACTIVE";

    private RegistryStandIn(HttpServer server) {
        this.server = server;
        companies.put("860035827", new Company("Logistica Andina S.A.S.", "ACTIVE"));
        companies.put("900123456", new Company("Transportes ABC S.A.S.", "ACTIVE"));
        companies.put("901234567", new Company("Flota Segura S.A.", "ACTIVE"));
        companies.put("830045678", new Company("Carga Express Ltda.", "ACTIVE"));
    }

    public static RegistryStandIn start() throws IOException {
        HttpServer server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        RegistryStandIn registry = new RegistryStandIn(server);
        server.createContext("/", registry::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return registry;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Registers (or replaces) a company by its NIT base number (no dots, no check digit). */
    public void register(String nit, String name, String status) {
        companies.put(nit, new Company(name, status));
    }

    /** What a NIT the registry does not list answers: a status, or null for 404 (not registered). */
    public void unknownNits(String status) {
        this.unknownNits = status;
    }

    /** The next {@code count} requests answer 503 Service Unavailable. */
    public void outage(int count) {
        outage.set(count);
    }

    /** The next {@code count} requests are answered only after {@code delay} (a registry under load). */
    public void slow(java.time.Duration delay, int count) {
        this.delay = delay;
        slow.set(count);
    }

    public int requests() {
        return requests.get();
    }

    /** How many requests an outage or slowness has hit so far. */
    public int faultsInjected() {
        return faulted.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            if (slow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                faulted.incrementAndGet();
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (outage.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                faulted.incrementAndGet();
                send(exchange, 503, "{\"message\":\"registry under maintenance\"}");
                return;
            }
            Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("GET") || !matcher.matches()) {
                send(exchange, 400, "{\"message\":\"expected GET /companies/{nit}\"}");
                return;
            }
            String nit = matcher.group(1).replace(".", "");
            Company company = companies.get(nit);
            if (company == null && unknownNits != null) {
                company = new Company(null, unknownNits);
            }
            if (company == null) {
                send(exchange, 404, "{\"message\":\"no company with NIT " + nit + "\"}");
                return;
            }
            var body = Json.object().put("nit", nit).put("status", company.status());
            if (company.name() != null) {
                body.put("name", company.name());
            }
            send(exchange, 200, Json.write(body));
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
