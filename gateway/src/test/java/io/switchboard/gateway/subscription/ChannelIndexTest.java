package io.switchboard.gateway.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelIndexTest {
    private final ChannelIndex<String> index = new ChannelIndex<>();

    @Test
    void listsSubscribersOfAChannelOnly() {
        index.add("metrics", "a");
        index.add("metrics", "b");
        index.add("forum_threads:42", "b");

        assertThat(index.subscribers("metrics")).containsExactly("a", "b");
        assertThat(index.subscribers("forum_threads:42")).containsExactly("b");
        assertThat(index.subscribers("forum_threads:43")).isEmpty();
        assertThat(index.subscribers("status")).isEmpty();
    }

    @Test
    void addsOnce() {
        assertThat(index.add("metrics", "a")).isTrue();
        assertThat(index.add("metrics", "a")).isFalse();

        assertThat(index.subscribers("metrics")).containsExactly("a");
    }

    @Test
    void tracksFamiliesWithSubscribers() {
        index.add("forum_threads:1", "a");
        index.add("forum_threads:2", "b");
        index.add("metrics", "a");

        assertThat(index.families()).containsExactlyInAnyOrder("forum_threads", "metrics");
        assertThat(index.remove("forum_threads:1", "a")).isEmpty();
        assertThat(index.hasFamily("forum_threads")).isTrue();
        assertThat(index.remove("forum_threads:2", "b")).contains("forum_threads");
        assertThat(index.hasFamily("forum_threads")).isFalse();
        assertThat(index.families()).containsExactly("metrics");
    }

    @Test
    void removingWhatIsNotThereChangesNothing() {
        index.add("metrics", "a");

        assertThat(index.remove("metrics", "b")).isEmpty();
        assertThat(index.remove("status", "a")).isEmpty();
        assertThat(index.subscribers("metrics")).containsExactly("a");
    }

    @Test
    void removesASubscriberEverywhereAndReportsEmptiedFamilies() {
        index.add("metrics", "a");
        index.add("status", "a");
        index.add("status", "b");
        index.add("user:alice", "a");

        assertThat(index.removeAll("a")).containsExactlyInAnyOrder("metrics", "user");
        assertThat(index.channelsOf("a")).isEmpty();
        assertThat(index.subscribers("status")).containsExactly("b");
        assertThat(index.families()).containsExactly("status");
    }

    @Test
    void countsSubscriptionsAndChannelsWithSubscribers() {
        index.add("metrics", "a");
        index.add("metrics", "b");
        index.add("metrics", "b");
        index.add("status", "a");
        assertThat(index.subscriptionCount()).isEqualTo(3);
        assertThat(index.channelCount()).isEqualTo(2);

        index.remove("metrics", "a");
        index.remove("metrics", "c");
        assertThat(index.subscriptionCount()).isEqualTo(2);
        assertThat(index.channelCount()).isEqualTo(2);

        index.removeAll("b");
        assertThat(index.subscriptionCount()).isEqualTo(1);
        assertThat(index.channelCount()).isEqualTo(1);
    }
}
