package com.ccs.workflows.videorecording;

import com.ccs.workflows.shared.aws.SdkFaults;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.PublishRequest;

/**
 * Sends commands through AWS IoT Core's message broker (HTTPS Publish of the data plane). QoS 1: the broker
 * keeps delivering to the vehicle's persistent session until the device acknowledges, so a vehicle briefly
 * offline still receives the command when it reconnects. Not retained: a retained start command would restart
 * a finished recording every time the device resubscribes.
 */
public final class IotCommandPublisher implements CommandPublisher {
    static final String DEPENDENCY = "AWS IoT data plane";
    static final int QOS_AT_LEAST_ONCE = 1;

    private final IotDataPlaneClient client;

    public IotCommandPublisher(IotDataPlaneClient client) {
        this.client = client;
    }

    @Override
    public void publish(String topic, String json) {
        try {
            client.publish(PublishRequest.builder()
                    .topic(topic)
                    .qos(QOS_AT_LEAST_ONCE)
                    .payload(SdkBytes.fromUtf8String(json))
                    .build());
        } catch (SdkException e) {
            throw SdkFaults.translate(DEPENDENCY, e);
        }
    }
}
