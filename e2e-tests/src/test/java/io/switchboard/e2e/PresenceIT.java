package io.switchboard.e2e;

import static io.switchboard.e2e.AccessControlIT.isSubscribedTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.config.LimitsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence end to end (PROTOCOL.md, "Presence"): the processor keeps it from every gateway's actions, the gateways
 * deliver join and leave to the subscribers that asked (also after a resume) and relay the paged answers to {@code
 * presence}.
 */
class PresenceIT {
    /**
     * Members of the paging test: five pages, the last one short. Not 20,000: this JVM holds both ends of every member's
     * socket (two of its 20,000 file descriptors) and connects them one by one (about 4 ms each on two cores).
     */
    static final int MANY = 4_500;

    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(
            2, Map.of(LimitsConfig.OTHER_BURST, "100000", LimitsConfig.OTHER_PER_SECOND, "1000"));

    @TempDir
    Path dir;

    @Test
    void twoUsersWithTwoTabsEachOnTwoGatewaysJoinOnceAndLeaveOnce() {
        String thread = "forum_threads:" + UUID.randomUUID();
        try (TestClient watcher = CLUSTER.connect(0, "watcher", "viewer")) {
            watcher.subscribeWithPresence(thread);
            List<TestClient> tabs = new ArrayList<>();
            for (String user : List.of("alice", "bob")) {
                for (int gateway = 0; gateway < 2; gateway++) {
                    TestClient tab = CLUSTER.connect(gateway, user, "viewer");
                    tab.subscribe(thread);
                    tabs.add(tab);
                }
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> watcher.presenceChanges(thread).containsAll(List.of("join alice", "join bob")));
            assertThat(members(watcher, thread)).isEqualTo(Map.of("alice", 2, "bob", 2, "watcher", 1));

            tabs.get(0).close(); // alice on gateway 0
            tabs.get(3).close(); // bob on gateway 1
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> members(watcher, thread).equals(Map.of("alice", 1, "bob", 1, "watcher", 1)));
            tabs.get(1).close();
            tabs.get(2).close();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> watcher.presenceChanges(thread).containsAll(List.of("leave alice", "leave bob")));

