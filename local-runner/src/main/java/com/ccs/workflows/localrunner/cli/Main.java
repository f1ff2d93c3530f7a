package com.ccs.workflows.localrunner.cli;

import com.ccs.workflows.localrunner.api.StepFunctionsApiServer;
import com.ccs.workflows.localrunner.diagram.WorkflowDiagrams;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.project.LocalDeployment;
import com.ccs.workflows.localrunner.project.StripeStandIn;
import com.ccs.workflows.localrunner.project.TopicMessage;
import com.ccs.workflows.localrunner.project.WorkflowRun;
import com.ccs.workflows.localrunner.tasks.MockConfig;
import java.io.Console;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local runner's command line.
 *
 * <pre>
 * run &lt;emergency|business&gt; &lt;event.json&gt; [--approve|--reject|--timeout] [--endpoint-url URL]
 *     [--stripe-base-url URL] [--stripe-customer ID=CARD]... [--param Name=Value]... [--project DIR] [--logs]
 *     [--mock-config F [--test-case NAME]]
 * execute --definition F --input F [--type STANDARD|EXPRESS] [--no-project] [same options]
 * serve [--port 8083] [same options]
 * diagrams [--check] [--project DIR]
 * </pre>
 *
 * <p>{@code execute} runs in the project's deployment (its functions and backends) when there is a project, and
 * otherwise (or with {@code --no-project}) in a bare engine whose AWS integrations go to the endpoint URL.
 *
 * <p>Exit code 0 when the execution succeeded, 1 when it failed (error and cause printed), 2 on a usage error.
 */
