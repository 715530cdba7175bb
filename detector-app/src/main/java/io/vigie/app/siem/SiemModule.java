package io.vigie.app.siem;

import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import java.time.Clock;

/**
 * Puts SIEM delivery on the engine: when {@code siem.syslog.enabled}, the {@link SyslogForwarder} sending every
 * alert to a syslog receiver. Installed by {@code vigie run}.
 */
public final class SiemModule {

    private SiemModule() {}

    public static Engine install(final Engine engine, final VigieConfig config) {
        final SyslogSettings syslog = SyslogSettings.from(config);
        if (!syslog.enabled()) {
            return engine;
        }
        return engine.beforeStart(started -> started.onClose(new SyslogForwarder(
                        syslog,
                        config.clientProperties(started.bootstrapServers()),
                        groupId(config),
                        config.topics().names().alerts(),
                        started.meterRegistry(),
                        Clock.systemUTC())
                .start()));
    }

    /** The forwarder's own consumer group: it never shares offsets with the Streams application. */
    public static String groupId(final VigieConfig config) {
        return config.applicationId() + "-syslog";
    }
}
