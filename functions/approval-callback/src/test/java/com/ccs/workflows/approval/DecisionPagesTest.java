package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pages behind the links, one per state of an approval, driven by the sample events through the handler: what a
 * manager reads, in which language, with which headers; every value escaped. The statuses are the decision logic's
 * (ApprovalCallbackHandlerTest, DecisionServiceTest); here, what the page says about each.
 */
class DecisionPagesTest {
    private static final String SAMPLE_ID = "apr_SampleApproval-0000001";
    private static final long EXPIRES = 4102444800L;
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    private static final String HOSTILE = "\"><script>alert(1)</script><img src=x onerror=alert(2)> & 'Cía'";

    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final Fakes.FakeTasks tasks = new Fakes.FakeTasks();
    private final DecisionService service = new DecisionService(store, tasks, Fakes.signer(), new MutableClock(NOW));

    DecisionPagesTest() {
        store.put(approval("Transportes ABC S.A.S.", ApprovalStatus.PENDING, null));
    }

    private static Approval approval(String company, ApprovalStatus status, Instant remindedAt) {
        return new Approval(
                SAMPLE_ID,
                "exec-module-75",
                "TOKEN-pages",
                new RequestSummary(
                        "CUST-98765",
                        company,
                        75,
                        "premium",
                        15_000_000,
                        "RUT",
                        "900123456-8",
                        List.of("ABC123", "DEF456")),
                Fakes.MANAGER,
                status,
                Instant.parse("2026-11-25T17:00:00Z"),
                Instant.ofEpochSecond(EXPIRES),
                NOW,
                remindedAt,
                null,
                null,
                List.of());
    }

    private HttpApiResponse send(LanguageSetting languages, Map<String, Object> event) {
        return HttpEvents.send(new ApprovalCallbackHandler(service, languages), event);
    }

    private HttpApiResponse send(String file) {
        return send(LanguageSetting.parse(null), HttpEvents.load(file));
    }

    /** The sample GET of the approve link turned into the reject link, signed as the message signs it. */
    private static Map<String, Object> openRejectLink() {
        Map<String, Object> event = HttpEvents.load("open-approve-link.json");
        event.put("pathParameters", Map.of("approval_id", SAMPLE_ID, "decision", "reject"));
        HttpEvents.query(event).put("sig", Fakes.signer().sign(SAMPLE_ID, Decision.REJECT, EXPIRES, Fakes.MANAGER));
        return event;
    }

    private static Map<String, Object> withHeader(Map<String, Object> event, String name, String value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = new HashMap<>((Map<String, Object>) event.get("headers"));
        headers.put(name, value);
        event.put("headers", headers);
        return event;
    }

