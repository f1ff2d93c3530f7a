package com.ccs.workflows.localrunner.project;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One function of the template, run in this JVM the way Lambda runs it: its deployment zip in its own class
 * loader (parent: the platform loader, so nothing of the runner leaks in, as in a Lambda container), its
 * environment from the template ({@code FunctionEnvironment.use}, called on the class as the function's loader
 * sees it), the handler constructed once per container (cold start) and reused (warm), a Lambda {@code Context},
 * input and output (de)serialised with Lambda's own serialisation library, the function timeout enforced, and a
 * thrown exception reported as Lambda reports it: error type = the exception's class name, payload
 * {@code {"errorMessage","errorType","stackTrace"}}.
 *
 * <p>A container serves one invocation at a time; concurrent invocations get more containers. A container whose
 * invocation timed out is discarded, as Lambda discards the sandbox.
 */
public final class InProcessFunction implements AutoCloseable {
    /** The error type Lambda reports for an invocation that ran past the function's timeout. */
    public static final String TIMEOUT_ERROR = "Sandbox.Timedout";
    /** The error type Lambda reports when the runtime process exits during an invocation. */
    public static final String CRASH_ERROR = "Runtime.ExitError";

    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String LOGGER = "com.amazonaws.services.lambda.runtime.LambdaLogger";
    private static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    private static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
    private static final String ENVIRONMENT = "com.ccs.workflows.shared.config.FunctionEnvironment";
    private static final String CLOCK = "com.ccs.workflows.shared.config.FunctionClock";

    private final FunctionSpec spec;
    private final Supplier<List<URL>> classPath;
    private final Map<String, String> environment;
    private final PrintStream log;
    private final Faults faults;
    private final java.time.Clock clock;
    private final ConcurrentLinkedDeque<Container> idle = new ConcurrentLinkedDeque<>();
    /** Every container not yet discarded, idle or invoked. */
    private final Set<Container> live = ConcurrentHashMap.newKeySet();

    private final AtomicInteger containers = new AtomicInteger();
    private final ThreadFactory runtimeThreads;
    private volatile CompletableFuture<Void> initializing = CompletableFuture.completedFuture(null);

    /** What one invocation returned: a payload, or the error Lambda reports. */
    public record Invocation(
            String requestId,
            String payload,
            String errorType,
            String errorPayload,
            boolean coldStart,
            Duration initDuration,
            Duration duration) {
        public boolean failed() {
            return errorType != null;
        }
    }

    /**
     * @param classPath the function's class path, asked for when the first container starts
     * @param environment the function's full environment (template variables plus AWS_ENDPOINT_URL, region ...)
     * @param log where the Lambda logger's lines go (the function's own JSON logger writes to System.out)
     */
    public InProcessFunction(
            FunctionSpec spec, Supplier<List<URL>> classPath, Map<String, String> environment, PrintStream log) {
        this(spec, classPath, environment, log, null);
    }

    /** @param faults crashes and timeouts to inject into invocations (null: none) */
    public InProcessFunction(
            FunctionSpec spec,
            Supplier<List<URL>> classPath,
            Map<String, String> environment,
            PrintStream log,
            Faults faults) {
        this(spec, classPath, environment, log, faults, null);
    }

