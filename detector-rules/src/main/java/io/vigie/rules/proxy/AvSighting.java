package io.vigie.rules.proxy;

import java.time.Instant;
import java.util.List;

/**
 * An antivirus detection, as every destination task receives it: the machine's addresses whose destinations around
 * the detection time are looked at.
 *
 * @param alertId the antivirus alert's {@code event.id}
 * @param rule    its rule ({@code vigie.av.*})
 * @param time    the detection time (the alert's {@code @timestamp})
 * @param clients the machine's addresses: the alert's {@code source.ip}, or those its host name had then
 * @param host    the machine's name, when the alert gives one
 * @param threat  what the antivirus found, when the alert says
 */
record AvSighting(String alertId, String rule, Instant time, List<String> clients, String host, String threat) {

    AvSighting {
        clients = clients == null ? List.of() : List.copyOf(clients);
    }
}
