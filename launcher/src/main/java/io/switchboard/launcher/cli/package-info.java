/**
 * The picocli commands of {@code switchboard}: {@code dev}, {@code gateway}, {@code processor}, {@code token}, {@code
 * acl}, {@code users}, {@code replay} and {@code connect}, their shared options, and how failures become one clear
 * line and an exit code. Commands parse and delegate; the work lives in the other launcher packages. The gateway and
 * the processor are used only through their front doors (root package, configuration, development tokens, ACL rules),
 * never their internals (ArchitectureTest).
 */
package io.switchboard.launcher.cli;
