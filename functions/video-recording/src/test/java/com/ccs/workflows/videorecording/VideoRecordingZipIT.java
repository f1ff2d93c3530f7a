package com.ccs.workflows.videorecording;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.testing.Emulators;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The zip Lambda runs, not the module's class path: the IoT data-plane client (2.41.5, the newest the project can
 * get) next to the AWS SDK core of the other clients (a later 2.x) must publish a start command. The zip is unpacked
 * as Lambda does (classes at the root, jars in lib/), loaded in a class loader of its own, and its handler invoked
 * through Lambda's stream interface against MiniStack's DynamoDB and IoT Core.
 */
class VideoRecordingZipIT {
    private static final Path SAMPLE = Path.of("../../events/functions/video-recording/panic-button.json");
    private static final Pattern JAR = Pattern.compile("lib/(iotdataplane|sdk-core|dynamodb)-(\\d[\\w.-]*)\\.jar");
    private static final String PREFIX =
            "ccs/zip" + UUID.randomUUID().toString().substring(0, 8) + "/vehicles";

    private static DynamoDbClient dynamoDb;
    private static RecordingsTable table;

    @BeforeAll
    static void createTable() {
        dynamoDb = AwsClients.build(DynamoDbClient.builder(), Emulators.awsEnvironment());
        table = RecordingsTable.create(dynamoDb);
    }

    @AfterAll
    static void deleteTable() {
        if (table != null) {
            table.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @Test
    void theBuiltZipsIotClientPublishesOnTheNewerSdkCore() throws Exception {
        Path zip = Path.of("target/video-recording.zip");
        assertThat(zip).as("built by `package`, before integration tests run").exists();
        Path root = Files.createTempDirectory("video-recording-zip");
        Map<String, String> versions = unpack(zip, root);
        assertThat(versions).containsKeys("iotdataplane", "sdk-core", "dynamodb");
        assertThat(versions.get("iotdataplane")).isEqualTo("2.41.5");
        assertThat(versions.get("sdk-core"))
                .as("the core the other clients bring")
                .isEqualTo(versions.get("dynamodb"))
                .isNotEqualTo(versions.get("iotdataplane"));

        Map<String, String> env = new HashMap<>(Emulators.awsEnvironment());
        env.put("RECORDINGS_TABLE", table.name);
        env.put("VEHICLE_COMMAND_TOPIC_PREFIX", PREFIX);
        try (URLClassLoader function = new URLClassLoader(classPath(root), ClassLoader.getPlatformClassLoader());
                MqttWebSocketSubscriber vehicles = MqttWebSocketSubscriber.subscribe(
                        Emulators.aws(), "us-east-1", PREFIX + "/#", Duration.ofSeconds(10))) {
            Class<?> handlerClass = function.loadClass(VideoRecordingHandler.class.getName());
            assertThat(handlerClass.getClassLoader()).isSameAs(function);
            Object handler = handlerClass.getConstructor(Map.class).newInstance(env);
            Class<?> context = function.loadClass("com.amazonaws.services.lambda.runtime.Context");
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handlerClass
                    .getMethod("handleRequest", InputStream.class, OutputStream.class, context)
                    .invoke(
                            handler,
                            new ByteArrayInputStream(Files.readAllBytes(SAMPLE)),
                            answer,
                            lambdaContext(context));

            assertThat(answer.toString(StandardCharsets.UTF_8)).contains("\"status\":\"recording\"");
            MqttWebSocketSubscriber.Message command = vehicles.next();
            assertThat(command.topic()).isEqualTo(PREFIX + "/VEH-12345/commands");
            assertThat(command.text()).contains("START_RECORDING", "REC-INC-VEH-12345-1698765432000");
        }
    }

    /** Unpacks {@code zip} into {@code root}; returns the version of each SDK jar of interest. */
    private static Map<String, String> unpack(Path zip, Path root) throws IOException {
        Map<String, String> versions = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
                Matcher jar = JAR.matcher(entry.getName());
                if (jar.matches()) {
                    versions.put(jar.group(1), jar.group(2));
                }
            }
        }
        return versions;
    }

    private static URL[] classPath(Path root) throws IOException {
        List<URL> urls = new ArrayList<>(List.of(root.toUri().toURL()));
        try (Stream<Path> jars = Files.list(root.resolve("lib"))) {
            for (Path jar : jars.sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** A Lambda Context of the zip's own interface: the function name and a generous remaining time. */
    private static Object lambdaContext(Class<?> contextType) {
        return Proxy.newProxyInstance(
                contextType.getClassLoader(),
                new Class<?>[] {contextType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getFunctionName" -> "video-recording";
                    case "getAwsRequestId" -> UUID.randomUUID().toString();
                    case "getRemainingTimeInMillis" -> 2_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "getFunctionVersion" -> "1";
                    case "getInvokedFunctionArn" ->
                        "arn:aws:lambda:us-east-1:000000000000:function:video-recording:live";
                    case "toString" -> "zip-it-context";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
