package com.ccs.workflows.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1 (made with the JDK's keytool) and a trust store holding the JDK's own
 * CA certificates plus that one, so a cold-started function loads a trust store of the usual size, as in Lambda.
 */
public record Tls(Path keyStore, Path trustStore, String password) {
    private static final String PASSWORD = "bench-only";

    /** Creates the key and trust stores under {@code dir} unless they are there already. */
    public static Tls in(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Tls tls = new Tls(dir.resolve("endpoint.p12"), dir.resolve("truststore.p12"), PASSWORD);
        if (Files.exists(tls.keyStore) && Files.exists(tls.trustStore)) {
            return tls;
        }
        Files.deleteIfExists(tls.keyStore);
        Files.deleteIfExists(tls.trustStore);
        Path cert = dir.resolve("endpoint.crt");
        keytool(
                "-genkeypair",
                "-alias",
                "endpoint",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "3650",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore",
                tls.keyStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "endpoint",
                "-file",
                cert.toString(),
                "-keystore",
                tls.keyStore.toString(),
                "-storepass",
                PASSWORD);
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        keytool(
                "-importkeystore",
                "-srckeystore",
                cacerts.toString(),
                "-srcstorepass",
                "changeit",
                "-destkeystore",
                tls.trustStore.toString(),
                "-deststoretype",
                "PKCS12",
                "-deststorepass",
                PASSWORD);
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "bench-endpoint",
                "-file",
                cert.toString(),
                "-keystore",
                tls.trustStore.toString(),
                "-storepass",
                PASSWORD);
        return tls;
    }

    /** The JVM options that make a process trust the endpoint. */
    public List<String> trustOptions() {
        return List.of(
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + password,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    /** The server side: the endpoint's key and certificate. */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output.strip());
        }
    }
}
