package io.switchboard.schemas;

import io.switchboard.schemas.TopicSpec.Cleanup;
import io.switchboard.schemas.TopicSpec.Partitioning;
import io.switchboard.schemas.TopicSpec.Writer;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.GatewayLease;
import io.switchboard.schemas.avro.PresenceCommand;
import io.switchboard.schemas.avro.ReceiptCommand;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.SessionSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Switchboard topic as a typed entry ({@link TopicSpec}). Keys are UTF-8 strings everywhere; a value that
 * comes in more than one format (a domain event, a role-directory entry) is raw bytes, read with its codec.
 */
public final class TopicCatalogue {
    /** Domain events from services (key: channel; value: JSON or Avro {@code DomainEvent}, see DomainEventCodec). */
    public static final TopicSpec<String, byte[]> EVENTS = keyed(
            "domain events",
            Topics::events,
            "channel",
            Serdes.ByteArray(),
            Cleanup.DELETE,
            Writer.SERVICES,
            Writer.GATEWAY,
            Writer.LAUNCHER);

    /** Client actions from gateways. */
    public static final TopicSpec<String, ClientAction> ACTIONS = keyed(
            "client actions",
            Topics::actions,
            "user id, or connection id when anonymous",
            SwitchboardSerdes.clientAction(),
            Cleanup.DELETE,
            Writer.GATEWAY);

    /** Processor replies to single connections; a gateway reads the partition of its id. */
    public static final TopicSpec<String, Reply> REPLIES = keyed(
            "replies to connections",
            Topics::replies,
            "gateway id",
            SwitchboardSerdes.reply(),
            Cleanup.DELETE,
            Writer.PROCESSOR);

    /**
     * Presence changes and allowed presence queries, keyed by channel so that all of a channel's connections meet in
     * the task that keeps its presence; written and read by the processor alone.
     */
    public static final TopicSpec<String, PresenceCommand> PRESENCE = keyed(
            "presence changes and queries",
            Topics::presence,
            "channel",
            SwitchboardSerdes.presenceCommand(),
            Cleanup.DELETE,
            Writer.PROCESSOR);

    /** Delivery receipts: the JSON object of PROTOCOL.md (see ReceiptCodec), keyed by the message's event id. */
    public static final TopicSpec<String, byte[]> RECEIPTS = keyed(
            "delivery receipts", Topics::receipts, "event id", Serdes.ByteArray(), Cleanup.DELETE, Writer.PROCESSOR);

    /**
     * Messages that asked for receipts and the acks of their channels, keyed by channel so that both meet in the task
     * that keeps the channel's pending receipts; written and read by the processor alone.
     */
    public static final TopicSpec<String, ReceiptCommand> RECEIPT_COMMANDS = keyed(
            "pending receipts and acks",
            Topics::receiptCommands,
            "channel",
            SwitchboardSerdes.receiptCommand(),
            Cleanup.DELETE,
            Writer.PROCESSOR);

    /** Invalid domain events, as they came, with {@code error.*} headers. */
    public static final TopicSpec<String, byte[]> EVENTS_DLQ = keyed(
            "dead-lettered events",
            Topics::eventsDlq,
            "the event's key",
            Serdes.ByteArray(),
            Cleanup.DELETE,
            Writer.PROCESSOR);

    /** Delivery cursors (key: user id, NUL, channel). */
    public static final TopicSpec<String, Cursor> CURSORS = keyed(
            "delivery cursors",
            Topics::cursors,
            "user id, NUL, channel",
            SwitchboardSerdes.cursor(),
            Cleanup.COMPACT,
            Writer.PROCESSOR);

    /**
     * Reconnection sessions. A resume is keyed by its token hash like its session, so this topic must have as many
     * partitions as {@link #ACTIONS}.
     */
    public static final TopicSpec<String, SessionSnapshot> SESSIONS = keyed(
            "reconnection sessions",
            Topics::sessions,
            "SHA-256 of a token, hex",
            SwitchboardSerdes.sessionSnapshot(),
            Cleanup.COMPACT,
            Writer.PROCESSOR);

    /** The role directory (value: Avro or JSON {@code UserEntry}, see UserEntryCodec). */
    public static final TopicSpec<String, byte[]> USERS =
            keyed("role directory", Topics::users, "user id", Serdes.ByteArray(), Cleanup.COMPACT, Writer.LAUNCHER);

    /** Gateway leases; a tombstone: the gateway stopped gracefully. */
    public static final TopicSpec<String, GatewayLease> GATEWAYS = keyed(
            "gateway leases",
            Topics::gateways,
            "gateway id",
            SwitchboardSerdes.gatewayLease(),
            Cleanup.COMPACT,
            Writer.GATEWAY);

    /** The permission policy: one partition, so policy changes have one total order. */
    public static final TopicSpec<String, AclRule> ACL = new TopicSpec<>(
            "permission policy",
            Topics::acl,
            "family pattern",
            Serdes.String(),
            SwitchboardSerdes.aclRule(),
            Partitioning.ONE_PARTITION,
            Cleanup.COMPACT,
            Set.of(Writer.LAUNCHER));

    private TopicCatalogue() {}

    // A topic keyed by a string and partitioned by it, as all but the ACL topic are.
    private static <V> TopicSpec<String, V> keyed(
            String role,
            Function<Topics, String> name,
            String key,
            Serde<V> values,
            Cleanup cleanup,
            Writer... writers) {
        return new TopicSpec<>(role, name, key, Serdes.String(), values, Partitioning.BY_KEY, cleanup, Set.of(writers));
    }

    /**
     * The output topic of one channel family. A channel's deliveries are in the partition {@link
     * ChannelName#partition(String, int)} names; a replay writes copies there too.
     */
    public static TopicSpec<String, Delivery> output(String family) {
        return keyed(
                "deliveries of the family " + family,
                topics -> topics.output(family),
                "channel",
                SwitchboardSerdes.delivery(),
                Cleanup.DELETE,
                Writer.PROCESSOR,
                Writer.LAUNCHER);
    }

    /**
     * Every topic of a deployment whose output families are {@code families}, in a stable order: the deleted ones
     * (events, actions, replies, dead letters, presence, receipts, receipt commands), the output topics, then the compacted ones (cursors, sessions, users,
     * gateways, ACL).
     */
    public static List<TopicSpec<?, ?>> all(Collection<String> families) {
        List<TopicSpec<?, ?>> all =
                new ArrayList<>(List.of(EVENTS, ACTIONS, REPLIES, EVENTS_DLQ, PRESENCE, RECEIPTS, RECEIPT_COMMANDS));
        families.forEach(family -> all.add(output(family)));
        all.addAll(List.of(CURSORS, SESSIONS, USERS, GATEWAYS, ACL));
        return List.copyOf(all);
    }
}
