package com.ccs.workflows.integration.deploy;

import com.ccs.workflows.integration.stack.LocalRunnerStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The SAM CLI and the AWS CLI that scripts/install-tools.sh puts in .tools/venv, run as a user runs them against an
 * AWS endpoint of their own ({@code AWS_ENDPOINT_URL}), with test credentials.
 */
final class ProjectCli {
    static final Path TOOLS = LocalRunnerStack.projectDir().resolve(".tools/venv/bin");

    /** What a command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The last lines, for a failure's message. */
        String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    private final URI endpoint;

    ProjectCli(URI endpoint) {
        this.endpoint = endpoint;
    }

    static boolean installed() {
        return Files.isExecutable(TOOLS.resolve("sam")) && Files.isExecutable(TOOLS.resolve("aws"));
    }

    Result sam(Duration timeout, String... args) {
        return run(timeout, "sam", args);
    }

    Result aws(String... args) {
        return run(Duration.ofMinutes(1), "aws", args);
    }

    private Result run(Duration timeout, String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(TOOLS.resolve(tool).toString()));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("ccs-" + tool, ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(LocalRunnerStack.projectDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> env = builder.environment();
            env.put("AWS_ENDPOINT_URL", endpoint.toString());
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("SAM_CLI_TELEMETRY", "0");
            env.put("PATH", TOOLS + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(
                        -1, Files.readString(log, StandardCharsets.UTF_8) + "\n(stopped after " + timeout + ")");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
