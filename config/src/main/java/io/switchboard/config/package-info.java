/**
 * Layered raw settings for every deployable: defaults, then a properties file, then {@code SWITCHBOARD_*} environment
 * variables, then explicit overrides, with a {@link io.switchboard.config.ConfigException} that names the key of a bad
 * value. The one place that maps {@code SWITCHBOARD_*} variables to keys (the caller hands it the environment). Plain
 * Java: it must not depend on any other Switchboard module or on Kafka, so every module can use it.
 */
package io.switchboard.config;
