package io.vigie.core.parse.av;

import java.util.List;

/**
 * Where a shipper's JSON puts each antivirus field: dotted paths (nested objects or dotted keys), first present
 * wins. {@link #ecs()} is the Elastic Common Schema default.
 *
 * @param time     event time
 * @param host     machine name
 * @param hostIp   machine address
 * @param user     user name
 * @param threat   threat name; a record with none of these paths is not a detection
 * @param path     file path
 * @param sha256   SHA-256 of the file
 * @param hash     another hash (MD5, SHA-1)
 * @param action   action taken
 * @param origin   where the file came from
 * @param severity severity word
 */
public record AvJsonMapping(
        List<String> time,
        List<String> host,
        List<String> hostIp,
        List<String> user,
        List<String> threat,
        List<String> path,
        List<String> sha256,
        List<String> hash,
        List<String> action,
        List<String> origin,
        List<String> severity) {

    public AvJsonMapping {
        time = List.copyOf(time);
        host = List.copyOf(host);
        hostIp = List.copyOf(hostIp);
        user = List.copyOf(user);
        threat = List.copyOf(threat);
        path = List.copyOf(path);
        sha256 = List.copyOf(sha256);
        hash = List.copyOf(hash);
        action = List.copyOf(action);
        origin = List.copyOf(origin);
        severity = List.copyOf(severity);
    }

    /** ECS as Elastic Agent and Filebeat modules write it. */
    public static AvJsonMapping ecs() {
        return new AvJsonMapping(
                List.of("@timestamp", "event.created"),
                List.of("host.name", "host.hostname", "observer.hostname"),
                List.of("host.ip"),
                List.of("user.name"),
                List.of("threat.indicator.name", "threat.name", "threat.software.name", "rule.name"),
                List.of("file.path", "file.name"),
                List.of("file.hash.sha256"),
                List.of("file.hash.sha1", "file.hash.md5"),
                List.of("event.action", "event.outcome"),
                List.of("file.origin_url", "file.origin_referrer_url"),
                List.of("event.severity", "log.level"));
    }
}
