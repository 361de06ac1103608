package io.switchboard.schemas;

import java.util.Objects;
import java.util.Optional;

/**
 * The topic catalogue: every topic name Switchboard uses, derived from one prefix (default {@code
 * switchboard}). See DESIGN.md, "Topics". What each topic holds, how it is partitioned and kept and who writes it:
 * {@link TopicCatalogue}.
 */
public final class Topics {
    public static final String DEFAULT_PREFIX = "switchboard";

    private final String prefix;

    public Topics(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("topic prefix must be 1-100 of [A-Za-z0-9._-]: " + prefix);
        }
        this.prefix = prefix;
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    /** Domain events from services (key: channel; value: JSON or Avro {@code DomainEvent}). */
    public String events() {
        return prefix + ".events";
    }

    /** Client actions from gateways (key: user id, or connection id when anonymous). */
    public String actions() {
        return prefix + ".actions";
    }

    /** Processor replies to single connections (key: gateway id). */
    public String replies() {
        return prefix + ".replies";
    }

    /**
     * Processor-internal: presence changes and allowed presence queries on their way from the actions' tasks to the
     * task that keeps the channel's presence (key: channel; value: {@code PresenceCommand}).
     */
    public String presence() {
        return prefix + ".presence";
    }

    /**
     * Delivery receipts for domain services (key: event id; value: the JSON object of PROTOCOL.md, "Delivery
     * receipts", see {@link ReceiptCodec}).
     */
    public String receipts() {
        return prefix + ".receipts";
    }

    /**
     * Processor-internal: messages that asked for receipts (with their offsets) and acks, on their way to the task that
     * keeps the channel's pending receipts (key: channel; value: {@code ReceiptCommand}).
     */
    public String receiptCommands() {
        return prefix + ".receipt-commands";
    }

    /** Invalid domain events, with {@code error.*} headers. */
    public String eventsDlq() {
        return prefix + ".events.dlq";
    }

    /** The output topic of one channel family (key: channel; value: {@code Delivery}). */
    public String output(String family) {
        return outputPrefix() + family;
    }

    public String outputPrefix() {
        return prefix + ".out.";
    }

    /** The family whose output topic this is, if it is one. */
    public Optional<String> familyOfOutput(String topic) {
        return topic.startsWith(outputPrefix())
                        && topic.length() > outputPrefix().length()
                ? Optional.of(topic.substring(outputPrefix().length()))
                : Optional.empty();
    }

    /** The permission policy, compacted (key: family pattern; value: {@code AclRule}). */
    public String acl() {
        return prefix + ".acl";
    }

    /** The role directory, compacted (key: user id; value: {@code UserEntry}, Avro or JSON; see UserEntryCodec). */
    public String users() {
        return prefix + ".users";
    }

    /** Reconnection sessions, compacted (key: SHA-256 of a token, hex; value: {@code SessionSnapshot}). */
    public String sessions() {
        return prefix + ".sessions";
    }

    /** Delivery cursors, compacted (key: user id, NUL, channel; value: {@code Cursor}). */
    public String cursors() {
        return prefix + ".cursors";
    }

    /** Gateway leases, compacted (key: gateway id; value: {@code GatewayLease}; a tombstone: stopped gracefully). */
    public String gateways() {
        return prefix + ".gateways";
    }

    @Override
    public String toString() {
        return "Topics[prefix=" + prefix + "]";
    }
}
