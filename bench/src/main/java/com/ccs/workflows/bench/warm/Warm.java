package com.ccs.workflows.bench.warm;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link WarmInvocations} in a forked JVM with Lambda's flags and returns p50 and p99 per function. */
public final class Warm {
    /** Percentiles of one function's warm invocation, in microseconds. */
    public record Percentiles(double p50, double p99, long samples) {}

    private Warm() {}

    public static Map<String, Percentiles> run(
            List<String> functions, List<String> jvmFlags, Path project, int iterations) throws RunnerException {
        List<String> forkFlags = new java.util.ArrayList<>(jvmFlags);
        forkFlags.add("-Dccs.project.dir=" + project);
        if (Runtime.version().feature() >= 24) {
            // JMH 1.37 uses sun.misc.Unsafe, which JDK 24+ warns about in every forked JVM.
            forkFlags.add("--sun-misc-unsafe-memory-access=allow");
        }
        var options = new OptionsBuilder()
                .include(WarmInvocations.class.getName() + ".invoke")
                .param("function", functions.toArray(String[]::new))
                .forks(1)
                .warmupIterations(iterations)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgs(forkFlags.toArray(String[]::new))
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Percentiles> byFunction = new TreeMap<>();
        for (RunResult result : results) {
            var statistics = result.getPrimaryResult().getStatistics();
            byFunction.put(
                    result.getParams().getParam("function"),
                    new Percentiles(statistics.getPercentile(50), statistics.getPercentile(99), statistics.getN()));
        }
        return byFunction;
    }
}
