package io.switchboard.gateway.routing;

import io.switchboard.gateway.protocol.ServerMessage.PresencePage;
import io.switchboard.schemas.avro.PresenceAnswer;

/** The {@code presence} frame of the processor's answer to a presence query. */
final class PresencePages {
    private PresencePages() {}

    /** The page as PROTOCOL.md writes it: {@code anonymous} only when there are some, {@code next} only when set. */
    static PresencePage page(String requestId, PresenceAnswer answer) {
        return new PresencePage(
                requestId,
                answer.getChannel(),
                answer.getMembers().stream()
                        .map(member -> new PresencePage.Member(member.getUserId(), member.getConnections()))
                        .toList(),
                answer.getCount(),
                answer.getAnonymous() > 0 ? answer.getAnonymous() : null,
                answer.getNext());
    }
}
