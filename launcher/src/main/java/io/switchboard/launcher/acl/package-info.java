/**
 * The permission policy as the {@code switchboard acl} commands print and change it, on top of the processor's ACL
 * rules and topic ({@code io.switchboard.processor.acl}). Must not start a gateway, a processor or an embedded broker,
 * nor depend on the commands in {@code cli} (ArchitectureTest).
 */
package io.switchboard.launcher.acl;
