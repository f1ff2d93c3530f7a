package com.ccs.workflows.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Nothing secret is committed with the deployable configuration: template.yaml, samconfig.toml and every sample
 * event under events/ hold no Stripe secret or restricted key, no AWS access key, no private key, no password or
 * secret assigned a literal value; function environment variables that name a secret, key or token get a reference
 * (an ARN), never a value.
 *
 * <p>The approval sample events carry link signatures, not the signing secret: each one is checked to be the
 * HMAC-SHA256 of its link under the local-only test secret the approval-callback README documents (and
 * forged.json to fail that check), while the secret itself appears in no event.
 */
class SecretsInTemplateAndEventsTest {
    private static final Path ROOT = Path.of(System.getProperty("ccs.projectRoot", ".."))
            .toAbsolutePath()
            .normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Pattern> SECRET_PATTERNS = Map.of(
            "Stripe secret key", Pattern.compile("\\bsk_(live|test)_[0-9A-Za-z]{8,}"),
            "Stripe restricted key", Pattern.compile("\\brk_(live|test)_[0-9A-Za-z]{8,}"),
            "Stripe webhook secret", Pattern.compile("\\bwhsec_[0-9A-Za-z]{16,}"),
            "AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
            "AWS secret access key",
                    Pattern.compile("(?i)aws_?secret_?access_?key\\s*[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9/+=]{30,}"),
            "private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            "GitHub or Slack token", Pattern.compile("\\b(ghp_[A-Za-z0-9]{30,}|xox[abprs]-[A-Za-z0-9-]{10,})"),
            // A password or secret given a literal value; references (!Ref, ${...}, ARNs) and empty values are fine.
            "password or secret value",
                    Pattern.compile(
                            "(?i)[\"']?\\b(password|passwd|pwd|secret|client_secret|api_key|apikey|secret_key)\\b[\"']?\\s*[:=]\\s*[\"']?(?!\\s*[\"']?\\s*($|[,}]|!|\\$\\{|arn:))[^\\s\"',}]{4,}"));

    @Test
    void theDetectorRecognisesEachKindOfSecret() {
        // Built at run time so this source file holds no secret-looking literal itself.
        String digits = "4eC39HqLyjWDarjtT1zdp7dc";
        List<String> planted = List.of(
                "sk_" + "live_" + digits,
                "sk_" + "test_" + digits,
                "rk_" + "live_" + digits,
                "AKIA" + "IOSFODNN7EXAMPLE",
                "-----BEGIN RSA " + "PRIVATE KEY-----",
                "\"password\": \"hunter2-hunter2\"",
                "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "api_key: abcd1234efgh");
        planted.forEach(text -> assertThat(findings("planted", text)).as(text).isNotEmpty());
        List<String> harmless = List.of(
                "PasswordLength: 32",
                "StripeSecretArn: !Ref StripeSecret",
                "\"secret\": \"\"",
                "APPROVAL_SIGNING_SECRET_ARN: !Ref ApprovalSigningSecret",
                "\"payment_method_id\": \"pm_card_visa\"",
                "secret: ${STRIPE_SECRET}",
                "\"stripe_customer_id\": \"cus_Q7xKcT2mJ9aB4d\"");
        harmless.forEach(text -> assertThat(findings("harmless", text)).as(text).isEmpty());
    }

    @Test
    void templateSamconfigAndEventsHoldNoSecret() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("template.yaml"), ROOT.resolve("samconfig.toml")));
        try (Stream<Path> events = Files.walk(ROOT.resolve("events"))) {
            events.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(20);
        String testSecret = documentedApprovalTestSecret();
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            found.addAll(findings(ROOT.relativize(file).toString(), text));
            if (text.contains(testSecret)) {
                found.add(ROOT.relativize(file) + ": the approval link signing secret itself");
            }
        }
        System.out.println("secret scan: " + files.size() + " files (template.yaml, samconfig.toml, events/**)");
        assertThat(found).isEmpty();
    }

    @Test
    void functionEnvironmentVariablesNamingSecretsHoldReferencesNotValues() throws IOException {
        SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var function :
                template.resourcesOfType("AWS::Serverless::Function").entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> environment = (Map<String, Object>)
                    SamTemplate.properties(function.getValue()).get("Environment");
            @SuppressWarnings("unchecked")
            Map<String, Object> variables =
                    environment == null ? Map.of() : (Map<String, Object>) environment.get("Variables");
            for (var variable : variables.entrySet()) {
                if (variable.getKey().matches(".*(SECRET|PASSWORD|TOKEN|API_KEY|PRIVATE).*")) {
                    checked++;
                    if (!(variable.getValue() instanceof Map<?, ?>)
                            || !variable.getKey().endsWith("_ARN")) {
                        problems.add(function.getKey() + "." + variable.getKey() + " = " + variable.getValue());
                    }
                }
            }
        }
        assertThat(checked).as("secret-naming variables found").isGreaterThanOrEqualTo(4);
        assertThat(problems).as("variables that would carry a secret's value").isEmpty();
    }

    @Test
    void approvalSampleEventsCarrySignaturesMadeWithTheDocumentedLocalSecretNotTheSecret() throws Exception {
        String secret = documentedApprovalTestSecret();
        Path events = ROOT.resolve("events/functions/approval-callback");
        for (String file : List.of("approve.json", "reject.json", "open-approve-link.json", "forged.json")) {
            JsonNode event = JSON.readTree(events.resolve(file).toFile());
            String id = event.path("pathParameters").path("approval_id").asText();
            String decision = event.path("pathParameters").path("decision").asText();
            JsonNode query = event.path("queryStringParameters");
            String payload = id + "|" + decision + "|" + query.path("expires").asText() + "|"
                    + query.path("approver").asText();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
            boolean valid = expected.equals(query.path("sig").asText());
            assertThat(valid)
                    .as("%s signed with the documented local test secret", file)
                    .isEqualTo(!file.equals("forged.json"));
        }
    }

    /** The local-only signing secret the approval-callback README documents for its sample events. */
    private static String documentedApprovalTestSecret() throws IOException {
        String readme = Files.readString(ROOT.resolve("functions/approval-callback/README.md"));
        Matcher m = Pattern.compile("\\*\\*test secret\\*\\*\\s*`([^`]+)`").matcher(readme);
        assertThat(m.find())
                .as("the README documents the sample events' test secret")
                .isTrue();
        assertThat(m.group(1)).contains("not-for-production");
        return m.group(1);
    }

    private static List<String> findings(String where, String text) {
        List<String> out = new ArrayList<>();
        SECRET_PATTERNS.forEach((kind, pattern) -> {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                String match = m.group();
                out.add(where + ": " + kind + " (" + match.substring(0, Math.min(12, match.length())) + "...)");
            }
        });
        return out;
    }
}
