package io.vigie.core.model;

/**
 * Postfix's {@code delays=a/b/c/d}: seconds spent before the queue manager (including
 * reception), in the queue manager (queue congestion), in connection setup, and in transmission.
 */
public record DeliveryDelays(
        double beforeQueueManager, double inQueueManager, double connectionSetup, double transmission) {}
