/**
 * The question every permission decision answers ({@link io.switchboard.processor.policy.AccessPolicy}: who asks,
 * which channel, subscribe or publish) and its outcome. Plain Java: must not use Kafka or know where the policy is
 * stored (ArchitectureTest).
 */
package io.switchboard.processor.policy;
