package io.switchboard.processor.config;

import io.switchboard.processor.compression.CompressionSettings;
import io.switchboard.schemas.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A mutable copy of a {@link ProcessorConfig}, changed by its {@code with} methods and validated when built. */
final class ConfigDraft {
    String bootstrapServers;
    String applicationId;
    Topics topics;
    String processingGuarantee;
    long commitIntervalMs;
    String eventsProcessingGuarantee;
    long eventsCommitIntervalMs;
    long lingerMs;
    Path stateDir;
    List<String> families;
    List<String> presenceFamilies;
    int partitions;
    short replicationFactor;
    long aclRecheckIntervalMs;
    long gatewaysCheckIntervalMs;
    long tokenTtlMs;
    CompressionSettings compression;
    HttpEndpoint http;
    Map<String, String> kafkaProperties;
    Map<String, String> streamsProperties;

    ConfigDraft(ProcessorConfig config) {
        bootstrapServers = config.bootstrapServers();
        applicationId = config.applicationId();
        topics = config.topics();
        processingGuarantee = config.processingGuarantee();
        commitIntervalMs = config.commitIntervalMs();
        eventsProcessingGuarantee = config.eventsProcessingGuarantee();
        eventsCommitIntervalMs = config.eventsCommitIntervalMs();
        lingerMs = config.lingerMs();
        stateDir = config.stateDir();
        families = config.families();
        presenceFamilies = config.presenceFamilies();
        partitions = config.partitions();
        replicationFactor = config.replicationFactor();
        aclRecheckIntervalMs = config.aclRecheckIntervalMs();
        gatewaysCheckIntervalMs = config.gatewaysCheckIntervalMs();
        tokenTtlMs = config.tokenTtlMs();
        compression = config.compression();
        http = config.http();
        kafkaProperties = config.kafkaProperties();
        streamsProperties = config.streamsProperties();
    }

    ProcessorConfig build() {
        return new ProcessorConfig(
                bootstrapServers,
                applicationId,
                topics,
                processingGuarantee,
                commitIntervalMs,
                eventsProcessingGuarantee,
                eventsCommitIntervalMs,
                lingerMs,
                stateDir,
                families,
                presenceFamilies,
                partitions,
                replicationFactor,
                aclRecheckIntervalMs,
                gatewaysCheckIntervalMs,
                tokenTtlMs,
                compression,
                http,
                kafkaProperties,
                streamsProperties);
    }
}
