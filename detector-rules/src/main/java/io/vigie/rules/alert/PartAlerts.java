package io.vigie.rules.alert;

import org.apache.kafka.streams.kstream.KStream;

/**
 * The alerts of one part of the topology (mail, proxy...), not yet throttled. The part's name names its repartition
 * topic before the throttle ({@code alerts-<part>-by-rule-entity}): it must not change once deployed.
 */
public record PartAlerts(String part, KStream<String, Alert> alerts) {}
