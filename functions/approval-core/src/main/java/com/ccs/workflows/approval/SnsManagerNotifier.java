package com.ccs.workflows.approval;

import com.ccs.workflows.shared.aws.SdkFaults;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes manager messages to the manager notifications topic. */
public final class SnsManagerNotifier implements ManagerNotifier {
    private final SnsClient sns;
    private final String topicArn;

    public SnsManagerNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public String publish(ManagerMessage message) {
        try {
            return sns.publish(
                            r -> r.topicArn(topicArn).subject(message.subject()).message(message.body()))
                    .messageId();
        } catch (SdkException e) {
            throw SdkFaults.translate("SNS", e);
        }
    }
}
