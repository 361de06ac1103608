package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.client.Receipt;
import org.junit.jupiter.api.Test;

/** The lines {@code switchboard connect} prints for joins, leaves, presence answers and receipts, in each format. */
class NoticeLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOIN =
            "{\"type\":\"join\",\"channel\":\"forum_threads:42\",\"user_id\":\"alice\"," + "\"ts\":1763800000123}";
    private static final String LEAVE =
            "{\"type\":\"leave\",\"channel\":\"forum_threads:42\",\"user_id\":\"bob\"," + "\"ts\":1763800000124}";
    private static final String ANSWER = "{\"type\":\"presence\",\"channel\":\"forum_threads:42\",\"members\":["
            + "{\"user_id\":\"alice\",\"connections\":2},{\"user_id\":\"bob\",\"connections\":1}],\"count\":2,"
            + "\"anonymous\":3}";
    private static final Receipt RECEIPT = new Receipt("ev-9", "bob", 1763800000999L);

    private final NoticeLines json = new NoticeLines(MessageFormat.JSON, false);
    private final NoticeLines compact = new NoticeLines(MessageFormat.COMPACT, false);
    private final NoticeLines pretty = new NoticeLines(MessageFormat.PRETTY, false);

    @Test
    void jsonPrintsEachNoticeAsItsFrameOnOneLine() throws Exception {
        assertThat(JSON.readTree(json.presenceChange(frame(JOIN)))).isEqualTo(frame(JOIN));
        assertThat(JSON.readTree(json.presenceChange(frame(LEAVE)))).isEqualTo(frame(LEAVE));
        assertThat(JSON.readTree(json.members(frame(ANSWER)))).isEqualTo(frame(ANSWER));
        assertThat(JSON.readTree(json.receipt(RECEIPT)))
                .isEqualTo(frame("{\"type\":\"receipt\",\"event_id\":\"ev-9\",\"user_id\":\"bob\","
                        + "\"acked_at\":1763800000999}"));
        assertThat(json.members(frame(ANSWER))).doesNotContain("\n");
    }

    @Test
    void compactPrintsOneShortLineEach() throws Exception {
        assertThat(compact.presenceChange(frame(JOIN))).isEqualTo("forum_threads:42 join alice");
        assertThat(compact.presenceChange(frame(LEAVE))).isEqualTo("forum_threads:42 leave bob");
        assertThat(compact.members(frame(ANSWER))).isEqualTo("forum_threads:42 presence 2: alice(2) bob +3 anonymous");
        assertThat(compact.receipt(RECEIPT)).isEqualTo("receipt ev-9 bob 2025-11-22T08:26:40.999Z");
    }

    @Test
    void prettyNamesWhoJoinedLeftIsHereAndAcknowledged() throws Exception {
        assertThat(pretty.presenceChange(frame(JOIN)))
                .isEqualTo("forum_threads:42 + alice joined  2025-11-22T08:26:40.123Z");
        assertThat(pretty.presenceChange(frame(LEAVE)))
                .isEqualTo("forum_threads:42 - bob left  2025-11-22T08:26:40.124Z");
        assertThat(pretty.members(frame(ANSWER)).lines())
                .containsExactly(
                        "forum_threads:42  2 users here, 3 anonymous connections",
                        "  alice  2 connections",
                        "  bob  1 connection");
        assertThat(pretty.members(frame(
                        "{\"type\":\"presence\",\"channel\":\"forum_threads:7\",\"members\":[]," + "\"count\":0}")))
                .isEqualTo("forum_threads:7  nobody here");
        assertThat(pretty.receipt(RECEIPT)).isEqualTo("receipt bob acknowledged ev-9  2025-11-22T08:26:40.999Z");
    }

    @Test
    void colourOnlyOnATerminal() throws Exception {
        NoticeLines coloured = new NoticeLines(MessageFormat.PRETTY, true);

        assertThat(coloured.presenceChange(frame(JOIN))).contains("\u001b[");
        assertThat(coloured.receipt(RECEIPT)).contains("\u001b[");
        assertThat(pretty.presenceChange(frame(JOIN)) + pretty.receipt(RECEIPT) + pretty.members(frame(ANSWER)))
                .doesNotContain("\u001b");
    }

    private static JsonNode frame(String json) throws Exception {
        return JSON.readTree(json);
    }
}
