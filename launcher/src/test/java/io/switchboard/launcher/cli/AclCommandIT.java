package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.processor.acl.AclTopic;
import io.switchboard.processor.acl.DefaultPolicy;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard acl} against a real broker; every test works under its own topic prefix. */
@Timeout(120)
class AclCommandIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @RegisterExtension
    static final TopicProbe PROBE = new TopicProbe(KAFKA);

    @TempDir
    Path dir;

    private Topics topics;

    @BeforeEach
    void ownPrefix() {
        topics = new Topics("acl-it-" + PREFIXES.incrementAndGet());
    }

    @Test
    void listSaysWhenThePolicyTopicDoesNotExistYet() {
        CliRun run = acl("list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(topics.acl() + " does not exist yet", "default policy");
    }

    @Test
    void listOnAnEmptyTopicSaysSoAndThatTheProcessorSeedsTheDefaultPolicy() {
        try (AclTopic topic = aclTopic()) {
            topic.ensureTopic((short) 1);
        }

        CliRun run = acl("list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("No permission rules in " + topics.acl(), "default policy", "next start");
    }

    @Test
    void listPrintsARowPerFamilyAndAColumnPerRoleKnownRolesFirst() {
        seedDefaultPolicy();
        try (AclTopic topic = aclTopic()) {
            topic.put("audit", rule(Map.of("ops", List.of(Permission.SUBSCRIBE)), "carol"));
        }

        CliRun run = acl("list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0))
                .matches("FAMILY +admin +developer +viewer +bot +anonymous +user +ops +UPDATED AT +UPDATED BY");
        assertThat(lines).hasSize(1 + 12);
        assertThat(lines)
                .anyMatch(line -> line.matches("audit +\\(user\\) +\\(user\\) +\\(user\\) +\\(user\\) +— +— +S +"
                        + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +carol"));
        assertThat(lines)
                .anyMatch(line -> line.matches("signals +S P +S +— +S +— +— +\\(user\\) +\\S+ +default-policy"));
    }

    @Test
    void grantOnAnExistingFamilyAddsThePermissionAndPrintsTheRow() throws Exception {
        seedDefaultPolicy();
        createTopic(topics.output("metrics"));

        CliRun run = acl("grant", "--family", "metrics", "--role", "bot", "--publish", "--by", "alice");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Granted P to 'bot' on 'metrics'.").doesNotContain("output topic");
        assertThat(run.out().lines().toList().get(2)).matches("metrics +S P +S +S +S P +S +S +\\S+ +alice");
        AclRule metrics = readAll().get("metrics");
        assertThat(metrics.getRoles().get("bot")).containsExactly(Permission.SUBSCRIBE, Permission.PUBLISH);
        assertThat(metrics.getRoles().get("viewer")).containsExactly(Permission.SUBSCRIBE);
        assertThat(metrics.getUpdatedBy()).isEqualTo("alice");
    }

    @Test
    void grantOnANewFamilyCreatesItsOutputTopic() throws Exception {
        seedDefaultPolicy();

        CliRun run = acl("grant", "--family", "quotes:*", "--role", "viewer", "--subscribe", "--partitions", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("'quotes:*' has no rule yet")
                .contains("Created the output topic " + topics.output("quotes") + " (2 partitions)");
        assertThat(partitions(topics.output("quotes"))).isEqualTo(2);
        AclRule quotes = readAll().get("quotes:*");
        assertThat(quotes.getRoles()).containsOnlyKeys("viewer");
        assertThat(quotes.getRoles().get("viewer")).containsExactly(Permission.SUBSCRIBE);
        assertThat(quotes.getUpdatedBy()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void aChangeToATopicWithoutPolicyWritesTheDefaultPolicyFirst() {
        CliRun run = acl("grant", "--family", "signals", "--role", "viewer", "--subscribe");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote the default policy (11 rules) first");
        SortedMap<String, AclRule> rules = readAll();
        assertThat(rules).hasSize(11).containsKeys("metrics", "forum_threads:*", "book_requests");
        assertThat(rules.get("signals").getRoles().get("viewer")).containsExactly(Permission.SUBSCRIBE);
    }

    @Test
    void revokeTakesThePermissionAndKeepsTheRoleNamed() {
        seedDefaultPolicy();

        CliRun run = acl("revoke", "--family", "metrics", "--role", "viewer", "--subscribe", "--by", "bob");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Revoked S from 'viewer' on 'metrics'.");
        assertThat(run.out().lines().toList().get(2)).matches("metrics +S P +S +— +S +S +S +\\S+ +bob");
        AclRule metrics = readAll().get("metrics");
        assertThat(metrics.getRoles()).containsKey("viewer");
        assertThat(metrics.getRoles().get("viewer")).isEmpty();
    }

    @Test
    void revokeOnAFamilyWithoutARuleFailsAndWritesNothing() throws Exception {
        seedDefaultPolicy();
        long before = aclEndOffset();

        CliRun run = acl("revoke", "--family", "nosuch", "--role", "viewer", "--subscribe");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("No rule for 'nosuch'", "nothing written")
                .doesNotContain("\tat ");
        assertThat(aclEndOffset()).isEqualTo(before);
    }

    @Test
    void removeWritesATombstoneForAnExistingRuleOnly() throws Exception {
        seedDefaultPolicy();

        CliRun removed = acl("remove", "--family", "book_requests");
        long after = aclEndOffset();
        CliRun again = acl("remove", "--family", "book_requests");

        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("Removed the rule of 'book_requests'");
        assertThat(readAll()).hasSize(10).doesNotContainKey("book_requests");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("No rule for 'book_requests'", "nothing to remove");
        assertThat(aclEndOffset()).isEqualTo(after);
    }

    @Test
    void dryRunPrintsTheChangeAndWritesNothing() throws Exception {
        seedDefaultPolicy();
        long before = aclEndOffset();

        List<CliRun> runs = new ArrayList<>();
        runs.add(acl("grant", "--family", "quotes", "--role", "bot", "--publish", "--dry-run"));
        runs.add(acl("revoke", "--family", "metrics", "--role", "anonymous", "--subscribe", "--dry-run"));
        runs.add(acl("remove", "--family", "logs", "--dry-run"));

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Dry run: nothing written.");
        });
        assertThat(runs.get(0).out())
                .contains(
                        "Would grant P to 'bot' on 'quotes':",
                        "Would create the output topic " + topics.output("quotes"))
                .containsPattern("quotes \\(after\\) +.*P");
        assertThat(runs.get(1).out()).containsPattern("metrics \\(now\\) .*\\n.*metrics \\(after\\)");
        assertThat(runs.get(2).out()).contains("Would remove the rule of 'logs'");
        assertThat(aclEndOffset()).isEqualTo(before);
        assertThat(topicNames()).doesNotContain(topics.output("quotes"));
    }

    @Test
    void dryRunOnAMissingPolicyTopicCreatesNothing() throws Exception {
        CliRun run = acl("grant", "--family", "metrics", "--role", "bot", "--publish", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("would write the default policy (11 rules) first", "Dry run: nothing written.");
        assertThat(topicNames()).doesNotContain(topics.acl(), topics.output("metrics"));
    }

    @Test
    void oneConfigFileServesTheProcessorAndTheAclCommand() throws Exception {
        seedDefaultPolicy();
        Path file = Files.writeString(
                dir.resolve("processor.properties"),
                "processor.bootstrap-servers=" + KAFKA.bootstrapServers() + "\n"
                        + "processor.topic-prefix=" + topics.prefix() + "\n"
                        + "processor.application-id=switchboard-processor\n"
                        + "kafka.client.dns.lookup=use_all_dns_ips\n");

        CliRun run = CliRun.run("acl", "list", "--config", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("FAMILY", "forum_threads:*");
    }

    private CliRun acl(String... args) {
        return CliRun.onKafka(KAFKA.bootstrapServers(), topics, "acl", args);
    }

    private AclTopic aclTopic() {
        return new AclTopic(KAFKA.bootstrapServers(), Map.of(), topics);
    }

    private void seedDefaultPolicy() {
        try (AclTopic topic = aclTopic()) {
            topic.ensureTopic((short) 1);
            assertThat(topic.seedIfEmpty(DefaultPolicy.rules(Instant.now()))).isTrue();
        }
    }

    private SortedMap<String, AclRule> readAll() {
        try (AclTopic topic = aclTopic()) {
            return topic.readAll();
        }
    }

    private static AclRule rule(Map<String, List<Permission>> roles, String by) {
        return AclRule.newBuilder()
                .setRoles(roles)
                .setUpdatedAt(Instant.now())
                .setUpdatedBy(by)
                .build();
    }

    private long aclEndOffset() throws Exception {
        return PROBE.endOffsets(topics.acl());
    }

    private static void createTopic(String name) throws Exception {
        PROBE.create(name, 1);
    }

    private static int partitions(String topic) throws Exception {
        return PROBE.partitions(topic);
    }

    private static Set<String> topicNames() throws Exception {
        return PROBE.names();
    }
}
