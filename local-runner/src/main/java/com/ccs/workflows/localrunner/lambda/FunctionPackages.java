package com.ccs.workflows.localrunner.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The functions' deployment zips ({@code functions/<module>/target/<module>.zip}: classes at the root, jars in
 * {@code lib/}), unpacked as Lambda unpacks them into {@code /var/task}: once per zip build, into
 * {@code <tmp>/ccs-local-runner/<module>-<size>-<mtime>/}, reused by later runs until the zip is rebuilt.
 */
public final class FunctionPackages {
    private static final Map<Path, Path> UNPACKED = new ConcurrentHashMap<>();

    private FunctionPackages() {}

    /** The zip Maven builds for a module, or a clear error when it has not been built. */
    public static Path zipOf(Path projectDir, String module) {
        Path zip = projectDir
                .resolve("functions")
                .resolve(module)
                .resolve("target")
                .resolve(module + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("The function package " + zip + " does not exist: build the functions"
                    + " first with `./mvnw -B package -DskipTests` (from " + projectDir + ")");
        }
        return zip;
    }

    /** The class path of a zip: its unpacked root, then every jar under lib/ (Lambda's order). */
    public static List<URL> classPath(Path zip) {
        Path root = UNPACKED.computeIfAbsent(zip.toAbsolutePath().normalize(), FunctionPackages::unpack);
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(root.toUri().toURL());
            Path lib = root.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    for (Path jar : jars.filter(p -> p.toString().endsWith(".jar"))
                            .sorted()
                            .toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return urls;
    }

    private static Path unpack(Path zip) {
        try {
            Path cache = Path.of(System.getProperty("java.io.tmpdir"), "ccs-local-runner");
            Files.createDirectories(cache);
            Path unpacked = cache.resolve(zip.getFileName().toString().replace(".zip", "") + "-" + Files.size(zip) + "-"
                    + Files.getLastModifiedTime(zip).toMillis());
            if (Files.isDirectory(unpacked)) {
                return unpacked;
            }
            Path dir = Files.createTempDirectory(cache, "unpacking-");
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    Path target = dir.resolve(entry.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IOException("zip entry outside the package: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        copy(in, target);
                    }
                }
            }
            try {
                Files.move(dir, unpacked, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                delete(dir); // another run unpacked the same build first
            }
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the directory is under the system's temporary directory
        }
    }
}
