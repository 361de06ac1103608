/**
 * The {@code switchboard} command's entry point ({@link io.switchboard.launcher.Main}) and the small helpers its
 * commands share: bounded closing, printable addresses, text tables and the class data sharing archive. Only {@code
 * Main} may use picocli here (ArchitectureTest).
 */
package io.switchboard.launcher;
