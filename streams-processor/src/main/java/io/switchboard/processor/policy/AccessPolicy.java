package io.switchboard.processor.policy;

import io.switchboard.schemas.ChannelName;

/**
 * Decides whether a connection may subscribe to or publish on a channel. The processor is the single place of
 * policy (DESIGN.md); {@code io.switchboard.processor.acl.AclPolicy} implements it over the {@code switchboard.acl}
 * changelog. Implementations are called on the stream thread, once per action, and must not block.
 */
public interface AccessPolicy {
    /** Whether {@code requester} may receive {@code channel}. */
    Decision subscribe(Requester requester, ChannelName channel);

    /** Whether {@code requester} may publish on {@code channel} from its connection. */
    Decision publish(Requester requester, ChannelName channel);
}
