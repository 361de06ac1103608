package io.switchboard.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * Earlier versions of the records that gateways and the processor exchange, so that a reader decodes what a writer of
 * the version before wrote. Single-object encoding names the writer's schema by its fingerprint only, and a generated
 * class's own decoder knows its current schema alone: without these, every action an older gateway left in {@code
 * switchboard.actions} would be dead-lettered after an upgrade (its Disconnects too, leaving ghost connections and
 * presence). Each file is the record as {@code switchboard.avdl} defined it in that version, under {@code earlier/}:
 * {@code v1.0} before presence, {@code v1.1-presence} with presence and before receipts, {@code v1.1-receipts} with
 * receipts, before {@code ChannelPosition} carried the presence flag and before the {@code published} reply named
 * its message's event id (Reply did not change with receipts: its {@code v1.1-receipts} is also what a processor of
 * {@code v1.1-presence} wrote). The sessions topic and store are read with these too: a snapshot that a processor of
 * the version before kept must still resume its session.
 */
final class EarlierSchemas {
    /** Per record, the versions before today's that are still read, oldest first. */
    private static final Map<String, List<String>> VERSIONS = Map.of(
            "ClientAction", List.of("v1.0", "v1.1-presence", "v1.1-receipts"),
            "Reply", List.of("v1.0", "v1.1-receipts"),
            "SessionSnapshot", List.of("v1.1-receipts"),
            "DomainEvent", List.of("v1.0"));

    private EarlierSchemas() {}

    /** {@code decoder}, which also resolves every earlier version of the record {@code name} that is on file. */
    static <T extends SpecificRecord> BinaryMessageDecoder<T> alsoReading(
            BinaryMessageDecoder<T> decoder, String name) {
        for (String version : VERSIONS.getOrDefault(name, List.of())) {
            String path = "earlier/" + name + "-" + version + ".avsc";
            try (InputStream in = EarlierSchemas.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing schema resource " + path);
                }
                decoder.addSchema(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema resource " + path, e);
            }
        }
        return decoder;
    }
}