    /**
     * @param clock the host's clock, handed to the function ({@code FunctionClock.use}) so that what it decides by
     *     the time agrees with the engine's (null: the function reads the system clock)
     */
    public InProcessFunction(
            FunctionSpec spec,
            Supplier<List<URL>> classPath,
            Map<String, String> environment,
            PrintStream log,
            Faults faults,
            java.time.Clock clock) {
        this.faults = faults;
        this.clock = clock;
        this.spec = spec;
        this.classPath = classPath;
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.putIfAbsent("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.putIfAbsent("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.putIfAbsent("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
        this.environment = Map.copyOf(env);
        this.log = log;
        this.runtimeThreads = Thread.ofPlatform()
                .daemon()
                .name("lambda-" + spec.name() + "-", 0)
                .factory();
    }

    public FunctionSpec spec() {
        return spec;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Initialises a container ahead of the first invocation, as SnapStart (enabled in the template for published
     * versions) does at publish time: the first invocation then starts warm.
     */
    public Duration warm() {
        Container container = newContainer();
        idle.push(container);
        return container.initDuration;
    }

    /**
     * Starts {@link #warm} in the background; an invocation arriving meanwhile waits for that container instead
     * of starting a second one.
     */
    public CompletableFuture<Void> warmAsync(Executor executor) {
        CompletableFuture<Void> init = CompletableFuture.runAsync(this::warm, executor);
        initializing = init;
        return init;
    }

    /** Invokes the function with a JSON event and waits for its answer (at most the function's timeout). */
    public Invocation invoke(String event) {
        String requestId = UUID.randomUUID().toString();
        long waitStart = System.nanoTime();
        boolean waited = !initializing.isDone();
        try {
            initializing.join();
        } catch (CompletionException e) {
            // the invocation below reports the initialisation error, as Lambda does
        }
        Duration waitedForInit = Duration.ofNanos(System.nanoTime() - waitStart);
        long start = System.nanoTime();
        Container pooled = idle.poll();
        boolean cold = pooled == null || waited;
        Container container;
        try {
            container = cold ? newContainer() : pooled;
        } catch (InitFailure failure) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Invocation(requestId, null, failure.errorType, failure.payload, true, elapsed, elapsed);
        }
        // An invocation that waited for a background initialisation counts it as its cold start.
        Duration init = pooled == null ? container.initDuration : waited ? waitedForInit : Duration.ZERO;
        Faults.Fault fault =
                faults == null ? null : faults.forFunction(spec.logicalId()).orElse(null);
        if (fault instanceof Faults.FunctionCrash) {
            container.close(); // the runtime process is gone; the next invocation starts cold
            String message = "RequestId: " + requestId + " Error: Runtime exited with error: exit status 1";
            ObjectNode payload = Json.object().put("errorType", CRASH_ERROR).put("errorMessage", message);
            return new Invocation(
                    requestId,
                    null,
                    CRASH_ERROR,
                    Json.write(payload),
                    cold,
                    init,
                    Duration.ofNanos(System.nanoTime() - start));
        }
        // As on Lambda, the function's timeout runs from the invocation, not from the container's initialisation.
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(spec.timeoutSeconds());
        Future<byte[]> call = container.runtime.submit(() -> container.handle(event, requestId, deadlineNanos));
        try {
            byte[] output = call.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (fault instanceof Faults.FunctionTimeout) {
                throw new TimeoutException("injected: the handler's answer is lost");
            }
            idle.push(container);
            return new Invocation(
                    requestId,
                    new String(output, StandardCharsets.UTF_8),
                    null,
                    null,
                    cold,
                    init,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (TimeoutException e) {
            call.cancel(true);
            container.close(); // the sandbox is gone; the next invocation starts cold
            String message = String.format(
                    Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds", requestId, (double)
                            spec.timeoutSeconds());
            ObjectNode payload = Json.object().put("errorType", TIMEOUT_ERROR).put("errorMessage", message);
            return new Invocation(
                    requestId,
                    null,
                    TIMEOUT_ERROR,
                    Json.write(payload),
                    cold,
                    init,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (ExecutionException e) {
            idle.push(container);
            Throwable thrown = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            return new Invocation(
                    requestId,
                    null,
                    thrown.getClass().getName(),
                    Json.write(errorPayload(thrown)),
                    cold,
                    init,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            container.close();
            throw new IllegalStateException("interrupted while " + spec.name() + " was running", e);
        }
    }

    /** Lambda's error payload for an exception: message, type, stack trace, and the cause chain. */
    static ObjectNode errorPayload(Throwable thrown) {
        ObjectNode payload = Json.object();
        payload.put("errorMessage", thrown.getMessage());
        payload.put("errorType", thrown.getClass().getName());
        ArrayNode trace = payload.putArray("stackTrace");
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith("jdk.internal.reflect")
                    || frame.getClassName().startsWith(InProcessFunction.class.getName())) {
                break; // the runner's own frames: Lambda's trace ends at the handler too
            }
            trace.add(frame.getClassName() + "." + frame.getMethodName() + "("
                    + (frame.getFileName() == null ? "Unknown Source" : frame.getFileName())
                    + (frame.getLineNumber() >= 0 ? ":" + frame.getLineNumber() : "") + ")");
        }
        if (thrown.getCause() != null && thrown.getCause() != thrown) {
            payload.set("cause", errorPayload(thrown.getCause()));
        }
        return payload;
    }

    private Container newContainer() {
        long start = System.nanoTime();
        URLClassLoader loader = new URLClassLoader(
                "lambda:" + spec.name() + "#" + containers.incrementAndGet(),
                classPath.get().toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            try {
                Class<?> env = Class.forName(ENVIRONMENT, true, loader);
                env.getMethod("use", Map.class).invoke(null, environment);
            } catch (ClassNotFoundException e) {
                // a function without shared-lib reads System.getenv(): it sees the host's environment
            }
            if (clock != null) {
                try {
                    Class<?> functionClock = Class.forName(CLOCK, true, loader);
                    functionClock.getMethod("use", java.time.Clock.class).invoke(null, clock);
                } catch (ClassNotFoundException e) {
                    // a function without shared-lib's FunctionClock reads the system clock
                }
            }
            Class<?> handlerClass = Class.forName(spec.handlerClass(), true, loader);
            Object handler = handlerClass.getConstructor().newInstance();
            return new Container(loader, handler, handlerClass, Duration.ofNanos(System.nanoTime() - start));
        } catch (InvocationTargetException e) {
            closeQuietly(loader);
            throw new InitFailure(e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            closeQuietly(loader);
            throw new InitFailure(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** An exception from the handler's construction: Lambda reports it as the invocation's error. */
    private static final class InitFailure extends RuntimeException {
        final String errorType;
        final String payload;

        InitFailure(Throwable cause) {
            super(cause);
            this.errorType = cause.getClass().getName();
            this.payload = Json.write(errorPayload(cause));
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        for (Container c; (c = idle.poll()) != null; ) {
            c.close();
        }
        live.forEach(c -> c.runtime.shutdownNow()); // invocations still running are interrupted
    }

    /**
     * One sandbox: a class loader with the handler constructed in it, the handler's (de)serialisers, and the thread
     * that runs its invocations one after the other, as Lambda's runtime does (a thread per invocation cost a
     * platform thread's start and end each time).
     */
    private final class Container {
        private final URLClassLoader loader;
        private final ExecutorService runtime = Executors.newSingleThreadExecutor(runtimeThreads);
        private final Object handler;
        private final Method method;
        private final boolean streaming;
        private final PojoSerializer<Object> input;
        private final PojoSerializer<Object> output;
        private final Class<?> contextType;
        private final Class<?> loggerType;
        final Duration initDuration;

        Container(URLClassLoader loader, Object handler, Class<?> handlerClass, Duration initDuration)
                throws ReflectiveOperationException {
            this.loader = loader;
            this.handler = handler;
            this.initDuration = initDuration;
            this.contextType = loader.loadClass(CONTEXT);
            this.loggerType = loader.loadClass(LOGGER);
            Class<?> streamHandler = loadOrNull(STREAM_HANDLER);
            this.streaming = streamHandler != null && streamHandler.isAssignableFrom(handlerClass);
            if (streaming) {
                this.method = handlerClass.getMethod(
                        spec.handlerMethod(), InputStream.class, OutputStream.class, contextType);
                this.input = null;
                this.output = null;
            } else {
                Type[] types = handlerTypes(handlerClass, loader.loadClass(REQUEST_HANDLER));
                this.method = handlerMethod(handlerClass, types[0]);
                this.input = serializer(types[0]);
                this.output = serializer(types[1]);
            }
            live.add(this);
        }

        byte[] handle(String event, String requestId, long deadlineNanos) throws Exception {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Object context = context(requestId, deadlineNanos);
                byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                if (streaming) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    method.invoke(handler, new ByteArrayInputStream(bytes), out, context);
                    return out.toByteArray();
                }
                Object in = input.fromJson(new ByteArrayInputStream(bytes));
                Object result = method.invoke(handler, in, context);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                output.toJson(result, out);
                return out.toByteArray();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        /** Lambda's serialiser for a handler type: its events library for event classes, Jackson otherwise. */
        @SuppressWarnings("unchecked")
        private PojoSerializer<Object> serializer(Type type) {
            if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
                return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader);
            }
            return JacksonFactory.getInstance().getSerializer(type);
        }

        private Object context(String requestId, long deadlineNanos) {
            Object logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (proxy, m, args) -> {
                if (m.getName().equals("log") && args != null && args.length > 0) {
                    Object line = args[0];
                    log.println(
                            line instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(line));
                    return null;
                }
                return defaultAnswer(proxy, m, args);
            });
            return Proxy.newProxyInstance(
                    loader, new Class<?>[] {contextType}, (proxy, m, args) -> switch (m.getName()) {
                        case "getAwsRequestId" -> requestId;
                        case "getLogGroupName" -> "/aws/lambda/" + spec.name();
                        case "getLogStreamName" -> "local/[1]" + requestId.substring(0, 8);
                        case "getFunctionName" -> spec.name();
                        case "getFunctionVersion" -> "1";
                        case "getInvokedFunctionArn" -> spec.aliasArn();
                        case "getRemainingTimeInMillis" ->
                            (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
                        case "getMemoryLimitInMB" -> spec.memoryMb();
                        case "getLogger" -> logger;
                        default -> defaultAnswer(proxy, m, args);
                    });
        }

        private Class<?> loadOrNull(String name) {
            try {
                return loader.loadClass(name);
            } catch (ClassNotFoundException e) {
                return null;
            }
        }

        void close() {
            live.remove(this);
            runtime.shutdownNow();
            closeQuietly(loader);
        }
    }

    private static Object defaultAnswer(Object proxy, Method m, Object[] args) {
        return switch (m.getName()) {
            case "toString" -> "LambdaContext";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> null; // identity, client context, tenant id, X-Ray trace id: none locally
        };
    }

    /** I and O of RequestHandler&lt;I, O&gt; as the handler class declares them (Object when raw). */
    static Type[] handlerTypes(Class<?> handlerClass, Class<?> requestHandler) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            for (Type type : c.getGenericInterfaces()) {
                if (type instanceof ParameterizedType p && p.getRawType() == requestHandler) {
                    return p.getActualTypeArguments();
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }

    private Method handlerMethod(Class<?> handlerClass, Type inputType) throws NoSuchMethodException {
        Class<?> raw = inputType instanceof ParameterizedType p
                ? (Class<?>) p.getRawType()
                : inputType instanceof Class<?> c ? c : Object.class;
        for (Method m : handlerClass.getMethods()) {
            if (m.getName().equals(spec.handlerMethod())
                    && m.getParameterCount() == 2
                    && !m.isBridge()
                    && m.getParameterTypes()[0].isAssignableFrom(raw)) {
                return m;
            }
        }
        throw new NoSuchMethodException(spec.handler() + "(" + inputType + ", Context)");
    }
}
