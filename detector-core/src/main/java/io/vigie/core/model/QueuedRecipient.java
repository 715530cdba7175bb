package io.vigie.core.model;

/**
 * One recipient of a queued message, as {@code postqueue -j} lists it.
 *
 * @param address     envelope recipient
 * @param delayReason why delivery to it was deferred, or null when it has not been tried yet
 */
public record QueuedRecipient(String address, String delayReason) {}
