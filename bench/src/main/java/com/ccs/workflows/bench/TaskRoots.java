package com.ccs.workflows.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The deployable zips, unpacked as Lambda unpacks them into /var/task, and what they hold. */
final class TaskRoots {
    /** Jars of HTTP clients the functions must not carry (the SDK's Apache, Netty and CRT clients, Apache HttpClient). */
    static final Pattern UNWANTED_HTTP = Pattern.compile(
            "lib/(apache-client|apache5-client|netty-nio-client|aws-crt-client|netty-[^/]*|httpclient[^/]*|httpclient5[^/]*|httpcore[^/]*)\\.jar");

    private TaskRoots() {}

    static Path zip(Path project, String module) {
        return project.resolve("functions").resolve(module).resolve("target").resolve(module + ".zip");
    }

    /** Unpacks {@code zip} into a fresh {@code dir}. */
    static Path unpack(Path zip, Path dir) throws IOException {
        delete(dir);
        Files.createDirectories(dir);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                Path to = dir.resolve(entry.getName()).normalize();
                if (!to.startsWith(dir)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, to);
                    }
                }
            }
        }
        return dir;
    }

    /** A baseline's task root: its one class (from {@code handler}, {@code com.example.Class::method}) alone. */
    static Path hello(Path dir, String handler) throws IOException {
        delete(dir);
        String file = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
        Path to = dir.resolve(file);
        Files.createDirectories(to.getParent());
        try (InputStream in = TaskRoots.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException(file + " is not on the bench's class path");
            }
            Files.copy(in, to);
        }
        return dir;
    }

    /** The jars under lib/ of {@code zip} that are HTTP clients the functions should not carry. */
    static List<String> unwantedHttpClients(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> UNWANTED_HTTP.matcher(name).matches())
                    .map(name -> name.substring(4, name.length() - 4))
                    .sorted()
                    .toList();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
