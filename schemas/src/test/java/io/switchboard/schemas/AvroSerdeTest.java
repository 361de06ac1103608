package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    @Test
    void roundTripsAClientActionWithItsUnionBranch() {
        ClientAction action = ClientAction.newBuilder()
                .setConnectionId("c-1")
                .setGatewayId("gw-1")
                .setUserId(null)
                .setRoles(List.of("anonymous"))
                .setTime(Instant.ofEpochMilli(1_763_800_000_123L))
                .setRequestId("r1")
                .setAction(Subscribe.newBuilder().setChannel("metrics").build())
                .build();
        AvroSerde<ClientAction> serde = SwitchboardSerdes.clientAction();

        byte[] bytes = serde.serializer().serialize("t", action);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(action);
    }

    @Test
    void refusesARecordOfAnotherSchema() {
        Reply reply = Reply.newBuilder()
                .setConnectionId("c-1")
                .setTime(Instant.EPOCH)
                .setBody(Granted.newBuilder().setChannel("metrics").build())
                .build();
        byte[] bytes = SwitchboardSerdes.reply().encode(reply);

        assertThatThrownBy(() -> SwitchboardSerdes.clientAction().decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ClientAction");
    }

    @Test
    void passesNullThrough() {
        assertThat(SwitchboardSerdes.delivery().serializer().serialize("t", null))
                .isNull();
        assertThat(SwitchboardSerdes.delivery().deserializer().deserialize("t", null))
                .isNull();
    }
}
