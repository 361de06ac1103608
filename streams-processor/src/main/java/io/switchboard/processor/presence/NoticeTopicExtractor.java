package io.switchboard.processor.presence;

import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.PresenceNotice;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * Sends a presence notice to the output topic of its channel's family, {@code switchboard.out.<family>}; keyed by the
 * channel, it lands in the channel's partition like the channel's deliveries.
 */
public final class NoticeTopicExtractor implements TopicNameExtractor<String, PresenceNotice> {
    private final Topics topics;

    public NoticeTopicExtractor(Topics topics) {
        this.topics = topics;
    }

    @Override
    public String extract(String channel, PresenceNotice notice, RecordContext recordContext) {
        return topics.output(ChannelName.parse(notice.getChannel()).family());
    }
}
