package io.switchboard.schemas;

import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.DomainEvent;
import io.switchboard.schemas.avro.GatewayLease;
import io.switchboard.schemas.avro.PendingReceipt;
import io.switchboard.schemas.avro.PresenceCommand;
import io.switchboard.schemas.avro.PresenceCount;
import io.switchboard.schemas.avro.PresenceNotice;
import io.switchboard.schemas.avro.Receipt;
import io.switchboard.schemas.avro.ReceiptCommand;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.SessionSnapshot;
import io.switchboard.schemas.avro.UserEntry;

/** The serdes of the records in the topic catalogue. Keys are UTF-8 strings everywhere. */
public final class SwitchboardSerdes {
    private SwitchboardSerdes() {}

    /**
     * Also reads the actions of gateways of protocol v1.0 (before presence), of v1.1 before receipts and of v1.1
     * before delivered positions carried the presence flag: see {@link EarlierSchemas}.
     */
    public static AvroSerde<ClientAction> clientAction() {
        return new AvroSerde<>(
                ClientAction.getEncoder(),
                EarlierSchemas.alsoReading(ClientAction.createDecoder(null), "ClientAction"),
                ClientAction.class);
    }

    /**
     * Also reads the replies of a processor of protocol v1.0 (before presence) and of v1.1 before restored positions
     * carried the presence flag: see {@link EarlierSchemas}.
     */
    public static AvroSerde<Reply> reply() {
        return new AvroSerde<>(
                Reply.getEncoder(), EarlierSchemas.alsoReading(Reply.createDecoder(null), "Reply"), Reply.class);
    }

    public static AvroSerde<Delivery> delivery() {
        return new AvroSerde<>(Delivery.getEncoder(), Delivery.getDecoder(), Delivery.class);
    }

    /** Also reads the events of services that know the version before receipts: see {@link EarlierSchemas}. */
    public static AvroSerde<DomainEvent> domainEvent() {
        return new AvroSerde<>(
                DomainEvent.getEncoder(),
                EarlierSchemas.alsoReading(DomainEvent.createDecoder(null), "DomainEvent"),
                DomainEvent.class);
    }

    public static AvroSerde<AclRule> aclRule() {
        return new AvroSerde<>(AclRule.getEncoder(), AclRule.getDecoder(), AclRule.class);
    }

    public static AvroSerde<ConnectionState> connectionState() {
        return new AvroSerde<>(ConnectionState.getEncoder(), ConnectionState.getDecoder(), ConnectionState.class);
    }

    public static AvroSerde<Cursor> cursor() {
        return new AvroSerde<>(Cursor.getEncoder(), Cursor.getDecoder(), Cursor.class);
    }

    /**
     * Also reads the sessions a processor kept before their positions carried the presence flag (they restore no
     * presence), from the sessions topic and from the store's changelog alike: see {@link EarlierSchemas}.
     */
    public static AvroSerde<SessionSnapshot> sessionSnapshot() {
        return new AvroSerde<>(
                SessionSnapshot.getEncoder(),
                EarlierSchemas.alsoReading(SessionSnapshot.createDecoder(null), "SessionSnapshot"),
                SessionSnapshot.class);
    }

    public static AvroSerde<UserEntry> userEntry() {
        return new AvroSerde<>(UserEntry.getEncoder(), UserEntry.getDecoder(), UserEntry.class);
    }

    public static AvroSerde<GatewayLease> gatewayLease() {
        return new AvroSerde<>(GatewayLease.getEncoder(), GatewayLease.getDecoder(), GatewayLease.class);
    }

    public static AvroSerde<PresenceCommand> presenceCommand() {
        return new AvroSerde<>(PresenceCommand.getEncoder(), PresenceCommand.getDecoder(), PresenceCommand.class);
    }

    public static AvroSerde<PresenceNotice> presenceNotice() {
        return new AvroSerde<>(PresenceNotice.getEncoder(), PresenceNotice.getDecoder(), PresenceNotice.class);
    }

    public static AvroSerde<Receipt> receipt() {
        return new AvroSerde<>(Receipt.getEncoder(), Receipt.getDecoder(), Receipt.class);
    }

    public static AvroSerde<ReceiptCommand> receiptCommand() {
        return new AvroSerde<>(ReceiptCommand.getEncoder(), ReceiptCommand.getDecoder(), ReceiptCommand.class);
    }

    public static AvroSerde<PendingReceipt> pendingReceipt() {
        return new AvroSerde<>(PendingReceipt.getEncoder(), PendingReceipt.getDecoder(), PendingReceipt.class);
    }

    public static AvroSerde<PresenceCount> presenceCount() {
        return new AvroSerde<>(PresenceCount.getEncoder(), PresenceCount.getDecoder(), PresenceCount.class);
    }
}
