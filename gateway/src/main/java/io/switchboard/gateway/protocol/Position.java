package io.switchboard.gateway.protocol;

import java.util.Objects;

/**
 * A position in a channel: the offset of its partition and the epoch naming the topic incarnation ({@code
 * <topicId>:<partition>}). Offset -1 means "before the first record".
 */
public record Position(long offset, String epoch) {
    public Position {
        Objects.requireNonNull(epoch, "epoch");
    }
}
