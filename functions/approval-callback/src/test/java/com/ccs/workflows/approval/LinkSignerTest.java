package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkSignerTest {
    private static final String ID = "apr_AAAAAAAAAAAAAAAAAAAAAA";
    private static final long EXPIRES = 1_900_000_000L;
    private final LinkSigner signer = Fakes.signer();

    @Test
    void aSignatureVerifiesForExactlyTheFieldsItWasMadeFor() {
        String sig = signer.sign(ID, Decision.APPROVE, EXPIRES, Fakes.MANAGER);

        assertThat(signer.verify(ID, Decision.APPROVE, EXPIRES, Fakes.MANAGER, sig))
                .isTrue();
        assertThat(signer.verify("apr_BBBBBBBBBBBBBBBBBBBBBB", Decision.APPROVE, EXPIRES, Fakes.MANAGER, sig))
                .as("other approval")
                .isFalse();
        assertThat(signer.verify(ID, Decision.REJECT, EXPIRES, Fakes.MANAGER, sig))
                .as("other decision")
                .isFalse();
        assertThat(signer.verify(ID, Decision.APPROVE, EXPIRES + 1, Fakes.MANAGER, sig))
                .as("other expiry")
                .isFalse();
        assertThat(signer.verify(ID, Decision.APPROVE, EXPIRES, "intruder@ccs.example", sig))
                .as("other approver")
                .isFalse();
    }

    @Test
    void aSignatureFromAnotherKeyOrAlteredInAnyCharacterIsRejected() {
        LinkSigner other =
                new LinkSigner(() -> "another-secret-of-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8), "");
        String sig = signer.sign(ID, Decision.APPROVE, EXPIRES, Fakes.MANAGER);

        assertThat(signer.verify(
                        ID,
                        Decision.APPROVE,
                        EXPIRES,
                        Fakes.MANAGER,
                        other.sign(ID, Decision.APPROVE, EXPIRES, Fakes.MANAGER)))
                .isFalse();
        for (int i = 0; i < sig.length(); i++) {
            char flipped = sig.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = sig.substring(0, i) + flipped + sig.substring(i + 1);
            assertThat(signer.verify(ID, Decision.APPROVE, EXPIRES, Fakes.MANAGER, tampered))
                    .as("changed at %d", i)
                    .isFalse();
        }
        for (String junk :
                List.of("", sig + "A", sig.substring(1), sig + "=", "not base64 at all!", sig.toLowerCase())) {
            assertThat(signer.verify(ID, Decision.APPROVE, EXPIRES, Fakes.MANAGER, junk))
                    .as(junk)
                    .isFalse();
        }
    }

    @Test
    void aSeparatorInTheApproverCannotShiftFieldsIntoAnotherValidSignature() {
        String sig = signer.sign(ID, Decision.APPROVE, EXPIRES, "a|b");

        assertThat(signer.verify(ID, Decision.APPROVE, EXPIRES, "a", sig)).isFalse();
    }

    @Test
    void linksCarryApproverExpiryAndSignatureButNothingElse() {
        Approval approval = Fakes.pendingApproval(
                ID,
                "exec-1",
                "SECRET-TASK-TOKEN",
                new RequestSummary("C", "Co", 60, "premium", 1),
                Instant.ofEpochSecond(EXPIRES - 60),
                Instant.ofEpochSecond(EXPIRES),
                null);

        String link = signer.link(approval, Decision.REJECT);

        assertThat(link)
                .isEqualTo(Fakes.BASE_URL + "/approvals/" + ID + "/reject?approver=manager%40ccs.example&expires="
                        + EXPIRES + "&sig=" + signer.sign(ID, Decision.REJECT, EXPIRES, Fakes.MANAGER));
        assertThat(link).doesNotContain("SECRET-TASK-TOKEN");
    }

    @Test
    void theSampleEventsAreSignedWithTheDocumentedTestSecret() {
        // Same values as events/functions/approval-callback/approve.json and reject.json.
        assertThat(signer.sign("apr_SampleApproval-0000001", Decision.APPROVE, 4102444800L, Fakes.MANAGER))
                .isEqualTo("-cLEc9Xx4OuX1yFqXq1vQUnBMGCZ9lG-8304pwrr2VE");
        assertThat(signer.sign("apr_SampleApproval-0000001", Decision.REJECT, 4102444800L, Fakes.MANAGER))
                .isEqualTo("pExL6bQgsSV_v7cDL_9Nm5jlak8F6zfzGykFChm3tRE");
    }
}
