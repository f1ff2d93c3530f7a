package com.ccs.workflows.localrunner.project;

import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The emergency sample end to end in-process, warm: median and p90 over many runs (each with its own event
 * timestamp, so each records a new incident). Run with
 * {@code java -cp local-runner/target/test-classes:local-runner/target/classes:<deps> ...EmergencyRunBench [runs]}.
 * A benchmark, not a test: timings depend on the machine.
 */
public final class EmergencyRunBench {
  private EmergencyRunBench() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    String template = TestProject.event("emergency/panic-button-critical.json");
    // The functions log to System.out (as in Lambda); the CLI sends that to a file. Here: nowhere.
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try (LocalDeployment deployment = TestProject.deploy()) {
      String arn = deployment.stateMachine("emergency").arn();
      deployment.warmFor(deployment.stateMachine("emergency"));
      long[] nanos = new long[runs];
      for (int i = -50; i < runs; i++) { // 50 warm-up runs
        String input = template.replace("1698765432000", Long.toString(1698765432000L + 1000 + i + 50));
        long start = System.nanoTime();
        Execution execution = deployment.engine().startExecution(arn, null, input);
        execution = deployment.engine().await(execution.arn(), Duration.ofSeconds(30));
        long elapsed = System.nanoTime() - start;
        if (execution.status() != ExecutionStatus.SUCCEEDED) {
          throw new IllegalStateException("run " + i + ": " + execution.status() + " " + execution.cause());
        }
        if (i >= 0) {
          nanos[i] = elapsed;
        }
      }
      Arrays.sort(nanos);
      System.err.printf(Locale.ROOT, "emergency sample, warm, %d runs: median %.2f ms, p90 %.2f ms, min %.2f ms%n",
          runs, nanos[runs / 2] / 1e6, nanos[runs * 9 / 10] / 1e6, nanos[0] / 1e6);
    }
    System.exit(0);
  }
}