    @Test
    void thePendingPageShowsWhatAManagerNeedsAndBothDecisionsWithTheClickedOneChosen() {
        HttpApiResponse response = send("open-approve-link.json");
        String page = response.body();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Language", "es-CO");
        assertThat(page)
                .startsWith("<!DOCTYPE html><html lang=\"es-CO\">")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("<title>Aprobación de contrato · CCS</title>")
                .contains("<strong>Transportes ABC S.A.S.</strong> solicita un contrato Premium para 75 vehículos.")
                .contains("<dt>Cliente</dt><dd>CUST-98765</dd>")
                .contains("<dt>Documento</dt><dd>RUT 900123456-8</dd>")
                .contains("<dt>Vehículos</dt><dd>75</dd>")
                .contains(
                        "<ul class=\"plates\"><li>ABC123</li><li>DEF456</li></ul><span class=\"muted\">2 de 75</span>")
                .contains("<dt>Valor estimado</dt><dd><span class=\"amount\">$ 15.000.000 COP</span></dd>")
                .contains("<dt>Recibida</dt><dd>25 nov 2026, 12:00 (hora de Bogotá)</dd>")
                .contains(">Plazo: vence el 31 dic 2099, 19:00 (hora de Bogotá), en 26.699 días</p>")
                .contains(
                        "<input class=\"pick\" type=\"radio\" name=\"choice\" id=\"pick-approve\" value=\"approve\" checked>")
                .contains("<input class=\"pick\" type=\"radio\" name=\"choice\" id=\"pick-reject\" value=\"reject\">")
                .contains("<textarea id=\"comment\" name=\"comment\" maxlength=\"1000\"")
                .contains(">Confirmar aprobación</button>")
                .contains(">Confirmar rechazo</button>")
                .contains("Enlace personal para manager@ccs.example.")
                .doesNotContain("<script")
                .doesNotContain("TOKEN-pages");
        // Each button posts its own decision's signed link.
        assertThat(formAction(page, "approve"))
                .isEqualTo(Fakes.signer().sign(SAMPLE_ID, Decision.APPROVE, EXPIRES, Fakes.MANAGER));
        assertThat(formAction(page, "reject"))
                .isEqualTo(Fakes.signer().sign(SAMPLE_ID, Decision.REJECT, EXPIRES, Fakes.MANAGER));
        assertThat(store.get(SAMPLE_ID).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    private static String formAction(String page, String decision) {
        Matcher action = Pattern.compile("id=\"confirm-" + decision + "\" formaction=\"" + decision
                        + "\\?approver=manager%40ccs\\.example&amp;expires=" + EXPIRES + "&amp;sig=([A-Za-z0-9_-]+)\"")
                .matcher(page);
        assertThat(action.find())
                .as("the %s button posts the %s link", decision, decision)
                .isTrue();
        return action.group(1);
    }

    @Test
    void theRejectLinkOpensWithRejectChosen() {
        String page = send(LanguageSetting.parse(null), openRejectLink()).body();

        assertThat(page)
                .contains("id=\"pick-reject\" value=\"reject\" checked>")
                .contains("id=\"pick-approve\" value=\"approve\">")
                .contains("<form method=\"post\" action=\"reject?approver=");
    }

    @Test
    void thePageLoadsNothingAndItsOnlyStyleIsAllowedByItsHash() throws Exception {
        HttpApiResponse response = send("open-approve-link.json");
        String csp = response.headers().get("Content-Security-Policy");
        Matcher style = Pattern.compile("<style>(.*?)</style>").matcher(response.body());

        assertThat(style.find()).isTrue();
        String hash = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(csp)
                .isEqualTo("default-src 'none'; style-src 'sha256-" + hash
                        + "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        assertThat(response.body())
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain("<img")
                .doesNotContain("style=\"")
                .doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void englishFollowsTheParameterOrUnderAutoTheBrowser() {
        Map<String, Object> englishBrowser =
                withHeader(HttpEvents.load("open-approve-link.json"), "accept-language", "en-US,en;q=0.9,es;q=0.5");

        String auto = send(LanguageSetting.auto(), englishBrowser).body();
        String fixedSpanish =
                send(LanguageSetting.parse("es-CO"), englishBrowser).body();
        String fixedEnglish = send(LanguageSetting.parse("en"), HttpEvents.load("open-approve-link.json"))
                .body();

        assertThat(auto)
                .startsWith("<!DOCTYPE html><html lang=\"en\">")
                .contains("<strong>Transportes ABC S.A.S.</strong> requests a Premium contract for 75 vehicles.")
                .contains("$15,000,000 COP")
                .contains("Deadline: due 31 Dec 2099, 19:00 (Bogotá time), in 26,699 days")
                .contains(">Confirm approval</button>");
        assertThat(fixedEnglish).isEqualTo(auto);
        assertThat(fixedSpanish).contains("lang=\"es-CO\"").contains("$ 15.000.000 COP");
    }

    @Test
    void aRemindedApprovalSaysSo() {
        store.put(approval("Transportes ABC S.A.S.", ApprovalStatus.PENDING, NOW.minus(Duration.ofMinutes(5))));

        String page = send("open-approve-link.json").body();

        assertThat(page)
                .contains("<body class=\"tone-pending reminded\">")
                .contains(">Recordatorio: pendiente de su decisión</p>")
                .contains("Le enviamos un recordatorio: esta solicitud sigue esperando su decisión.");
    }

    @Test
    void aDecisionConfirmsWhatWasDecidedByWhomAndWhenWithTheComment() {
        HttpApiResponse approved = send("approve.json");

        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body())
                .contains("<p class=\"badge\" id=\"status\">Aprobada</p><h1>Decisión registrada</h1>")
                .contains("Aprobó la solicitud de <strong>Transportes ABC S.A.S.</strong>.")
                .contains("<dt>Decidida por</dt><dd>manager@ccs.example</dd>")
                .contains("<dt>Fecha de la decisión</dt><dd>25 nov 2026, 13:00 (hora de Bogotá)</dd>")
                .contains("<span class=\"comment\">Fleet size verified with sales</span>")
                .contains("<h2>Detalle de la solicitud</h2>");

        HttpApiResponse again = send("approve.json");
        HttpApiResponse other = send("reject.json");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body())
                .contains("<h1>Decisión ya registrada</h1>")
                .contains(
                        "Esta decisión ya estaba registrada: la solicitud fue aprobada por manager@ccs.example el 25 nov"
                                + " 2026, 13:00 (hora de Bogotá). No se cambió nada.")
                .contains("Fleet size verified with sales");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body())
                .contains("<h1>Solicitud ya decidida</h1>")
                .contains(
                        "Esta solicitud ya fue aprobada por manager@ccs.example el 25 nov 2026, 13:00 (hora de Bogotá);"
                                + " la decisión no se puede cambiar.");
        assertThat(tasks.calls).hasValue(1);
    }

    @Test
    void aRejectionReadsAsOne() {
        String page = send("reject.json").body();

        assertThat(page)
                .contains("<body class=\"tone-rejected\">")
                .contains(">Rechazada</p>")
                .contains("Rechazó la solicitud de <strong>Transportes ABC S.A.S.</strong>. La solicitud termina sin"
                        + " contrato y sin cobro.");
    }

    @Test
    void anExpiredLinkAndAClosedWindowSayWhenTheyClosedAndWhatToDo() {
        HttpApiResponse link = send("expired-link.json");
        store.put(approval("Transportes ABC S.A.S.", ApprovalStatus.EXPIRED, null));
        HttpApiResponse window = send("open-approve-link.json");

        assertThat(link.statusCode()).isEqualTo(410);
        assertThat(link.body())
                .contains("<h1>Enlace vencido</h1>")
                .contains("Este enlace venció el 25 nov 2026, 12:00 (hora de Bogotá)")
                .contains("pida que la envíen de nuevo");
        assertThat(window.statusCode()).isEqualTo(410);
        assertThat(window.body())
                .contains("<h1>Plazo cerrado</h1>")
                .contains("se cerró el 31 dic 2099, 19:00 (hora de Bogotá)")
                .contains("RUT 900123456-8");
    }

    @Test
    void aTamperedOrUnknownOrBrokenLinkSaysWhatToDoAndEchoesNothing() {
        HttpApiResponse forged = send("forged.json");
        Map<String, Object> unknown = HttpEvents.load("open-approve-link.json");
        String otherId = "apr_UnknownApproval0000001";
        unknown.put("pathParameters", Map.of("approval_id", otherId, "decision", "approve"));
        HttpEvents.query(unknown).put("sig", Fakes.signer().sign(otherId, Decision.APPROVE, EXPIRES, Fakes.MANAGER));
        HttpApiResponse notFound = send(LanguageSetting.parse(null), unknown);
        Map<String, Object> broken = HttpEvents.load("open-approve-link.json");
        HttpEvents.query(broken).put("expires", "<b>soon</b>");
        HttpApiResponse malformed = send(LanguageSetting.parse(null), broken);
        Map<String, Object> put = HttpEvents.load("open-approve-link.json");
        put.put("requestContext", Map.of("http", Map.of("method", "PUT")));
        HttpApiResponse method = send(LanguageSetting.parse(null), put);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body())
                .contains("<h1>Enlace no válido</h1>")
                .contains("está incompleto o fue modificado")
                .contains("No se registró nada")
                .doesNotContain("Transportes ABC");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body())
                .contains("<h1>Solicitud no encontrada</h1>")
                .contains("mensaje de aprobación más reciente")
                .doesNotContain(otherId);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body())
                .contains("<h1>Enlace incompleto</h1>")
                .contains("Detalle técnico: <code>expires: is required and must be epoch seconds</code>")
                .doesNotContain("<b>soon")
                .doesNotContain("&lt;b&gt;soon");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.body()).contains("<h1>Acción no permitida</h1>");
    }

    @Test
    void aFaultIsAPageThatSaysWhatToDoNeverATrace() {
        store.failReads = true;
        HttpApiResponse busy = send("open-approve-link.json");
        store.failReads = false;
        tasks.faults.add(new IllegalStateException("Step Functions rejected SendTaskSuccess: AccessDenied"));
        HttpApiResponse fault = send("approve.json");

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.body()).contains("<h1>Servicio ocupado</h1>").contains("Intente de nuevo en un minuto");
        assertThat(fault.statusCode()).isEqualTo(500);
        assertThat(fault.body())
                .contains("<h1>Algo salió mal</h1>")
                .contains("No se registró nada.")
                .contains("escriba a soporte con esta referencia: <code>req-approve-0001</code>")
                .doesNotContain("AccessDenied")
                .doesNotContain("IllegalState")
                .doesNotContain("at com.");
    }

    @Test
    void aHostileCompanyNameCustomerAndCommentAreShownAsTextOnEveryPage() {
        store.put(new Approval(
                SAMPLE_ID,
                "exec-<i>x</i>",
                "TOKEN-pages",
                new RequestSummary(
                        "CUST-<u>9</u>",
                        HOSTILE,
                        75,
                        "<b>premium</b>",
                        15_000_000,
                        "RUT",
                        "9001<em>",
                        List.of("ABC123")),
                "manager@ccs.example",
                ApprovalStatus.PENDING,
                NOW,
                Instant.ofEpochSecond(EXPIRES),
                NOW,
                null,
                null,
                null,
                List.of()));
        Map<String, Object> approve = HttpEvents.load("approve.json");
        approve.put(
                "body", "comment=" + java.net.URLEncoder.encode("<script>alert('c')</script>", StandardCharsets.UTF_8));

        for (LanguageSetting language : List.of(LanguageSetting.parse("es-CO"), LanguageSetting.parse("en"))) {
            String pending =
                    send(language, HttpEvents.load("open-approve-link.json")).body();
            assertThat(pending)
                    .contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
                            + " &amp; &#39;Cía&#39;")
                    .contains("CUST-&lt;u&gt;9&lt;/u&gt;")
                    .contains("exec-&lt;i&gt;x&lt;/i&gt;")
                    .contains("&lt;b&gt;premium&lt;/b&gt;")
                    .contains("9001&lt;em&gt;");
            assertNoMarkupFromData(pending);
        }
        String recorded = send(LanguageSetting.parse(null), approve).body();
        String replay = send(LanguageSetting.parse(null), approve).body();
        for (String page : List.of(recorded, replay)) {
            assertThat(page).contains("&lt;script&gt;alert(&#39;c&#39;)&lt;/script&gt;");
            assertNoMarkupFromData(page);
        }
    }

    private static void assertNoMarkupFromData(String page) {
        assertThat(page)
                .doesNotContain("<script")
                .doesNotContain("<img")
                .doesNotContain("<u>")
                .doesNotContain("<i>")
                .doesNotContain("<b>")
                .doesNotContain("<em>")
                .doesNotContain("onerror=alert(2)>");
    }

    @Test
    void everyPageTextExistsInBothLanguages() {
        assertThat(Arrays.stream(PageText.values())).allSatisfy(text -> {
            assertThat(text.in(ApprovalLanguage.ES_CO)).isNotBlank();
            assertThat(text.in(ApprovalLanguage.EN)).isNotBlank().isNotEqualTo(text.in(ApprovalLanguage.ES_CO));
        });
    }

    @Test
    void jsonAnswersStayAsTheyWereWhateverTheLanguage() {
        Map<String, Object> json = withHeader(HttpEvents.load("forged.json"), "accept", "application/json");

        HttpApiResponse response = send(LanguageSetting.parse("es-CO"), json);

        assertThat(response.body())
                .isEqualTo("{\"error\":\"invalid_signature\",\"message\":\"This link is not valid. Use"
                        + " the link from the approval message as it was sent.\"}");
        assertThat(response.headers()).doesNotContainKey("Content-Language");
    }
}
