/**
 * What Linux's {@code /proc} says about a process: CPU time and resident memory. Plain Java, nothing else.
 */
package io.switchboard.load.proc;
