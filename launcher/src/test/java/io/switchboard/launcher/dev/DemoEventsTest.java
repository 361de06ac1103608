package io.switchboard.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.schemas.DomainEventCodec;
import io.switchboard.schemas.InvalidEventException;
import io.switchboard.schemas.avro.DomainEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachRoundIsAValidMetricsAndStatusEvent() throws InvalidEventException, IOException {
        List<DemoEvents.Event> round = new DemoEvents(Clock.systemUTC()).next();

        assertThat(round).extracting(DemoEvents.Event::key).containsExactly("metrics", "status");
        DomainEvent metrics = DomainEventCodec.decode(round.get(0).json().getBytes(StandardCharsets.UTF_8));
        assertThat(metrics.getChannel()).isEqualTo("metrics");
        assertThat(data(metrics).fieldNames()).toIterable().contains("cpu", "mem", "seq");
        DomainEvent status = DomainEventCodec.decode(round.get(1).json().getBytes(StandardCharsets.UTF_8));
        assertThat(status.getChannel()).isEqualTo("status");
        assertThat(data(status).get("state").asText()).isEqualTo("ok");
    }

    @Test
    void everyTenthRoundABookRequestChangesForTheRequesterAndTheAdminsAndItsCountForTheAdminsOnly()
            throws InvalidEventException, IOException {
        DemoEvents events = new DemoEvents(Clock.systemUTC());
        for (int i = 1; i < DemoEvents.BOOK_REQUEST_ROUNDS; i++) {
            assertThat(events.next()).hasSize(2);
        }

        List<DemoEvents.Event> round = events.next();

        assertThat(round)
                .extracting(DemoEvents.Event::key)
                .containsExactly("metrics", "status", "book_requests", "book_requests");
        DomainEvent changed = decode(round.get(2));
        assertThat(changed.getChannel()).isEqualTo("book_requests");
        assertThat(changed.getEvent()).isEqualTo("status_changed");
        assertThat(changed.getAudience().getUsers()).containsExactly("viewer");
        assertThat(changed.getAudience().getRoles()).containsExactly("admin");
        assertThat(data(changed).get("status").asText()).isEqualTo("pending");
        assertThat(data(changed).get("requested_by").asText()).isEqualTo("viewer");
        DomainEvent count = decode(round.get(3));
        assertThat(count.getChannel()).isNull();
        assertThat(count.getEvent()).isEqualTo("pending_count");
        assertThat(count.getAudience().getUsers()).isEmpty();
        assertThat(count.getAudience().getRoles()).containsExactly("admin");
        assertThat(data(count).get("pending").asInt()).isEqualTo(1);
    }

    @Test
    void theNextChangeDecidesTheRequestAndNothingIsPendingThen() throws InvalidEventException, IOException {
        DemoEvents events = new DemoEvents(Clock.systemUTC());
        List<List<DemoEvents.Event>> bookRounds = new ArrayList<>();
        for (int i = 1; i <= 4 * DemoEvents.BOOK_REQUEST_ROUNDS; i++) {
            List<DemoEvents.Event> round = events.next();
            if (round.size() > 2) {
                bookRounds.add(round);
            }
        }

        assertThat(bookRounds).hasSize(4);
        List<String> statuses = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        List<Long> requests = new ArrayList<>();
        for (List<DemoEvents.Event> round : bookRounds) {
            JsonNode change = data(decode(round.get(2)));
            statuses.add(change.get("status").asText());
            requests.add(change.get("request_id").asLong());
            pending.add(data(decode(round.get(3))).get("pending").asInt());
        }
        assertThat(statuses).containsExactly("pending", "approved", "pending", "approved");
        assertThat(requests).containsExactly(1L, 1L, 2L, 2L);
        assertThat(pending).containsExactly(1, 0, 1, 0);
    }

    @Test
    void roundsAreNumberedAndIdsUnique() throws IOException {
        DemoEvents events = new DemoEvents(Clock.systemUTC());
        JsonNode first = JSON.readTree(events.next().get(0).json());
        JsonNode second = JSON.readTree(events.next().get(0).json());

        assertThat(second.at("/data/seq").asLong())
                .isEqualTo(first.at("/data/seq").asLong() + 1);
        assertThat(second.get("id").asText()).isNotEqualTo(first.get("id").asText());
    }

    @Test
    void metricsReportTheCpuThisJvmUsedSinceThePreviousRound() throws IOException {
        DemoEvents events = new DemoEvents(Clock.systemUTC());
        events.next();
        long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
        double sink = 0;
        while (System.nanoTime() < until) {
            sink += Math.sqrt(sink + 1);
        }

        JsonNode metrics = JSON.readTree(events.next().get(0).json());

        assertThat(sink).isPositive();
        assertThat(metrics.at("/data/cpu").asDouble()).isBetween(1.0, 100.0);
    }

    @Test
    void statusReportsUptimeFromTheClock() throws IOException {
        MovingClock clock = new MovingClock(Instant.parse("2026-11-23T10:00:00Z"));
        DemoEvents events = new DemoEvents(clock);
        clock.advance(Duration.ofSeconds(42));

        JsonNode status = JSON.readTree(events.next().get(1).json());

        assertThat(status.at("/data/uptime_s").asLong()).isEqualTo(42);
    }

    /** A clock the test moves by hand. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static DomainEvent decode(DemoEvents.Event event) throws InvalidEventException {
        return DomainEventCodec.decode(event.json().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode data(DomainEvent event) throws IOException {
        return JSON.readTree(StandardCharsets.UTF_8
                .decode(event.getPayload().getData().duplicate())
                .toString());
    }
}
