/**
 * The permission policy kept in the compacted ACL topic: rules by family pattern, the default policy seeded into an
 * empty topic, the ACL-backed {@link io.switchboard.processor.policy.AccessPolicy}, and the topic's own reader and
 * writer (shared with {@code switchboard acl}). Must not depend on the stages or the topology (ArchitectureTest).
 */
package io.switchboard.processor.acl;
