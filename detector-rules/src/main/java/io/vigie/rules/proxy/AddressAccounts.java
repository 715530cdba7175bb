package io.vigie.rules.proxy;

import io.vigie.rules.entity.IdentityLookup;
import java.time.Instant;
import java.util.List;

/**
 * Who used an address at a time, as the destination decisions ask it: the identities store when the topology has
 * one ({@link IdentityLookup#accountsAt}), nobody otherwise. A read-only lookup handed to the decisions, so that
 * they stay free of stores and a test answers it with a lambda.
 */
@FunctionalInterface
interface AddressAccounts {

    /** The answer of a topology without identities. */
    AddressAccounts NOBODY = (address, time) -> List.of();

    /** @return the accounts that used the address at {@code time}, in the order they started; empty when unknown */
    List<String> accountsAt(String address, Instant time);

    static AddressAccounts of(final IdentityLookup identities) {
        return identities == null ? NOBODY : identities::accountsAt;
    }
}
