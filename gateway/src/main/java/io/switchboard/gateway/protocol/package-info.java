/**
 * The wire protocol as types (docs/protocol.md): client messages and their decoder, server messages and their encoder,
 * delivery frames built once per gateway, binary frames, error codes and close reasons. Plain Java and Jackson: must
 * not use Undertow, XNIO or Kafka clients (ArchitectureTest).
 */
package io.switchboard.gateway.protocol;
