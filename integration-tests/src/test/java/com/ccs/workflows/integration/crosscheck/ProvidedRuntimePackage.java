package com.ccs.workflows.integration.crosscheck;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A function's Lambda zip repackaged for an emulator's {@code provided.al2023} runtime: the zip's classes and
 * jars unchanged, plus the AWS Lambda Java runtime interface client (and what it needs) under {@code lib/}, and a
 * {@code bootstrap} that starts it on a local JDK with Lambda's JVM flags. MiniStack runs {@code provided}
 * functions as local processes but answers {@code java25} ones with a stand-in, so this is how the real handler
 * code runs behind MiniStack's own Step Functions. It is a test artifact; the template deploys java25.
 */
public final class ProvidedRuntimePackage {
    /** Jars of the test class path the runtime interface client needs beside what every function zip has. */
    private static final List<String> RUNTIME_JARS =
            List.of("aws-lambda-java-runtime-interface-client-", "aws-lambda-java-serialization-", "utils-lite-");

    private static final String BOOTSTRAP = """
      #!/bin/sh
      # The function's code run by the Lambda Java runtime interface client on the JDK named by JAVA_HOME.
      exec "${JAVA_HOME:-/usr}/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m \\
        -cp "$LAMBDA_TASK_ROOT:$LAMBDA_TASK_ROOT/lib/*" \\
        com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$_HANDLER"
      """;

    private ProvidedRuntimePackage() {}

    public static byte[] of(Path functionZip) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes);
                ZipInputStream in = new ZipInputStream(Files.newInputStream(functionZip))) {
            java.util.Set<String> names = new java.util.HashSet<>();
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            for (Path jar : runtimeJars()) {
                if (!names.add("lib/" + jar.getFileName())) {
                    continue; // the function ships it already
                }
                out.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                try (InputStream source = Files.newInputStream(jar)) {
                    source.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("bootstrap"));
            out.write(BOOTSTRAP.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<Path> runtimeJars() {
        List<Path> jars = java.util.Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> RUNTIME_JARS.stream()
                        .anyMatch(prefix -> p.getFileName().toString().startsWith(prefix)))
                .toList();
        if (jars.size() < RUNTIME_JARS.size()) {
            throw new IllegalStateException(
                    "the runtime interface client's jars are not all on the test class path: " + jars);
        }
        return jars;
    }
}
