package io.vigie.rules.mail;

import io.vigie.rules.mail.OutboundVolumeSpikeDetection.HourlyCounts;
import io.vigie.rules.store.KeyedState;

/**
 * What {@link OutboundVolumeSpike} decides on for one sender: the sender's own history, and the organisation's hours
 * that a sender still being learnt is judged against.
 *
 * @param sender       the sender's hourly counts, null for a sender not seen yet
 * @param organisation the organisation's senders' volumes per hour
 */
record SpikeState(HourlyCounts sender, OrganisationHours organisation) {

    /**
     * The state of a sender over where it is kept: the senders' histories keyed by sender, the organisation's hours
     * keyed by hour. Storing a sender's state writes its history and the hours the decision changed.
     */
    static KeyedState<SpikeState> keptIn(
            final KeyedState<HourlyCounts> senders, final KeyedState<SenderHourVolumes> organisation) {
        return new KeyedState<>() {
            @Override
            public SpikeState get(final String sender) {
                return new SpikeState(senders.get(sender), OrganisationHours.readFrom(organisation::get));
            }

            @Override
            public void put(final String sender, final SpikeState state) {
                state.organisation().storeChangesIn(organisation);
                senders.put(sender, state.sender());
            }

            @Override
            public void delete(final String sender) {
                senders.delete(sender);
            }
        };
    }
}
