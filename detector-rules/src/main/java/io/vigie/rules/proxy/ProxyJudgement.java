package io.vigie.rules.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import java.util.List;
import java.util.function.Supplier;

/**
 * A behavioural detection on one request, given how known its destination is. The statistics are supplied
 * lazily: computing them scans the host's contacts, which only the few candidate requests need.
 */
@FunctionalInterface
interface ProxyJudgement {

    List<Alert> judge(ProxyEvent event, Supplier<DestinationContext> destination);
}
