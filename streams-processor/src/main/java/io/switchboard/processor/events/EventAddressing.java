package io.switchboard.processor.events;

import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.Audience;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides which channels receive a valid domain event: its {@code channel}, and the personal channel {@code
 * user:<id>} of every user in its audience, each once. An event that cannot be delivered as asked (an unknown
 * family, an audience user that makes no channel name) is not delivered anywhere, so that nothing is half done. A
 * family is known when {@code knownFamily} says so: in the processor, when it is configured or an ACL rule names
 * it (a family added with {@code switchboard acl grant}, whose output topic the CLI creates).
 * Audience roles are not resolved yet: an event that would reach nobody else is refused, otherwise the roles are
 * ignored and the caller is told so.
 */
public final class EventAddressing {
    /** The result of addressing one event. */
    public sealed interface Outcome {}

    /** Deliver these, one per channel; {@code rolesIgnored} when audience roles were dropped. */
    public record Addressed(List<Delivery> deliveries, boolean rolesIgnored) implements Outcome {}

    /** Deliver nothing; dead-letter the event with {@code reason}. */
    public record Unroutable(String reason) implements Outcome {}

    public static final String ROLES_UNSUPPORTED = "audience.roles is not supported yet";

    private final Predicate<String> knownFamily;
    private final String userFamily;

    /**
     * @param knownFamily whether a family has an output topic; asked once per event, on the stream thread
     * @param userFamily the family of personal channels, {@code user}, always known
     */
    public EventAddressing(Predicate<String> knownFamily, String userFamily) {
        this.knownFamily = knownFamily;
        this.userFamily = userFamily;
    }

    /** Addresses {@code event}, whose record was written at {@code timestampMs} (the delivery's event time). */
    public Outcome address(DomainEvent event, long timestampMs) {
        Set<String> channels = new LinkedHashSet<>();
        if (event.getChannel() != null) {
            String family = ChannelName.parse(event.getChannel()).family();
            if (!family.equals(userFamily) && !knownFamily.test(family)) {
                return new Unroutable("unknown channel family '" + family + "'");
            }
            channels.add(event.getChannel());
        }
        Audience audience = event.getAudience();
        List<String> users = audience == null ? List.of() : audience.getUsers();
        for (String user : users) {
            String personal = userFamily + ":" + user;
            if (!ChannelName.isValid(personal)) {
                return new Unroutable("audience user '" + user + "' makes no valid channel name");
            }
            channels.add(personal);
        }
        boolean hasRoles = audience != null && !audience.getRoles().isEmpty();
        if (channels.isEmpty()) {
            return new Unroutable(hasRoles ? ROLES_UNSUPPORTED : "the event has no channel and no audience");
        }
        return new Addressed(deliveries(event, channels, timestampMs), hasRoles);
    }

    private static List<Delivery> deliveries(DomainEvent event, Set<String> channels, long timestampMs) {
        List<Delivery> deliveries = new ArrayList<>(channels.size());
        for (String channel : channels) {
            deliveries.add(Delivery.newBuilder()
                    .setChannel(channel)
                    .setEventId(event.getId())
                    .setEvent(event.getEvent())
                    .setTime(Instant.ofEpochMilli(timestampMs))
                    .setPayload(event.getPayload())
                    .setReplayed(false)
                    .build());
        }
        return deliveries;
    }
}
