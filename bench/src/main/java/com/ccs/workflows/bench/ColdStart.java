package com.ccs.workflows.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Starts one function in a fresh JVM the way Lambda's Java runtime does (its JVM flags, the runtime interface
 * client as the main class, the function's zip unpacked as the task root) and measures it up to its first
 * answer: wall time from process start, CPU time of the process at that moment, classes loaded (from
 * {@code -Xlog:class+load}) once the runtime is idle again, and the live heap (after a full GC) then.
 */
final class ColdStart {
    /** Lambda's flags for java25 at 1024 MB (the heap is 85 % of the memory size). */
    static final List<String> LAMBDA_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xmx870m",
            "-Xshare:auto",
            "-Djava.net.preferIPv4Stack=true");

    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** One cold start; {@code failure} is null when the function answered normally. */
    record Run(
            String target,
            double wallMs,
            double cpuMs,
            int classes,
            long heapBytes,
            String failure,
            List<String> calls) {}

    private final Path javaHome;
    private final String runtimeClassPath;
    private final List<String> extraFlags;
    private final RuntimeApiStandIn runtime;
    private final AwsStandIn aws;
    private final Tls tls;
    private final Path workDir;
    private final long ticksPerSecond;
    // The X-Ray daemon's stand-in: every invocation is sampled, as a cold start's first request usually is, so the
    // functions build and send their subsegments; the datagrams are received by the kernel and never read.
    private final DatagramSocket xrayDaemon = new DatagramSocket(0, InetAddress.getLoopbackAddress());

    ColdStart(
            Path javaHome,
            String runtimeClassPath,
            List<String> extraFlags,
            RuntimeApiStandIn runtime,
            AwsStandIn aws,
            Tls tls,
            Path workDir)
            throws IOException, InterruptedException {
        this.javaHome = javaHome;
        this.runtimeClassPath = runtimeClassPath;
        this.extraFlags = List.copyOf(extraFlags);
        this.runtime = runtime;
        this.aws = aws;
        this.tls = tls;
        this.workDir = Files.createDirectories(workDir);
        this.ticksPerSecond = clockTicks();
    }

    Run run(Target target, Path taskRoot, String event) throws IOException, InterruptedException {
        Path classLog = workDir.resolve(target.name() + ".classes.log");
        Path output = workDir.resolve(target.name() + ".log");
        Files.deleteIfExists(classLog);
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(LAMBDA_FLAGS);
        command.addAll(tls.trustOptions());
        command.add("-Xlog:class+load:file=" + classLog);
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", runtimeClassPath, RUNTIME_MAIN, target.handler()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(target, taskRoot));

        aws.answer(target.replies());
        AtomicLong pid = new AtomicLong();
        try (RuntimeApiStandIn.Session session = runtime.begin(event, () -> cpuTicks(pid.get()))) {
            long start = System.nanoTime();
            Process process = builder.start();
            pid.set(process.pid());
            try {
                RuntimeApiStandIn.Outcome outcome = session.outcome().get(120, TimeUnit.SECONDS);
                double wallMs = (outcome.nanos() - start) / 1e6;
                double cpuMs = outcome.probe() * 1000.0 / ticksPerSecond;
                Files.writeString(workDir.resolve(target.name() + ".response.json"), outcome.body());
                session.idle().get(30, TimeUnit.SECONDS);
                int classes = countLines(classLog);
                long heap = liveHeap(process.pid());
                String failure = failure(outcome);
                return new Run(target.name(), wallMs, cpuMs, classes, heap, failure, aws.calls());
            } catch (ExecutionException | TimeoutException e) {
                return new Run(
                        target.name(),
                        Double.NaN,
                        Double.NaN,
                        0,
                        0,
                        "no answer within the time limit (see " + output + ")",
                        aws.calls());
            } finally {
                stop(process);
            }
        }
    }

    private Map<String, String> environment(Target target, Path taskRoot) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("_HANDLER", target.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "ccs-bench-" + target.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/ccs-bench-" + target.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        env.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "ASIABENCHBENCHBENCH0");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret-access-key");
        env.put("AWS_SESSION_TOKEN", "bench-session-token");
        env.put("AWS_ENDPOINT_URL", aws.url());
        env.put("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:" + xrayDaemon.getLocalPort());
        // template.yaml's Globals.
        env.put("POWERTOOLS_METRICS_NAMESPACE", "CCS/Bench");
        env.put("POWERTOOLS_LOG_LEVEL", "INFO");
        env.put("AWS_LAMBDA_DISABLE_CVE_2021_44228_PROTECTION", "true");
        env.putAll(target.environment());
        return env;
    }

    private static String failure(RuntimeApiStandIn.Outcome outcome) {
        if (outcome.kind() == RuntimeApiStandIn.Outcome.Kind.RESPONSE) {
            // An HTTP API handler answers errors as data: a 5xx page is a failed run too.
            return outcome.body().matches("(?s)\\{\"statusCode\":5\\d\\d.*")
                    ? "HTTP " + outcome.body().substring(13, 16)
                    : null;
        }
        String body = outcome.body();
        return outcome.kind() + ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }

    private long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Bytes of live objects: a full GC, then the class histogram's total. */
    private long liveHeap(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        javaHome.resolve("bin/jcmd").toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return text.lines()
                .filter(line -> line.startsWith("Total"))
                .findFirst()
                .map(line -> Long.parseLong(line.trim().split("\\s+")[2]))
                .orElse(-1L);
    }

    private static int countLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return (int) lines.count();
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static long clockTicks() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                .redirectErrorStream(true)
                .start();
        String text = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        getconf.waitFor();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