            assertThat(members(watcher, thread)).isEqualTo(Map.of("watcher", 1));
            int seen = watcher.presenceChanges(thread).size();
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> watcher.presenceChanges(thread).size() == seen); // nothing late
            assertThat(watcher.presenceChanges(thread).stream().filter(change -> !change.endsWith(" watcher")))
                    .containsExactlyInAnyOrder("join alice", "join bob", "leave alice", "leave bob");
            assertThat(watcher.presenceChanges(thread)).containsSubsequence("join alice", "leave alice");
            assertThat(watcher.presenceChanges(thread)).containsSubsequence("join bob", "leave bob");
        }
    }

    @Test
    void aSubscriberThatAskedForPresenceKeepsGettingJoinsAndLeavesAfterResumingOnAnotherGateway() {
        String thread = "forum_threads:" + UUID.randomUUID();
        String token;
        try (TestClient before = CLUSTER.connect(0, "resumer", "viewer")) {
            before.subscribeWithPresence(thread);
            token = before.reconnectionToken().path("token").asText();
        }

        try (TestClient after = TestClient.resume(CLUSTER.gatewayPort(1), token);
                TestClient visitor = CLUSTER.connect(0, "visitor", "viewer")) {
            assertThat(after.frames().get(0).path("resumed").asBoolean()).isTrue();
            assertThat(after.awaitFrame(f -> isSubscribedTo(f, thread))
                            .path("recovered")
                            .asBoolean())
                    .isTrue();

            visitor.subscribe(thread);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> after.presenceChanges(thread).contains("join visitor"));
            visitor.unsubscribe(thread);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> after.presenceChanges(thread).contains("leave visitor"));

            assertThat(after.presenceChanges(thread).stream().filter(change -> change.endsWith(" visitor")))
                    .containsExactly("join visitor", "leave visitor");
        }
    }

    @Test
    void theUsersOfAKilledGatewayLeaveOnceItsLeaseExpiresAndTheOthersStay() throws Exception {
        String room = "forum_threads:" + UUID.randomUUID();
        Path log = dir.resolve("gateway.log");
        try (ChildJvm doomedGateway = ChildJvm.start(
                                GatewayDrainMain.class,
                                log,
                                CLUSTER.bootstrapServers(),
                                "5000",
                                "gateway.lease.interval-ms=250",
                                "gateway.lease.ttl-ms=1000")
                        .awaitReady();
                TestClient watcher = CLUSTER.connect(0, "watcher", "viewer");
                TestClient survivor = CLUSTER.connect(1, "survivor", "viewer")) {
            watcher.subscribeWithPresence(room);
            survivor.subscribe(room);
            int port = readyPort(log);
            try (TestClient doomed = TestClient.connect(port, SwitchboardCluster.token("doomed", "viewer"));
                    TestClient secondTab = TestClient.connect(port, SwitchboardCluster.token("survivor", "viewer"))) {
                doomed.subscribe(room);
                secondTab.subscribe(room); // the survivor's second tab, on the gateway that dies
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> members(watcher, room).equals(Map.of("doomed", 1, "survivor", 2, "watcher", 1)));

                doomedGateway.kill();
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> watcher.presenceChanges(room).contains("leave doomed"));
            assertThat(members(watcher, room)).isEqualTo(Map.of("survivor", 1, "watcher", 1));
            assertThat(watcher.presenceChanges(room))
                    .containsOnlyOnce("join doomed", "leave doomed", "join survivor")
                    .doesNotContain("leave survivor", "leave watcher");
        }
    }

    @Test
    void pagingOverMoreThanAThousandMembersReturnsEachExactlyOnce() {
        String thread = "forum_threads:" + UUID.randomUUID();
        List<String> users = IntStream.range(0, MANY)
                .mapToObj(i -> "member-" + UUID.randomUUID().toString().substring(0, 8) + "-" + i)
                .toList();
        long start = System.nanoTime();
        try (QuietMembers members = QuietMembers.join(CLUSTER.gatewayPort(1), users, thread);
                TestClient asker = CLUSTER.connect(0, "asker", "viewer")) {
            long joined = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> asker.presence(thread, null).path("count").asInt() == MANY);
            long counted = System.nanoTime();

            List<String> listed = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String after = null;
            do {
                JsonNode page = asker.presence(thread, after);
                assertThat(page.path("type").asText()).isEqualTo("presence");
                assertThat(page.path("count").asInt()).isEqualTo(MANY);
                page.path("members").forEach(member -> {
                    listed.add(member.path("user_id").asText());
                    assertThat(member.path("connections").asInt()).isEqualTo(1);
                });
                pageSizes.add(page.path("members").size());
                after = page.hasNonNull("next") ? page.path("next").asText() : null;
            } while (after != null);

            assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(users);
            assertThat(listed).isSorted();
            assertThat(pageSizes).containsExactly(1000, 1000, 1000, 1000, MANY - 4000);
            System.out.printf(
                    "presence paging: %d members connected in %d ms, all counted after %d ms more, %d pages read in"
                            + " %d ms%n",
                    members.size(),
                    (joined - start) / 1_000_000,
                    (counted - joined) / 1_000_000,
                    pageSizes.size(),
                    (System.nanoTime() - counted) / 1_000_000);
        }
    }

    /** Every member of the channel with its connections, read page by page. */
    private static Map<String, Integer> members(TestClient client, String channel) {
        Map<String, Integer> members = new HashMap<>();
        String after = null;
        do {
            JsonNode page = client.presence(channel, after);
            assertThat(page.path("type").asText()).as("%s", page).isEqualTo("presence");
            page.path("members")
                    .forEach(member -> members.put(
                            member.path("user_id").asText(),
                            member.path("connections").asInt()));
            after = page.hasNonNull("next") ? page.path("next").asText() : null;
        } while (after != null);
        return members;
    }

    private static int readyPort(Path log) throws Exception {
        return Files.readAllLines(log).stream()
                .filter(line -> line.startsWith(ChildJvm.READY + " "))
                .map(line -> Integer.parseInt(
                        line.substring(ChildJvm.READY.length() + 1).trim()))
                .findFirst()
                .orElseThrow();
    }
}
