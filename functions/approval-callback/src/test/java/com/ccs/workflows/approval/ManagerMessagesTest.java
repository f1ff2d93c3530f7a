package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.contract.ContractRequest;
import com.ccs.workflows.contract.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The manager's message and reminder: plain text, in the configured language, with the page's formats. */
class ManagerMessagesTest {
    private static final Instant CREATED = Instant.parse("2026-12-06T22:24:31Z");
    private static final Approval APPROVAL = new Approval(
            "apr_SampleApproval-0000001",
            "exec-module-75",
            "TOKEN-secret",
            new RequestSummary(
                    "CUST-98765",
                    "Transportes Ñandú S.A.S.",
                    75,
                    "premium",
                    15_000_000,
                    "RUT",
                    "900123456-8",
                    List.of("ABC123", "DEF456")),
            Fakes.MANAGER,
            ApprovalStatus.PENDING,
            CREATED,
            CREATED.plus(Duration.ofDays(1)),
            null,
            null,
            null,
            null,
            List.of());

    @Test
    void theSpanishMessageListsTheFactsAsThePageDoesAndBothLinks() {
        ManagerMessage message = new ManagerMessages(Fakes.signer(), ApprovalLanguage.ES_CO).request(APPROVAL, CREATED);

        assertThat(message.subject()).isEqualTo("Aprobacion requerida: Transportes Nandu S.A.S. (75 vehiculos)");
        assertThat(message.body())
                .startsWith("Una solicitud de contrato necesita su aprobación.\n\n")
                .contains("Empresa:          Transportes Ñandú S.A.S.\n")
                .contains("Documento:        RUT 900123456-8\n")
                .contains("Placas:           ABC123, DEF456 (2 de 75)\n")
                .contains("Tipo de contrato: Premium\n")
                .contains("Valor estimado:   $ 15.000.000 COP\n")
                .contains("Recibida:         6 dic 2026, 17:24 (hora de Bogotá)\n")
                .contains("Plazo:            vence el 7 dic 2026, 17:24 (hora de Bogotá), en 24 h\n")
                .contains("Aprobar:  " + Fakes.signer().link(APPROVAL, Decision.APPROVE) + "\n\n")
                .contains("Rechazar: " + Fakes.signer().link(APPROVAL, Decision.REJECT) + "\n\n")
                .doesNotContain("TOKEN-secret");
    }

    @Test
    void theSummaryOfARequestKeepsItsDocumentAndPlatesAndNeverLogsTheNumber() {
        RequestSummary summary = RequestSummary.of(ContractRequest.parse(Requests.valid(), ""));

        assertThat(summary.documentType()).isEqualTo("RUT");
        assertThat(summary.documentId()).isEqualTo("900123456-8");
        assertThat(summary.plates()).containsExactly("ABC123", "DEF456");
        assertThat(summary.toString()).doesNotContain("900123456").contains("documentId=******4568");
    }

    @Test
    void theReminderSaysHowLongIsLeftInTheSameWords() {
        Instant now = APPROVAL.expiresAt().minus(Duration.ofMinutes(125));

        ManagerMessage es = new ManagerMessages(Fakes.signer(), ApprovalLanguage.ES_CO).reminder(APPROVAL, now);
        ManagerMessage en = new ManagerMessages(Fakes.signer(), ApprovalLanguage.EN).reminder(APPROVAL, now);

        assertThat(es.subject())
                .isEqualTo("Recordatorio - aprobacion requerida: Transportes Nandu S.A.S. (75 vehiculos)");
        assertThat(es.body())
                .startsWith("Recordatorio: esta solicitud de contrato sigue esperando su decisión. El plazo se"
                        + " cierra en 2 h;")
                .contains("vence el 7 dic 2026, 17:24 (hora de Bogotá), en 2 h");
        assertThat(en.body())
                .startsWith("Reminder: this contract request still waits for your decision. The approval"
                        + " window closes in 2 h;")
                .contains("Estimated value: $15,000,000 COP");
    }

    @Test
    void aLargeFleetListsTwentyPlatesAndCountsTheRest() {
        List<String> plates = IntStream.range(0, 300)
                .mapToObj(i -> String.format("AAA%03d", i))
                .toList();
        Approval big = new Approval(
                APPROVAL.approvalId(),
                "exec-big",
                "t",
                new RequestSummary(
                        "CUST-1", "Flota Grande", 10_000, "enterprise", 2_000_000_000, "NIT", "900123456-8", plates),
                Fakes.MANAGER,
                ApprovalStatus.PENDING,
                CREATED,
                APPROVAL.expiresAt(),
                null,
                null,
                null,
                null,
                List.of());

        String body = new ManagerMessages(Fakes.signer(), ApprovalLanguage.EN)
                .request(big, CREATED)
                .body();

        assertThat(body)
                .contains("Plates:          AAA000, AAA001,")
                .contains("AAA019 and 280 more (300 of 10,000)\n")
                .doesNotContain("AAA020");
    }

    @Test
    void aSubjectStaysAsciiAndUnderSnsLimitWhateverTheCompanyName() {
        Approval longName = new Approval(
                APPROVAL.approvalId(),
                "exec-1",
                "t",
                new RequestSummary(
                        "CUST-1",
                        "Compañía de Transportes Públicos y Logística del Caribe Colombiano S.A.S. — Sucursal Bogotá",
                        75,
                        "premium",
                        15_000_000),
                Fakes.MANAGER,
                ApprovalStatus.PENDING,
                CREATED,
                APPROVAL.expiresAt(),
                null,
                null,
                null,
                null,
                List.of());

        String subject = new ManagerMessages(Fakes.signer(), ApprovalLanguage.ES_CO)
                .request(longName, CREATED)
                .subject();

        assertThat(subject)
                .hasSizeLessThan(100)
                .matches("[\\x20-\\x7E]+")
                .startsWith("Aprobacion requerida: Compania de");
    }

    @Test
    void everyTextExistsInBothLanguages() {
        assertThat(Arrays.stream(ApprovalText.values())).allSatisfy(text -> {
            assertThat(text.in(ApprovalLanguage.ES_CO)).isNotBlank();
            assertThat(text.in(ApprovalLanguage.EN)).isNotBlank().isNotEqualTo(text.in(ApprovalLanguage.ES_CO));
        });
    }
}
