package com.ccs.workflows.bench;

import com.ccs.workflows.bench.warm.Warm;
import com.ccs.workflows.bench.warm.WarmWiring;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bench (run it with {@code bench/run}): per function, the deployable zip's size, cold starts through the
 * Lambda runtime interface client (each round starts every function once, hello-world included, in a rotating
 * order, so that the machine's drift spreads over all of them), classes loaded and live heap after the first
 * answer, warm invocation cost (JMH), and the emergency workflow end to end through the local runner. Prints one
 * table of medians; the detail of every run stays under bench/target/runs.
 */
public final class Bench {
    static final double MB = 1024 * 1024;
    static final double GOAL_ZIP_MB = 8;
    static final double GOAL_RATIO = 3.5;
    static final double GOAL_HEAP_MB = 16;
    static final double GOAL_WARM_P50_US = 100;
    static final double GOAL_WARM_P99_US = 200;

    record Options(
            Path project,
            int rounds,
            int warmIterations,
            boolean warm,
            boolean workflow,
            List<String> only,
            List<String> childFlags,
            boolean plainServe,
            List<String> serveArgs) {
        static Options parse(String[] args) {
            Path project = Path.of(System.getProperty("ccs.project.dir", "."))
                    .toAbsolutePath()
                    .normalize();
            int rounds = 9;
            int warmIterations = 5;
            boolean warm = true;
            boolean workflow = true;
            List<String> only = List.of();
            List<String> childFlags = new ArrayList<>();
            boolean plainServe = false;
            List<String> serveArgs = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--project" ->
                        project = Path.of(args[++i]).toAbsolutePath().normalize();
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--warm-iterations" -> warmIterations = Integer.parseInt(args[++i]);
                    case "--no-warm" -> warm = false;
                    case "--no-workflow" -> workflow = false;
                    case "--only" -> only = List.of(args[++i].split(","));
                    case "--child-flag" -> childFlags.add(args[++i]);
                    case "--plain-serve" -> plainServe = true;
                    case "--serve-arg" -> serveArgs.add(args[++i]);
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option " + args[i] + " (bench/run --help lists the options)");
                }
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1");
            }
            return new Options(
                    project,
                    rounds,
                    warmIterations,
                    warm,
                    workflow,
                    only,
                    List.copyOf(childFlags),
                    plainServe,
                    List.copyOf(serveArgs));
        }
    }

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        PrintStream out = System.out;
        PrintStream progress = System.err;
        Path project = options.project();
        Path work = project.resolve("bench/target/runs");
        Path javaHome = Path.of(System.getProperty("java.home"));
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadBefore = loadAverage();

        Tls tls = Tls.in(project.resolve("bench/target/tls"));
        String runtimeClassPath = classPath(project.resolve("bench/target/ric"));
        Map<String, Double> zipMb = new LinkedHashMap<>();
        Map<String, List<String>> unwanted = new HashMap<>();
        Map<String, Path> roots = new HashMap<>();
        Map<String, String> events = new HashMap<>();
        List<Target> targets = new ArrayList<>();
        try (RuntimeApiStandIn runtime = RuntimeApiStandIn.start();
                AwsStandIn aws = AwsStandIn.start(tls)) {
            for (Target target : Targets.all(aws.url())) {
                if (!target.baseline()
                        && !options.only().isEmpty()
                        && !options.only().contains(target.name())) {
                    continue;
                }
                targets.add(target);
                if (target.baseline()) {
                    roots.put(
                            target.name(),
                            TaskRoots.hello(project.resolve("bench/target/task/" + target.name()), target.handler()));
                    events.put(target.name(), "{}");
                    continue;
                }
                Path zip = TaskRoots.zip(project, target.module());
                if (!Files.isRegularFile(zip)) {
                    throw new IllegalStateException(
                            zip + " is missing: build the functions first (./mvnw -B -q package -DskipTests)");
                }
                zipMb.put(target.name(), Files.size(zip) / MB);
                unwanted.put(target.name(), TaskRoots.unwantedHttpClients(zip));
                Path root = project.resolve("bench/target/task/" + target.module());
                if (!roots.containsValue(root)) {
                    TaskRoots.unpack(zip, root);
                }
                roots.put(target.name(), root);
                events.put(target.name(), Files.readString(project.resolve(target.event())));
            }

            ColdStart cold = new ColdStart(javaHome, runtimeClassPath, options.childFlags(), runtime, aws, tls, work);
            Workflow workflow = new Workflow(project, javaHome, work, options.plainServe(), options.serveArgs());
            boolean withWorkflow = options.workflow() && workflow.available();
            progress.println("Cold starts: " + options.rounds() + " rounds of " + targets.size() + " functions"
                    + (withWorkflow ? " and the emergency workflow" : "") + ", after one warm-up run");
            cold.run(
                    targets.getFirst(),
                    roots.get(targets.getFirst().name()),
                    events.get(targets.getFirst().name()));

            Map<String, List<ColdStart.Run>> runs = new LinkedHashMap<>();
            List<Double> workflowCold = new ArrayList<>();
            for (int round = 0; round < options.rounds(); round++) {
                List<Target> order = rotate(targets, round);
                StringBuilder line =
                        new StringBuilder(String.format(Locale.ROOT, "  round %d/%d:", round + 1, options.rounds()));
                for (Target target : order) {
                    ColdStart.Run run = cold.run(target, roots.get(target.name()), events.get(target.name()));
                    runs.computeIfAbsent(target.name(), name -> new ArrayList<>())
                            .add(run);
                    line.append(String.format(
                            Locale.ROOT,
                            " %s %.0f%s",
                            target.name(),
                            run.wallMs(),
                            run.failure() == null ? "" : " (failed)"));
                }
                if (withWorkflow) {
                    double ms = workflow.cold();
                    workflowCold.add(ms);
                    line.append(String.format(Locale.ROOT, " emergency-workflow %.0f", ms));
                }
                progress.println(line);
            }

            Map<String, Warm.Percentiles> warm = Map.of();
            if (options.warm()) {
                List<String> functions = WarmWiring.FUNCTIONS.stream()
                        .filter(f -> options.only().isEmpty() || options.only().contains(f))
                        .toList();
                progress.println("Warm invocations (JMH, " + options.warmIterations()
                        + " x 1 s warm-up and measurement per function)");
                warm = Warm.run(functions, ColdStart.LAMBDA_FLAGS, project, options.warmIterations());
            }
            List<Double> workflowWarm = List.of();
            if (withWorkflow) {
                progress.println("Emergency workflow, warm (local-runner serve, StartSyncExecution)");
                workflowWarm = workflow.warm(100, 300);
            }

            out.println();
            out.printf(
                    Locale.ROOT,
                    "ccs-workflows bench, %s, %s %s, %d CPUs, load %s -> %s, %d rounds (medians)%n",
                    started,
                    System.getProperty("java.vm.vendor"),
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    loadBefore,
                    loadAverage(),
                    options.rounds());
            out.println("Cold start: fresh JVM " + String.join(" ", ColdStart.LAMBDA_FLAGS)
                    + ", AWS Lambda runtime interface client, AWS/Stripe/registry calls on a local TLS endpoint;"
                    + " first answer measured from process start.");
            printTable(out, targets, zipMb, unwanted, runs, warm);
            printWorkflow(out, withWorkflow, workflowCold, workflowWarm, workflow);
            printCalls(out, targets, runs);
        }
    }

    private static void printTable(
            PrintStream out,
            List<Target> targets,
            Map<String, Double> zipMb,
            Map<String, List<String>> unwanted,
            Map<String, List<ColdStart.Run>> runs,
            Map<String, Warm.Percentiles> warm) {
        List<ColdStart.Run> hello = runs.get(Targets.HELLO);
        out.println();
        out.println(
                "function           zip MB  cold ms  cpu ms  x hello (wall/cpu)  classes  heap MB  warm p50 us  warm p99 us");
        for (Target target : targets) {
            List<ColdStart.Run> mine = runs.get(target.name());
            double wall = Stats.median(mine.stream().map(ColdStart.Run::wallMs).toList());
            double cpu = Stats.median(mine.stream().map(ColdStart.Run::cpuMs).toList());
            double wallRatio = Stats.median(ratios(mine, hello, ColdStart.Run::wallMs));
            double cpuRatio = Stats.median(ratios(mine, hello, ColdStart.Run::cpuMs));
            double classes = Stats.median(
                    mine.stream().map(run -> (double) run.classes()).toList());
            double heapMb =
                    Stats.median(mine.stream().map(run -> run.heapBytes() / MB).toList());
            Double zip = zipMb.get(target.name());
            boolean sdkOnly = !"process-payment".equals(target.name());
            Warm.Percentiles percentiles = warm.get(target.name());
            out.printf(
                    Locale.ROOT,
                    "%-18s %7s %8.0f %7.0f %9s /%6s %10s %8s %12s %12s%n",
                    target.name(),
                    zip == null ? "-" : mark(String.format(Locale.ROOT, "%.1f", zip), sdkOnly && zip > GOAL_ZIP_MB),
                    wall,
                    cpu,
                    mark(String.format(Locale.ROOT, "%.2f", wallRatio), !target.baseline() && wallRatio > GOAL_RATIO),
                    String.format(Locale.ROOT, "%.2f", cpuRatio),
                    String.format(Locale.ROOT, "%.0f", classes),
                    mark(String.format(Locale.ROOT, "%.1f", heapMb), !target.baseline() && heapMb > GOAL_HEAP_MB),
                    percentiles == null
                            ? "-"
                            : mark(
                                    String.format(Locale.ROOT, "%.1f", percentiles.p50()),
                                    percentiles.p50() > GOAL_WARM_P50_US),
                    percentiles == null
                            ? "-"
                            : mark(
                                    String.format(Locale.ROOT, "%.1f", percentiles.p99()),
                                    percentiles.p99() > GOAL_WARM_P99_US));
        }
        out.printf(
                Locale.ROOT,
                "* over the goal: zip <= %.0f MB for an SDK-only function, cold wall <= %.1fx hello-world (median of"
                        + " per-round ratios), live heap after init <= %.0f MB, warm p50 <= %.0f us, p99 <= %.0f us;"
                        + " classes loaded is shown, not a goal (SnapStart with priming loads them before a request on AWS).%n",
                GOAL_ZIP_MB,
                GOAL_RATIO,
                GOAL_HEAP_MB,
                GOAL_WARM_P50_US,
                GOAL_WARM_P99_US);
        String carriers = unwanted.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .sorted()
                .collect(Collectors.joining("; "));
        out.println("HTTP clients other than the SDK's URLConnection client in the zips: "
                + (carriers.isEmpty() ? "none" : carriers));
        runs.forEach((name, list) -> list.stream()
                .filter(run -> run.failure() != null)
                .findFirst()
                .ifPresent(run -> out.println("FAILED " + name + " ("
                        + list.stream().filter(r -> r.failure() != null).count() + " of " + list.size() + " runs): "
                        + run.failure())));
    }

    private static void printWorkflow(
            PrintStream out, boolean measured, List<Double> cold, List<Double> warm, Workflow workflow) {
        out.println();
        if (!measured) {
            out.println(
                    "Emergency workflow: not measured (--no-workflow, or local-runner/target/local-runner.jar is missing).");
            return;
        }
        long succeeded = cold.stream().filter(Double::isFinite).count();
        out.printf(
                Locale.ROOT,
                "Emergency workflow through the local runner (%s): cold %.0f ms (JVM start to printed result,"
                        + " median of %d runs%s); warm p50 %.2f ms, p99 %.2f ms (%d StartSyncExecution calls, one connection, to `%s`"
                        + " after 100 warm-up; it answered %.1f s after its launch).%n",
                Workflow.EVENT,
                Stats.median(cold),
                succeeded,
                succeeded == cold.size()
                        ? ""
                        : ", " + (cold.size() - succeeded) + " failed: see bench/target/runs/emergency-cold.log",
                Stats.percentile(warm, 50),
                Stats.percentile(warm, 99),
                warm.size(),
                workflow.serveCommand(),
                workflow.startupMs() / 1000);
    }

    private static void printCalls(PrintStream out, List<Target> targets, Map<String, List<ColdStart.Run>> runs) {
        out.println();
        out.println("Calls each cold start made on its sample event (answered by the local endpoint):");
        for (Target target : targets) {
            if (!target.baseline()) {
                List<ColdStart.Run> mine = runs.get(target.name());
                out.printf(
                        "  %-18s %s%n",
                        target.name(), String.join(", ", mine.getLast().calls()));
            }
        }
    }

    private static List<Double> ratios(
            List<ColdStart.Run> runs,
            List<ColdStart.Run> baseline,
            java.util.function.ToDoubleFunction<ColdStart.Run> value) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(runs.size(), baseline.size()); i++) {
            ratios.add(value.applyAsDouble(runs.get(i)) / value.applyAsDouble(baseline.get(i)));
        }
        return ratios;
    }

    private static String mark(String value, boolean overGoal) {
        return overGoal ? value + "*" : value;
    }

    private static <T> List<T> rotate(List<T> list, int by) {
        int shift = by % list.size();
        return Stream.concat(list.subList(shift, list.size()).stream(), list.subList(0, shift).stream())
                .toList();
    }

    private static String classPath(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    dir + " is missing: build the bench first (./mvnw -B -q package -DskipTests)");
        }
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.filter(path -> path.toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toString)
                    .collect(Collectors.joining(":"));
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
