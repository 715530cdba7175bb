package io.vigie.app.evidence;

import java.util.List;
import java.util.Map;

/**
 * What went into an evidence archive.
 *
 * @param files  the manifest's lines ({@code <sha256>  <path>}), the manifest itself excluded
 * @param counts how many of each thing: {@code mails}, {@code abuse_drafts}, {@code alerts}, {@code proxy_lines},
 *               {@code antivirus_lines}, {@code vpn_lines}
 * @param topics how each topic was read
 */
public record EvidenceSummary(List<String> files, Map<String, Long> counts, List<TopicRead> topics) {

    public EvidenceSummary {
        files = List.copyOf(files);
        counts = Map.copyOf(counts);
        topics = List.copyOf(topics);
    }

    /**
     * @param records   records read and looked at
     * @param oversized records left for being over the size limit
     * @param missing   whether the topic does not exist
     */
    public record TopicRead(String topic, long records, long oversized, boolean missing) {}
}
