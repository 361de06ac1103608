package io.switchboard.processor.events;

import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Delivery;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** Sends a delivery to the output topic of its channel's family, {@code switchboard.out.<family>}. */
public final class OutputTopicExtractor implements TopicNameExtractor<String, Delivery> {
    private final Topics topics;

    public OutputTopicExtractor(Topics topics) {
        this.topics = topics;
    }

    @Override
    public String extract(String channel, Delivery delivery, RecordContext recordContext) {
        return topics.output(ChannelName.parse(delivery.getChannel()).family());
    }
}
