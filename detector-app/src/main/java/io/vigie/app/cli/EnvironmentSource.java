package io.vigie.app.cli;

import java.util.Map;

/** The root command, which says where the configuration overrides come from (the process, or a test's map). */
public interface EnvironmentSource {

    Map<String, String> environment();
}
