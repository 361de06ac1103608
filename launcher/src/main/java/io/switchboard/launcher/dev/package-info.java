/**
 * Dev mode in one JVM: an embedded KRaft broker, the processor, a gateway and the optional demo publisher, with the
 * banner, tokens and demo users it hands the developer. The only launcher package that starts servers or an embedded
 * broker; it must not depend on the commands in {@code cli} (ArchitectureTest).
 */
package io.switchboard.launcher.dev;
