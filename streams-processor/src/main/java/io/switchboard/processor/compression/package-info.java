/**
 * Compress once, deliver many: the codec and thresholds of {@code processor.compression.*} and the compressor that
 * shrinks a large payload once for every receiver. Must not depend on the stages or the topology (ArchitectureTest).
 */
package io.switchboard.processor.compression;
