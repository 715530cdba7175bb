package io.vigie.core.model;

/** One line of a top list: an address, its message count and its byte total. */
public record TopEntry(String address, long messages, long bytes) {}
