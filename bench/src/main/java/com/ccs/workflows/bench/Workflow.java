package com.ccs.workflows.bench;

import com.ccs.workflows.testing.LoopbackClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The emergency workflow end to end through the local runner (local-runner/target/local-runner.jar), on its
 * sample event (events/emergency/panic-button-critical.json): cold, a fresh JVM running {@code run emergency} to
 * its printed result; warm, {@code StartSyncExecution} calls to a running {@code serve} over one kept-alive
 * connection, each with a new event
 * timestamp so each records a new incident.
 */
final class Workflow {
    static final String EVENT = "events/emergency/panic-button-critical.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_TIMESTAMP = "1698765432000";

    private final Path project;
    private final Path java;
    private final Path jar;
    private final Path workDir;
    private final boolean plainServe;
    private final List<String> serveArgs;
    private double startupMs = Double.NaN;

    /**
     * @param plainServe start {@code serve} as {@code java -jar} with the JVM's default flags, as this bench did
     *     before {@code local-runner/run} had flags of its own for it; otherwise through {@code local-runner/run}
     * @param serveArgs more arguments for {@code serve} (e.g. {@code --stripe-base-url http://127.0.0.1:12111})
     */
    Workflow(Path project, Path javaHome, Path workDir, boolean plainServe, List<String> serveArgs) throws IOException {
        this.project = project;
        this.plainServe = plainServe;
        this.serveArgs = List.copyOf(serveArgs);
        this.java = javaHome.resolve("bin/java");
        this.jar = project.resolve("local-runner/target/local-runner.jar");
        this.workDir = Files.createDirectories(workDir);
        Files.deleteIfExists(workDir.resolve("emergency-cold.log"));
    }

    boolean available() {
        return Files.isRegularFile(jar);
    }

    /** Wall milliseconds from JVM start to the printed result (the process's exit), or NaN if the run failed. */
    double cold() throws IOException, InterruptedException {
        // The flags of local-runner/run.
        Path log = workDir.resolve("emergency-cold.log");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Dccs.project.dir=" + project,
                        "-jar",
                        jar.toString(),
                        "run",
                        "emergency",
                        EVENT)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long start = System.nanoTime();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        double wallMs = (System.nanoTime() - start) / 1e6;
        if (!ended) {
            process.destroyForcibly();
            return Double.NaN;
        }
        return process.exitValue() == 0 ? wallMs : Double.NaN;
    }

    /** Milliseconds per execution after {@code warmup} executions, sorted, or empty if the server did not start. */
    List<Double> warm(int warmup, int measured) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(
                plainServe
                        ? List.of(java.toString(), "-Dccs.project.dir=" + project, "-jar", jar.toString())
                        : List.of(project.resolve("local-runner/run").toString()));
        command.addAll(List.of("serve", "--port", Integer.toString(port)));
        command.addAll(serveArgs);
        long launched = System.nanoTime();
        Process server = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("emergency-serve.log").toFile())
                .start();
        try {
            String arn = emergencyArn(port, server);
            if (arn == null) {
                return List.of();
            }
            startupMs = (System.nanoTime() - launched) / 1e6;
            String template = Files.readString(project.resolve(EVENT));
            long timestamp = Long.parseLong(SAMPLE_TIMESTAMP);
            List<Double> millis = new ArrayList<>();
            // One kept-alive connection from a client that does next to nothing, so that the time is the server's.
            try (LoopbackClient http = new LoopbackClient(port, "AWSStepFunctions.StartSyncExecution")) {
                for (int i = 0; i < warmup + measured; i++) {
                    String input = template.replace(SAMPLE_TIMESTAMP, Long.toString(++timestamp));
                    byte[] body = JSON.createObjectNode()
                            .put("stateMachineArn", arn)
                            .put("input", input)
                            .toString()
                            .getBytes(StandardCharsets.UTF_8);
                    long start = System.nanoTime();
                    LoopbackClient.Response response = http.post(body);
                    double elapsed = (System.nanoTime() - start) / 1e6;
                    JsonNode result = answer("StartSyncExecution", response);
                    if (!"SUCCEEDED".equals(result.path("status").asText())) {
                        throw new IllegalStateException("the emergency workflow did not succeed: " + result);
                    }
                    if (i >= warmup) {
                        millis.add(elapsed);
                    }
                }
            }
            millis.sort(null);
            return millis;
        } finally {
            server.destroy();
            // The first serve of a build writes local-runner/run's AOT cache as it exits.
            if (!server.waitFor(3, TimeUnit.MINUTES)) {
                server.destroyForcibly();
            }
        }
    }

    /** Milliseconds from launching the last {@code serve} to its first answer (start-up and priming). */
    double startupMs() {
        return startupMs;
    }

    /** The {@code serve} command line, for the report. */
    String serveCommand() {
        String args = serveArgs.isEmpty() ? "" : " " + String.join(" ", serveArgs);
        return (plainServe ? "java -jar local-runner.jar serve" : "local-runner/run serve") + args;
    }

    private static String emergencyArn(int port, Process server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && server.isAlive()) {
            try (LoopbackClient http = new LoopbackClient(port, "AWSStepFunctions.ListStateMachines")) {
                JsonNode list = answer("ListStateMachines", http.post("{}".getBytes(StandardCharsets.UTF_8)));
                for (JsonNode machine : list.path("stateMachines")) {
                    if (machine.path("name").asText().contains("emergency")) {
                        return machine.path("stateMachineArn").asText();
                    }
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(250);
        }
        return null;
    }

    private static JsonNode answer(String operation, LoopbackClient.Response response) throws IOException {
        if (response.status() != 200) {
            throw new IOException(operation + " answered HTTP " + response.status() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