public final class Main {
    static final String USAGE = """
      Usage:
        run <emergency|business> <event.json> [options]   run a workflow of template.yaml on an event
        execute --definition <asl.json> --input <input.json> [--type STANDARD|EXPRESS] [options]
        serve [--port 8083] [options]                    the Step Functions API with both workflows deployed
        diagrams [--check]                               draw docs/diagrams/*.md and README.md's diagrams from
                                                         statemachines/*.asl.json (--check: only report drift)

      Options:
        --approve | --reject | --timeout   decide a manager approval unattended (default: ask in a terminal)
        --endpoint-url URL                 send every AWS call to URL (MiniStack, moto, LocalStack, AWS)
                                           instead of the embedded backends (also: AWS_ENDPOINT_URL)
        --stripe-base-url URL              Stripe API for process-payment, e.g. stripe-mock
                                           (default: the built-in Stripe test-mode stand-in)
        --stripe-customer ID=CARD          the stand-in's Stripe customer for platform customer ID (repeatable):
                                           CARD is its saved card, a Stripe test token such as pm_card_visa or
                                           pm_card_visa_chargeDeclinedInsufficientFunds; none (no Stripe
                                           customer) or no-card (a customer without a saved card). Default:
                                           every customer has pm_card_visa saved
        --param Name=Value                 override a template parameter (repeatable)
        --project DIR                      the project (default: the directory holding template.yaml,
                                           searched upwards from the current directory)
        --logs                             show the functions' logs on stderr (default: a file)
        --mock-config FILE                 Step Functions Local's mock configuration (also: SFN_MOCK_CONFIG):
                                           executions started as stateMachineArn#TestCase answer the states
                                           their test case mocks
        --test-case NAME                   run and execute: use this test case of the mock configuration
        --no-project                       execute: a bare engine, no template deployed; AWS integrations go
                                           to --endpoint-url / AWS_ENDPOINT_URL (none: such Tasks fail)
      """;

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        int code;
        try {
            code = run(args, out, System.err);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            code = 2;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("The local runner failed: " + e);
            e.printStackTrace();
            code = 3;
        }
        out.flush();
        System.exit(code);
    }

    /** Runs a command, printing the report on {@code out}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a = Arguments.parse(args);
        if (a.command.equals("diagrams")) {
            return diagrams(projectDir(a.project), a.check, out);
        }
        MockConfig mocks = mocks(a.mockConfig, System.getenv());
        if (a.testCase != null && mocks == null) {
            throw new UsageException("--test-case needs a mock configuration (--mock-config or SFN_MOCK_CONFIG)");
        }
        String endpoint = a.endpoint != null ? a.endpoint : System.getenv("AWS_ENDPOINT_URL");
        URI endpointUri = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
        if (a.command.equals("execute") && (a.noProject || a.project == null && findProject() == null)) {
            return Standalone.execute(a, endpointUri, mocks, out);
        }
        if (a.stripe != null && !a.stripeCustomers.isEmpty()) {
            throw new UsageException("--stripe-customer sets up the built-in Stripe stand-in: it does not apply with"
                    + " --stripe-base-url");
        }
        Path project = projectDir(a.project);
        PrintStream functionLog;
        Path logFile = null;
        if (a.logs) {
            functionLog = err;
        } else {
            try {
                logFile = Files.createTempFile("ccs-local-runner-", ".log");
                functionLog = new PrintStream(new FileOutputStream(logFile.toFile()), true, StandardCharsets.UTF_8);
            } catch (IOException e) {
                functionLog = new PrintStream(OutputStream.nullOutputStream());
            }
        }
        // The functions log (JSON lines, EMF metrics) to System.out, as in Lambda: keep them off the report.
        PrintStream stdout = System.out;
        System.setOut(functionLog);
        try {
            LocalDeployment.Options options = LocalDeployment.Options.defaults(project)
                    .withEndpoint(endpointUri)
                    .withStripeBaseUrl(a.stripe == null ? null : URI.create(a.stripe))
                    .withParameters(a.parameters)
                    .withFunctionLog(functionLog);
            try (LocalDeployment deployment = LocalDeployment.start(options)) {
                if (mocks != null) {
                    deployment.invoker().useMocks(mocks, a.testCase);
                }
                setUpStripeCustomers(deployment.stripe(), a.stripeCustomers);
                if (a.command.equals("serve")) {
                    return serve(deployment, a.port, mocks, out);
                }
                String workflow;
                String input;
                if (a.command.equals("execute")) {
                    String definition = read(a.definition, "--definition");
                    input = read(a.input, "--input");
                    StateMachineType type = StateMachineType.valueOf(a.type.toUpperCase(Locale.ROOT));
                    deployment.deploy("Execute", "local-execute", definition, type);
                    workflow = "Execute";
                } else {
                    workflow = a.workflow;
                    input = read(a.event, "event file");
                }
                // The workflow's functions initialise before the execution starts, as SnapStart (enabled in the
                // template)
                // initialises a published version before any invocation: their Tasks' TimeoutSeconds see no init time.
                Duration init = deployment.warmFor(deployment.stateMachine(workflow));
                WorkflowRun.Result result =
                        WorkflowRun.run(deployment, workflow, input, approver(a, out), Duration.ofMinutes(10));
                Report.print(out, result);
                out.println();
                out.printf(
                        Locale.ROOT,
                        "Deployed in %s, functions initialised in %s (SnapStart-like, before the run)," + " run %s.%n",
                        Report.human(deployment.deployTime()),
                        Report.human(init),
                        Report.human(result.wallTime()));
                if (logFile != null) {
                    out.println("Function logs: " + logFile);
                }
                return result.succeeded() ? 0 : 1;
            } catch (EngineException e) {
                out.println("Error      " + e.code());
                out.println("Cause      " + e.getMessage());
                return 1;
            } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
                throw new UsageException(e.getMessage());
            }
        } finally {
            System.setOut(stdout);
        }
    }

    /** Serves the Step Functions API until the process is stopped, printing what the workflows publish. */
    private static int serve(LocalDeployment deployment, int port, MockConfig mocks, PrintStream out) {
        deployment.stateMachines().values().forEach(deployment::warmForAsync);
        StepFunctionsApiServer server;
        try {
            server = StepFunctionsApiServer.start(deployment.engine(), port);
        } catch (IOException e) {
            throw new UsageException("Cannot serve on port " + port + ": " + e.getMessage());
        }
        out.println("Step Functions API   " + server.endpoint());
        deployment.stateMachines().values().forEach(m -> out.println("  " + m.type() + "  " + m.arn()));
        out.println("AWS endpoint         " + deployment.endpoint() + "   (DynamoDB, SNS, SQS, Secrets Manager)");
        out.println("HTTP API             " + deployment.httpApi().baseUrl()
                + "   (POST /contracts, POST /incidents, /approvals/...)");
        deployment
                .startPipes(2)
                .forEach(pipe -> out.println("Pipe                 "
                        + pipe.spec().queueArn() + " -> " + pipe.spec().stateMachineArn()));
        if (mocks != null) {
            out.println("Mock test cases      "
                    + mocks.testCases().keySet().stream()
                            .sorted()
                            .map(machine -> machine + ": "
                                    + String.join(
                                            ", ",
                                            mocks.testCases().get(machine).keySet().stream()
                                                    .sorted()
                                                    .toList()))
                            .toList()
                    + "   (start <stateMachineArn>#<TestCase>)");
        }
        out.println();
        String business = deployment.stateMachine("business").arn();
        out.println("Try:  aws stepfunctions start-execution --endpoint-url " + server.endpoint()
                + " --state-machine-arn " + business + " --name demo-1 --input file://events/business/"
                + "manager-approved-75-vehicles.json");
        out.println("Messages published to the topics appear below (the manager's holds the approval links). Ctrl-C"
                + " stops.");
        out.println();
        int seen = 0;
        while (true) {
            List<TopicMessage> messages = deployment.messages(true);
            for (; seen < messages.size(); seen++) {
                TopicMessage m = messages.get(seen);
                out.println("SNS " + m.topicArn() + (m.subject() == null ? "" : "  " + m.subject()));
                out.println("  " + m.body().replace("\n", "\n  "));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
                return 0;
            }
        }
    }

    /** Applies {@code --stripe-customer ID=CARD} to the stand-in's customers. */
    static void setUpStripeCustomers(StripeStandIn stripe, Map<String, String> cards) {
        cards.forEach((customer, card) -> {
            switch (card) {
                case "none" -> stripe.customers().withoutStripeCustomer(customer);
                case "no-card" -> stripe.customers().withoutCard(customer);
                default -> stripe.customers().withCard(customer, card);
            }
        });
    }

    private static WorkflowRun.Approver approver(Arguments a, PrintStream out) {
        if (a.decision != null) {
            return message -> a.decision;
        }
        Console console = System.console();
        if (console == null) {
            return message -> null;
        }
        return message -> {
            out.println();
            out.println("Manager approval requested: " + message.subject());
            out.println("  " + message.body().replace("\n", "\n  "));
            while (true) {
                String answer =
                        console.readLine("Decision: [a]pprove, [r]eject, let the window run ou[t], or open a link"
                                + " above in a browser, decide on its page and press Enter: ");
                if (answer == null) {
                    return WorkflowRun.Decision.TIMEOUT;
                }
                switch (answer.strip().toLowerCase(Locale.ROOT)) {
                    case "" -> {
                        return WorkflowRun.Decision.IN_BROWSER;
                    }
                    case "a", "approve" -> {
                        return WorkflowRun.Decision.APPROVE;
                    }
                    case "r", "reject" -> {
                        return WorkflowRun.Decision.REJECT;
                    }
                    case "t", "timeout" -> {
                        return WorkflowRun.Decision.TIMEOUT;
                    }
                    default -> out.println("Please answer a, r, t, or press Enter once decided in the browser.");
                }
            }
        };
    }

    /** --mock-config, else SFN_MOCK_CONFIG as Step Functions Local reads it; null when neither is given. */
    static MockConfig mocks(String file, Map<String, String> env) {
        try {
            MockConfig mocks = file != null
                    ? MockConfig.load(Path.of(file))
                    : MockConfig.fromEnvironment(env).orElse(null);
            if (mocks != null) {
                List<String> problems = mocks.problems();
                if (!problems.isEmpty()) {
                    throw new UsageException("The mock configuration is not valid: " + String.join("; ", problems));
                }
            }
            return mocks;
        } catch (IOException e) {
            throw new UsageException("Cannot read the mock configuration "
                    + (file != null ? file : env.get("SFN_MOCK_CONFIG")) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("The mock configuration is not valid (JSON, or a response key that is not N or"
                    + " N-M): " + e.getMessage());
        }
    }

    static String read(String file, String what) {
        if (file == null) {
            throw new UsageException("Missing " + what);
        }
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UsageException("Cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    /** Redraws the diagrams that differ from the definitions; with {@code check}, only names them (exit code 1). */
    private static int diagrams(Path project, boolean check, PrintStream out) {
        WorkflowDiagrams diagrams = new WorkflowDiagrams(project);
        List<Path> files = check ? diagrams.stale() : diagrams.write();
        if (files.isEmpty()) {
            out.println("The diagrams match statemachines/*.asl.json.");
            return 0;
        }
        files.forEach(f -> out.println((check ? "Out of date: " : "Written: ") + f));
        if (check) {
            out.println("Run " + WorkflowDiagrams.COMMAND + " to redraw them.");
        }
        return check ? 1 : 0;
    }

    /** --project, else the system property ccs.project.dir, else the nearest directory with template.yaml. */
    static Path projectDir(String explicit) {
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path found = findProject();
        if (found == null) {
            throw new UsageException("No template.yaml in the current directory or above: run from the project or pass"
                    + " --project DIR");
        }
        return found;
    }

    /** The system property ccs.project.dir, else the nearest directory with template.yaml, else null. */
    private static Path findProject() {
        String property = System.getProperty("ccs.project.dir");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        return null;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line. */
    static final class Arguments {
        String command;
        String workflow;
        String event;
        String definition;
        String input;
        String type = "STANDARD";
        String endpoint;
        String stripe;
        String project;
        String mockConfig;
        String testCase;
        boolean noProject;
        boolean logs;
        boolean check;
        int port = 8083;
        WorkflowRun.Decision decision;
        final Map<String, String> parameters = new LinkedHashMap<>();
        final Map<String, String> stripeCustomers = new LinkedHashMap<>();

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--approve" -> a.decide(WorkflowRun.Decision.APPROVE);
                    case "--reject" -> a.decide(WorkflowRun.Decision.REJECT);
                    case "--timeout" -> a.decide(WorkflowRun.Decision.TIMEOUT);
                    case "--logs" -> a.logs = true;
                    case "--no-project" -> a.noProject = true;
                    case "--check" -> a.check = true;
                    case "--mock-config" -> a.mockConfig = value(args, ++i, arg);
                    case "--test-case" -> a.testCase = value(args, ++i, arg);
                    case "--endpoint-url" -> a.endpoint = value(args, ++i, arg);
                    case "--stripe-base-url" -> a.stripe = value(args, ++i, arg);
                    case "--project" -> a.project = value(args, ++i, arg);
                    case "--definition" -> a.definition = value(args, ++i, arg);
                    case "--input" -> a.input = value(args, ++i, arg);
                    case "--type" -> a.type = value(args, ++i, arg);
                    case "--port" -> {
                        try {
                            a.port = Integer.parseInt(value(args, ++i, arg));
                        } catch (NumberFormatException e) {
                            throw new UsageException("--port takes a number");
                        }
                    }
                    case "--param" -> {
                        String pair = value(args, ++i, arg);
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            throw new UsageException("--param takes Name=Value, got " + pair);
                        }
                        a.parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                    case "--stripe-customer" -> {
                        String pair = value(args, ++i, arg);
                        int eq = pair.lastIndexOf('=');
                        String card = eq <= 0 ? "" : pair.substring(eq + 1);
                        if (!card.equals("none") && !card.equals("no-card") && !card.matches("pm_card_\\w+")) {
                            throw new UsageException(
                                    "--stripe-customer takes ID=CARD, CARD a Stripe test card (pm_card_visa,"
                                            + " pm_card_visa_chargeDeclinedInsufficientFunds...), none or no-card; got "
                                            + pair);
                        }
                        a.stripeCustomers.put(pair.substring(0, eq), card);
                    }
                    case "-h", "--help", "help" -> throw new UsageException("ccs-workflows local runner");
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new UsageException("Unknown option " + arg);
                        }
                        positional.add(arg);
                    }
                }
            }
            if (positional.isEmpty()) {
                throw new UsageException("Missing command");
            }
            a.command = positional.get(0);
            switch (a.command) {
                case "run" -> {
                    if (positional.size() != 3) {
                        throw new UsageException("run takes a workflow (emergency or business) and an event file");
                    }
                    a.workflow = positional.get(1);
                    a.event = positional.get(2);
                }
                case "execute" -> {
                    if (positional.size() != 1) {
                        throw new UsageException("execute takes --definition and --input, no positional arguments");
                    }
                }
                case "serve", "diagrams" -> {
                    if (positional.size() != 1) {
                        throw new UsageException(a.command + " takes no positional arguments");
                    }
                }
                default -> throw new UsageException("Unknown command " + a.command);
            }
            return a;
        }

        private void decide(WorkflowRun.Decision d) {
            if (decision != null && decision != d) {
                throw new UsageException("--approve, --reject and --timeout exclude each other");
            }
            decision = d;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }
    }
}
