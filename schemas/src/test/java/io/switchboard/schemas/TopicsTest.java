package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void derivesEveryNameFromThePrefix() {
        Topics topics = new Topics("acme");
        assertThat(topics.events()).isEqualTo("acme.events");
        assertThat(topics.actions()).isEqualTo("acme.actions");
        assertThat(topics.replies()).isEqualTo("acme.replies");
        assertThat(topics.eventsDlq()).isEqualTo("acme.events.dlq");
        assertThat(topics.output("metrics")).isEqualTo("acme.out.metrics");
        assertThat(Topics.defaults().acl()).isEqualTo("switchboard.acl");
    }

    @Test
    void recognisesOutputTopics() {
        Topics topics = Topics.defaults();
        assertThat(topics.familyOfOutput("switchboard.out.forum_threads")).contains("forum_threads");
        assertThat(topics.familyOfOutput("switchboard.out.")).isEmpty();
        assertThat(topics.familyOfOutput("switchboard.events")).isEmpty();
    }

    @Test
    void rejectsAPrefixKafkaCannotName() {
        assertThatThrownBy(() -> new Topics("a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
