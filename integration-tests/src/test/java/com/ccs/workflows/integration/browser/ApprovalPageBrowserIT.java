package com.ccs.workflows.integration.browser;

import static com.ccs.workflows.integration.browser.HeadlessChromium.Device.DESKTOP;
import static com.ccs.workflows.integration.browser.HeadlessChromium.Device.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.integration.scenarios.Runs;
import com.ccs.workflows.integration.stack.LocalControls;
import com.ccs.workflows.integration.stack.LocalRunnerStack;
import com.ccs.workflows.integration.stack.TopicInbox.Notification;
import com.ccs.workflows.localrunner.faults.Faults;
import com.ccs.workflows.localrunner.lambda.InProcessFunction;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The manager's approval as a manager lives it, in headless Chromium against the local runner's HTTP API: a
 * contract request is submitted, the manager opens the link of the message the manager topic delivered on a phone
 * (390 px, emulated) or a desktop, reads the request, adds a comment and confirms; the execution goes on (approve)
 * or ends in "Approval Rejected" (reject). The same link again (already decided), after the window (the runner's
 * virtual clock let it run out), with a changed signature, for an unknown approval, from the reminder, and while
 * the approvals table is throttled, each shows its page. Every page is saved as a screenshot in
 * {@code target/screenshots/}. The stack runs with {@code ApprovalLanguage=auto}, so the pages follow each browser's
 * language: Spanish (Colombia) here, English in one window. Skipped where Chromium is not installed.
 */
class ApprovalPageBrowserIT {
    private static final Duration RUN = Duration.ofMinutes(2);
    private static final Pattern LINK = Pattern.compile(
            "https?://\\S+/approvals/(apr_[A-Za-z0-9_-]{22})/(approve|reject)\\?approver=([^&\\s]+)&expires=(\\d+)&sig=(\\S+)");
    private static final String SPANISH = "es-CO,es";
    /** "Plazo: vence el 7 dic 2026, 17:24 (hora de Bogotá), en 23 h". */
    private static final String SPANISH_DEADLINE =
            "Plazo: vence el \\d{1,2} [a-z]{3,4} \\d{4}, \\d{2}:\\d{2} \\(hora de Bogotá\\), en %s";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalRunnerStack stack;
    private static ChromeDriver phone;
    private static ChromeDriver desktop;

    /** A request as submitted: its execution, its plates. */
    private record Request(String executionId, String executionArn, String company, List<String> plates) {}

    /** The two links of one manager message. */
    private record Links(String approvalId, String approve, String reject) {}

    @BeforeAll
    static void start() {
        if (!HeadlessChromium.installed()) {
            return; // each test reports itself skipped (requireBrowser)
        }
        stack = new LocalRunnerStack(
                "local runner, in memory, pages in the browser's language",
                null,
                null,
                null,
                Map.of("ApprovalLanguage", "auto"));
        phone = HeadlessChromium.open(PHONE, SPANISH);
        desktop = HeadlessChromium.open(DESKTOP, SPANISH);
    }

    @BeforeEach
    void requireBrowser() {
        HeadlessChromium.assumeInstalled();
    }

