package com.ccs.workflows.localrunner.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which calls a fault rule takes: its operation, and a body holding each of its texts. */
class FaultsTest {
    private static final String CLAIM = """
      {"TableName":"incidents","Key":{"incident_id":{"S":"INC-VEH-1-1"}},"UpdateExpression":"SET claimed_at = :now"}""";
    private static final String STATUS = """
      {"TableName":"incidents","Key":{"incident_id":{"S":"INC-VEH-1-1"}},"UpdateExpression":"SET notified_at = :now"}""";
    private static final String OTHER_CLAIM = CLAIM.replace("INC-VEH-1-1", "INC-VEH-2-2");

    @Test
    void aRuleWithSeveralTextsTakesOnlyTheCallsWhoseBodyHoldsThemAll() {
        Faults faults = new Faults();
        Faults.Rule rule = faults.onCallContaining(
                "DynamoDB.UpdateItem",
                List.of("INC-VEH-1-1", "claimed_at"),
                Faults.dynamoDbThrottling(),
                Faults.ALWAYS);

        assertThat(faults.forCall("DynamoDB.UpdateItem", STATUS)).isEmpty();
        assertThat(faults.forCall("DynamoDB.UpdateItem", OTHER_CLAIM)).isEmpty();
        assertThat(faults.forCall("DynamoDB.PutItem", CLAIM)).isEmpty();
        assertThat(faults.forCall("DynamoDB.UpdateItem", CLAIM)).contains(Faults.dynamoDbThrottling());
        assertThat(rule.fired()).isEqualTo(1);
    }

    @Test
    void aRuleWithOneTextOrNoneStillMatchesAsBeforeAndStopsAfterItsCount() {
        Faults faults = new Faults();
        Faults.Rule any = faults.onCall("DynamoDB.UpdateItem", null, Faults.dynamoDbInternalError(), 1);
        Faults.Rule text = faults.onCall("DynamoDB.UpdateItem", "notified_at", Faults.dynamoDbThrottling(), 1);

        assertThat(faults.forCall("DynamoDB.UpdateItem", CLAIM)).contains(Faults.dynamoDbInternalError());
        assertThat(faults.forCall("DynamoDB.UpdateItem", CLAIM)).isEmpty();
        assertThat(faults.forCall("DynamoDB.UpdateItem", STATUS)).contains(Faults.dynamoDbThrottling());
        assertThat(faults.forCall("DynamoDB.UpdateItem", STATUS)).isEmpty();
        assertThat(any.fired()).isEqualTo(1);
        assertThat(text.fired()).isEqualTo(1);
    }
}
