package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.e2e.browser.Chromium;
import io.switchboard.gateway.config.OperationsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;

/**
 * The console a gateway serves at {@code /}, in a real headless Chromium against a real broker, processor and
 * gateway: an admin connects with a pasted token, subscribes, and sees an event produced to Kafka, shown as text
 * whatever markup its data holds, the gateway's own summary from the {@code connections} channel, who is on a
 * presence-enabled channel with the joins and leaves of another user, and the receipts of a message that user acked.
 * The screenshots go to {@code target/console-*.png} (docs/clients.md shows one).
 */
@Timeout(120)
class ConsoleBrowserIT {
    @RegisterExtension
    @Order(1)
    static final Chromium CHROMIUM = new Chromium();

    @RegisterExtension
    @Order(2)
    static final SwitchboardCluster CLUSTER =
            new SwitchboardCluster(1, Map.of(OperationsConfig.CONNECTIONS_SUMMARY_INTERVAL_MS, "500"));

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HOSTILE = "<img src=x onerror=\\\"window.injected=true\\\">";

    @BeforeEach
    void openTheConsoleAsAnAdmin() {
        CHROMIUM.windowSize(1280, 800);
        CHROMIUM.open("http://127.0.0.1:" + CLUSTER.gatewayPort(0) + "/");
        CHROMIUM.element("#token").sendKeys(SwitchboardCluster.token("console-admin", "admin"));
        CHROMIUM.element("#connect").click();
        awaitPresent("#state[data-state=\"open\"]");
    }

    @Test
    void showsAnEventProducedToKafkaAsTextWhateverMarkupItsDataHolds() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        CHROMIUM.element("#subscribe-channel").sendKeys(thread, Keys.ENTER);
        awaitPresent("#subscriptions li[data-channel=\"" + thread + "\"][data-state=\"live\"]");

        CLUSTER.produceEvent(
                thread,
                "{\"channel\":\"" + thread + "\",\"event\":\"comment.created\",\"data\":{\"text\":\"" + HOSTILE
                        + "\"}}");

        String row = "#messages li.msg[data-channel=\"" + thread + "\"][data-event=\"comment.created\"]";
        awaitPresent(row);
        assertThat(CHROMIUM.element(row + " .msg-preview").getText()).contains("<img src=x onerror=");
        assertThat(CHROMIUM.find("#messages img")).isEmpty();
        assertThat(CHROMIUM.script("return window.injected === true")).isEqualTo(false);
        assertThat(CHROMIUM.element(row).getAttribute("data-offset")).matches("\\d+");
        CHROMIUM.screenshot(Path.of("target", "console-desktop.png"));
    }

    @Test
    void showsWhoIsOnAPresenceChannelAndTheJoinsAndLeavesOfAnotherUser() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        String card = "#presence-channels article[data-channel=\"" + thread + "\"]";
        CHROMIUM.element("#subscribe-channel").sendKeys(thread, Keys.ENTER);
        awaitPresent(card + " li.pc-member[data-user=\"console-admin\"]");

        try (TestClient bob = TestClient.connect(CLUSTER.gatewayPort(0), SwitchboardCluster.token("bob", "viewer"))) {
            bob.subscribe(thread);
            awaitPresent(card + " li.pc-member[data-user=\"bob\"][data-connections=\"1\"]");
            awaitPresent(card + " li.pc-change[data-kind=\"join\"][data-user=\"bob\"]");
            assertThat(CHROMIUM.element(card + " .pc-count").getText()).isEqualTo("2 users");
            CHROMIUM.screenshot(Path.of("target", "console-presence.png"));
        }

        awaitPresent(card + " li.pc-change[data-kind=\"leave\"][data-user=\"bob\"]");
        awaitAbsent(card + " li.pc-member[data-user=\"bob\"]");
        assertThat(CHROMIUM.find("#presence-channels article[data-channel=\"connections\"]"))
                .as("no card for a family without presence")
                .isEmpty();
    }

    @Test
    void showsTheReceiptOfAMessagePublishedAskingForThem() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        try (TestClient bob = TestClient.connect(CLUSTER.gatewayPort(0), SwitchboardCluster.token("bob", "viewer"))) {
            bob.subscribe(thread);
            CHROMIUM.element("#publish-channel").sendKeys(thread);
            CHROMIUM.element("#publish-event").sendKeys("comment.created");
            CHROMIUM.element("#publish-receipts").click();
            CHROMIUM.element("#publish").click();
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                            CHROMIUM.element("#publish-result").getText())
                    .contains("receipts asked"));

            JsonNode message = bob.awaitFrame(f -> f.path("type").asText().equals("message")
                    && f.path("channel").asText().equals(thread));
            bob.ack(thread, message.path("offset").asLong());

            String row = "#receipts li.receipt[data-readers=\"1\"]";
            awaitPresent(row);
            assertThat(CHROMIUM.element(row + " .rc-readers").getText()).startsWith("bob ");
            // the published reply named the message's event id: the row names the publish by channel and offset
            assertThat(CHROMIUM.element(row + " .rc-event").getText())
                    .isEqualTo(thread + " #" + message.path("offset").asLong() + " comment.created");
            assertThat(CHROMIUM.element("#receipt-count").getText()).isEqualTo("1 receipt");
            CHROMIUM.screenshot(Path.of("target", "console-receipts.png"));
        }
    }

    @Test
    void showsAnAdminTheGatewaysSummaryFromTheConnectionsChannel() throws Exception {
        String gatewayRow = "#gateways tbody tr[data-gateway=\"" + CLUSTER.gatewayId(0) + "\"]";

        awaitPresent(gatewayRow);

        assertThat(CHROMIUM.element("#admin").isDisplayed()).isTrue();
        assertThat(CHROMIUM.find("#charts figure[data-metric] canvas")).isNotEmpty();
    }

    @Test
    void fitsAPhoneWidthWithoutScrollingSideways() throws Exception {
        CHROMIUM.windowSize(390, 844);

        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        CHROMIUM.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .isEqualTo(true));
        CHROMIUM.screenshot(Path.of("target", "console-phone.png"));
    }

    private static void awaitAbsent(String cssSelector) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(CHROMIUM.find(cssSelector))
                .as("no element matching %s", cssSelector)
                .isEmpty());
    }

    private static void awaitPresent(String cssSelector) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(CHROMIUM.find(cssSelector))
                .as("an element matching %s", cssSelector)
                .isNotEmpty());
    }
}