    @AfterAll
    static void stop() {
        for (ChromeDriver driver : new ChromeDriver[] {phone, desktop}) {
            if (driver != null) {
                driver.quit();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aManagerApprovesOnAPhoneAndTheExecutionGoesOn() {
        Request request = submit("Transportes ABC S.A.S.");
        Links links = managerLinks(request, subject -> subject.startsWith("Aprobacion requerida"));

        phone.get(links.approve());

        // A phone layout, not a shrunken desktop page: the viewport is the phone's and nothing scrolls sideways.
        assertThat(script(phone, "return window.innerWidth")).isEqualTo(390L);
        assertThat((Long) script(phone, "return document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390L);
        assertThat(phone.getTitle()).isEqualTo("Aprobación de contrato · CCS");
        assertThat(text(phone, "h1")).isEqualTo("Aprobación de contrato");
        assertThat(text(phone, "#status")).isEqualTo("Pendiente de su decisión");
        assertThat(text(phone, "#lead"))
                .isEqualTo(request.company() + " solicita un contrato Premium para 75 vehículos.");
        assertThat(fact(phone, "company")).isEqualTo(request.company());
        assertThat(fact(phone, "customer")).startsWith("CUST-BR-");
        assertThat(fact(phone, "document")).isEqualTo("RUT 900123456-8");
        assertThat(fact(phone, "vehicles")).isEqualTo("75");
        assertThat(phone.findElements(By.cssSelector("#fact-plates li")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactlyElementsOf(request.plates());
        assertThat(fact(phone, "plates")).endsWith("2 de 75");
        assertThat(fact(phone, "contract-type")).isEqualTo("Premium");
        assertThat(fact(phone, "value")).isEqualTo("$ 15.000.000 COP");
        assertThat(fact(phone, "request")).isEqualTo(request.executionId());
        assertThat(fact(phone, "requested")).matches("\\d{1,2} [a-z]{3,4} \\d{4}, \\d{2}:\\d{2} \\(hora de Bogotá\\)");
        assertThat(text(phone, "#deadline")).matches(String.format(SPANISH_DEADLINE, "23 h"));
        // Both decisions, the clicked one chosen; the button says what it does; targets a thumb can hit.
        assertThat(phone.findElement(By.id("pick-approve")).isSelected()).isTrue();
        assertThat(phone.findElement(By.id("pick-reject")).isSelected()).isFalse();
        WebElement confirm = phone.findElement(By.id("confirm-approve"));
        assertThat(confirm.isDisplayed()).isTrue();
        assertThat(confirm.getText()).isEqualTo("Confirmar aprobación");
        assertThat(confirm.getSize().getHeight()).isGreaterThanOrEqualTo(44);
        assertThat(phone.findElement(By.id("confirm-reject")).isDisplayed()).isFalse();
        assertThat(phone.findElement(By.id("comment")).getCssValue("font-size")).isEqualTo("16px");
        HeadlessChromium.screenshot(phone, "pending-phone");

        String comment = "Flota verificada con ventas: 75 camiones.";
        phone.findElement(By.id("comment")).sendKeys(comment);
        confirm.click();
        awaitTitle(phone, "Decisión registrada");

        assertThat(text(phone, "#status")).isEqualTo("Aprobada");
        assertThat(text(phone, "#outcome")).startsWith("Aprobó la solicitud de " + request.company() + ".");
        assertThat(fact(phone, "decided-by")).isEqualTo("fleet-manager");
        assertThat(fact(phone, "comment")).isEqualTo(comment);
        HeadlessChromium.screenshot(phone, "approved-phone");
        DescribeExecutionResponse execution = Runs.awaitEnd(stack, request.executionArn(), RUN);
        assertThat(execution.status())
                .as(Runs.historyText(stack, execution.executionArn()))
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Runs.statePath(stack, execution.executionArn()))
                .containsSubsequence(
                        "Wait for Approval",
                        "Approved?",
                        "Create Contract",
                        "Process Payment",
                        "Activate Service",
                        "Complete");
        JsonNode approval = Runs.item(stack, "ApprovalsTable", "approval_id", links.approvalId());
        assertThat(approval.path("status").asText()).isEqualTo("approved");
        assertThat(approval.path("comment").asText()).isEqualTo(comment);

        // The same link again: the decision stands, who took it and when, and nothing changes.
        phone.get(links.approve());
        assertThat(text(phone, "h1")).isEqualTo("Decisión ya registrada");
        assertThat(text(phone, "#outcome"))
                .matches("Esta decisión ya estaba registrada: la solicitud fue aprobada por"
                        + " fleet-manager el .* \\(hora de Bogotá\\)\\. No se cambió nada\\.");
        assertThat(fact(phone, "comment")).isEqualTo(comment);
        assertThat(status(links.approve())).isEqualTo(409);
        HeadlessChromium.screenshot(phone, "already-decided-phone");
        phone.get(links.reject());
        assertThat(text(phone, "h1")).isEqualTo("Solicitud ya decidida");
        assertThat(status(links.reject())).isEqualTo(409);
    }

    @Test
    void aManagerWhoOpenedApproveRejectsOnADesktopAndTheRequestEndsRejected() {
        Request request = submit("Logística del Norte S.A.S.");
        Links links = managerLinks(request, subject -> subject.startsWith("Aprobacion requerida"));

        desktop.get(links.approve());

        assertThat(text(desktop, "#deadline")).matches(String.format(SPANISH_DEADLINE, "23 h"));
        // On a desktop the facts sit in two columns: label and value on one line.
        WebElement label = desktop.findElement(By.cssSelector("#fact-value dt"));
        WebElement value = desktop.findElement(By.cssSelector("#fact-value dd"));
        assertThat(value.getLocation().getX())
                .isGreaterThan(label.getLocation().getX() + label.getSize().getWidth());
        assertThat(Math.abs(value.getLocation().getY() - label.getLocation().getY()))
                .isLessThan(10);
        HeadlessChromium.screenshot(desktop, "pending-desktop");

        desktop.findElement(By.cssSelector("label[for=pick-reject]")).click();
        assertThat(desktop.findElement(By.id("pick-reject")).isSelected()).isTrue();
        assertThat(desktop.findElement(By.id("confirm-approve")).isDisplayed()).isFalse();
        WebElement confirm = desktop.findElement(By.id("confirm-reject"));
        assertThat(confirm.getText()).isEqualTo("Confirmar rechazo");
        desktop.findElement(By.id("comment")).sendKeys("El cupo de crédito no alcanza.");
        HeadlessChromium.screenshot(desktop, "reject-chosen-desktop");
        confirm.click();
        awaitTitle(desktop, "Decisión registrada");

        assertThat(text(desktop, "#status")).isEqualTo("Rechazada");
        assertThat(text(desktop, "#outcome")).startsWith("Rechazó la solicitud de " + request.company() + ".");
        HeadlessChromium.screenshot(desktop, "rejected-desktop");
        DescribeExecutionResponse execution = Runs.awaitEnd(stack, request.executionArn(), RUN);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("ApprovalRejected");
        assertThat(execution.cause()).isEqualTo("Rejected by fleet-manager: El cupo de crédito no alcanza.");
        assertThat(Runs.statePath(stack, execution.executionArn())).last().isEqualTo("Approval Rejected");
    }

    @Test
    void theLinkAfterTheWindowHasRunOutOnTheVirtualClockIsExpired() {
        LocalControls controls = stack.controls().orElseThrow();
        Request request = submit("Transportes del Valle S.A.S.");
        Links links = managerLinks(request, subject -> subject.startsWith("Aprobacion requerida"));
        DescribeExecutionResponse execution;
        try {
            controls.letWaitsRunOut(true); // the 24 h window passes in milliseconds
            execution = Runs.awaitEnd(stack, request.executionArn(), RUN);
        } finally {
            controls.letWaitsRunOut(false);
        }
        assertThat(execution.error()).isEqualTo("ApprovalTimedOut");

        phone.get(links.approve());

        assertThat(text(phone, "h1")).isEqualTo("Enlace vencido");
        assertThat(text(phone, "#status")).isEqualTo("Cerrada");
        assertThat(text(phone, "#outcome"))
                .matches("Este enlace venció el \\d{1,2} [a-z]{3,4} \\d{4}, \\d{2}:\\d{2}"
                        + " \\(hora de Bogotá\\): el plazo de aprobación se cerró y ya no sirve para decidir\\.");
        assertThat(status(links.approve())).isEqualTo(410);
        assertThat(phone.findElements(By.tagName("form"))).isEmpty();
        HeadlessChromium.screenshot(phone, "expired-phone");
    }

    @Test
    void aChangedSignatureIsRefusedAndAnUnknownApprovalIsNotFound() {
        Request request = submit("Carga Segura S.A.S.");
        Links links = managerLinks(request, subject -> subject.startsWith("Aprobacion requerida"));
        Matcher link = LINK.matcher(links.approve());
        assertThat(link.matches()).isTrue();
        String sig = link.group(5);
        String tampered =
                links.approve().replace("sig=" + sig, "sig=" + (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1));

        phone.get(tampered);

        assertThat(text(phone, "h1")).isEqualTo("Enlace no válido");
        assertThat(text(phone, "#status")).isEqualTo("No se registró nada");
        assertThat(phone.getPageSource()).doesNotContain(request.company()).doesNotContain(sig);
        assertThat(status(tampered)).isEqualTo(403);
        HeadlessChromium.screenshot(phone, "invalid-link-phone");

        // A link signed as the message signs it, for an approval that does not exist.
        String unknownId = "apr_NoSuchApproval00000000";
        String unknown =
                links.approve().substring(0, links.approve().indexOf("/approvals/")) + "/approvals/" + unknownId
                        + "/approve?approver=" + link.group(3) + "&expires=" + link.group(4) + "&sig="
                        + sign(unknownId, "approve", link.group(4), "fleet-manager");
        phone.get(unknown);
        assertThat(text(phone, "h1")).isEqualTo("Solicitud no encontrada");
        assertThat(status(unknown)).isEqualTo(404);
        HeadlessChromium.screenshot(phone, "not-found-phone");

        // The approval itself still waits, untouched: its own link still decides.
        assertThat(Runs.post(URI.create(links.reject()), "application/x-www-form-urlencoded", "comment=cierre")
                        .statusCode())
                .isEqualTo(200);
        assertThat(Runs.awaitEnd(stack, request.executionArn(), RUN).error()).isEqualTo("ApprovalRejected");
    }

    @Test
    void theReminderLinkSaysTheRequestStillWaitsAndAnEnglishBrowserReadsEnglish() {
        Request request = submit("Expreso Andino S.A.S.");
        Links first = managerLinks(request, subject -> subject.startsWith("Aprobacion requerida"));
        // What the reminder schedule does when its time comes: invoke the reminder function.
        InProcessFunction reminder =
                stack.controls().orElseThrow().deployment().functions().byLogicalId("ApprovalReminderFunction");
        InProcessFunction.Invocation reminded = reminder.invoke("{\"approval_id\":\"" + first.approvalId() + "\"}");
        assertThat(Runs.parse(reminded.payload()).path("reminded").asBoolean())
                .as(reminded.payload())
                .isTrue();
        Links again = managerLinks(request, subject -> subject.startsWith("Recordatorio"));
        assertThat(again.approve()).isEqualTo(first.approve());

        phone.get(again.approve());

        assertThat(text(phone, "#status")).isEqualTo("Recordatorio: pendiente de su decisión");
        assertThat(text(phone, "#reminder"))
                .isEqualTo("Le enviamos un recordatorio: esta solicitud sigue esperando su decisión.");
        HeadlessChromium.screenshot(phone, "reminder-phone");

        ChromeDriver english = HeadlessChromium.open(DESKTOP, "en-US,en");
        try {
            english.get(again.approve());
            assertThat(english.findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo("en");
            assertThat(text(english, "h1")).isEqualTo("Contract approval");
            assertThat(fact(english, "value")).isEqualTo("$15,000,000 COP");
            assertThat(text(english, "#deadline"))
                    .matches("Deadline: due \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} \\(Bogotá time\\), in 23 h");
            HeadlessChromium.screenshot(english, "reminder-desktop-en");
            english.findElement(By.id("comment")).sendKeys("Checked with sales.");
            english.findElement(By.id("confirm-approve")).click();
            awaitTitle(english, "Decision recorded");
            assertThat(text(english, "#outcome")).startsWith("You approved the request of " + request.company() + ".");
        } finally {
            english.quit();
        }
        assertThat(Runs.awaitEnd(stack, request.executionArn(), RUN).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aHostileCompanyNameIsShownAsTextAndRunsNothing() {
        String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"Cía\" S.A.S.";
        Request request = submit(hostile);
        Links links = managerLinks(request, subject -> subject.contains("S.A.S."));

        desktop.get(links.approve());

        assertThat(fact(desktop, "company")).isEqualTo(hostile);
        assertThat(text(desktop, "#lead")).startsWith(hostile + " solicita");
        assertThat(desktop.findElements(By.tagName("script"))).isEmpty();
        assertThat(desktop.findElements(By.tagName("img"))).isEmpty();
        assertThatThrownBy(() -> desktop.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        HeadlessChromium.screenshot(desktop, "hostile-name-desktop");
        assertThat(Runs.post(URI.create(links.reject()), "application/x-www-form-urlencoded", "comment=prueba")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aThrottledApprovalsTableIsAPageThatSaysToTryAgain() {
        Request request = submit("Rutas Unidas S.A.S.");
        Links links = managerLinks(request, subject -> subject.startsWith("Aprobacion requerida"));
        Faults faults = stack.controls().orElseThrow().faults();
        Faults.Rule throttled = faults.onCall("DynamoDB.GetItem", links.approvalId(), Faults.dynamoDbThrottling(), 50);
        try {
            phone.get(links.approve());
            assertThat(text(phone, "h1")).isEqualTo("Servicio ocupado");
            assertThat(text(phone, "#outcome"))
                    .isEqualTo("No se cambió nada. Intente de nuevo en un minuto con el mismo enlace.");
            HeadlessChromium.screenshot(phone, "busy-phone");
        } finally {
            faults.clear();
        }
        assertThat(throttled.fired()).isPositive();
        phone.get(links.approve());
        assertThat(text(phone, "h1")).isEqualTo("Aprobación de contrato");
        phone.findElement(By.id("confirm-approve")).click();
        awaitTitle(phone, "Decisión registrada");
        assertThat(Runs.awaitEnd(stack, request.executionArn(), RUN).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    // ---- the steps

    /** The module's 75-vehicle example for a customer and plates of its own, submitted through POST /contracts. */
    private static Request submit(String company) {
        ObjectNode body = Runs.sample("business/manager-approved-75-vehicles.json");
        String executionId = "exec-browser-" + Runs.unique();
        body.put("execution_id", executionId);
        body.put("customer_id", "CUST-BR-" + Runs.unique());
        body.with("company_info").put("name", company);
        List<String> plates = List.of(Runs.plate(), Runs.plate());
        for (int i = 0; i < plates.size(); i++) {
            ((ObjectNode) body.withArray("vehicles").get(i)).put("plate", plates.get(i));
        }
        HttpResponse<String> answer =
                Runs.post(stack.httpApi().resolve("/contracts"), "application/json", Runs.json(body));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new Request(
                executionId, Runs.parse(answer.body()).path("executionArn").asText(), company, plates);
    }

    /** The links of the newest message to the manager about {@code request} whose subject matches. */
    private static Links managerLinks(Request request, Predicate<String> subject) {
        List<Notification> found = stack.inbox()
                .await(
                        stack.topicArn("ManagerTopic"),
                        n -> n.message().contains(request.executionId()) && subject.test(String.valueOf(n.subject())),
                        1,
                        Duration.ofSeconds(30));
        assertThat(found).as("a manager message for %s", request.executionId()).isNotEmpty();
        String message = found.getLast().message();
        String approve = null;
        String reject = null;
        String approvalId = null;
        Matcher link = LINK.matcher(message);
        while (link.find()) {
            approvalId = link.group(1);
            if (link.group(2).equals("approve")) {
                approve = link.group();
            } else {
                reject = link.group();
            }
        }
        assertThat(approve).as("approve link in %s", message).isNotNull();
        assertThat(reject).as("reject link in %s", message).isNotNull();
        return new Links(approvalId, approve, reject);
    }

    /** The HTTP status of opening {@code link} (GET changes nothing). */
    private static int status(String link) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(link))
                .header("Accept", "text/html")
                .GET()
                .build();
        try {
            return HTTP.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A link signature as the approval functions make it, with the stack's own signing secret. */
    private static String sign(String approvalId, String decision, String expires, String approver) {
        var deployment = stack.controls().orElseThrow().deployment();
        String name = ProjectResources.secrets(deployment.resolver()).stream()
                .filter(s -> s.logicalId().equals("ApprovalSigningSecret"))
                .findFirst()
                .orElseThrow()
                .name();
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.builder().build())
                .endpointOverride(deployment.endpoint())
                .build()) {
            byte[] key = secrets.getSecretValue(r -> r.secretId(name))
                    .secretString()
                    .strip()
                    .getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal(
                    (approvalId + "|" + decision + "|" + expires + "|" + approver).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTitle(ChromeDriver driver, String h1) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.tagName("h1"), h1));
    }

    private static Object script(ChromeDriver driver, String script) {
        return driver.executeScript(script);
    }

    private static String text(ChromeDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** The value of a fact row ({@code #fact-<id> dd}) as the manager reads it. */
    private static String fact(ChromeDriver driver, String id) {
        return driver.findElement(By.cssSelector("#fact-" + id + " dd"))
                .getText()
                .replace('\n', ' ');
    }
}
