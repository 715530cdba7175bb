package io.vigie.app.mail;

import static io.vigie.app.mail.ContentFilterParityTest.analyze;
import static io.vigie.app.mail.ContentFilterParityTest.pflogsumm;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ContentFilterParityTest} through the engine ({@code analyze --engine}, on its own embedded broker). */
class ContentFilterParityIT {

    @TempDir
    Path work;

    @Test
    void shouldCountTheSameThroughTheEngine() throws Exception {
        AnalyzePflogsummParityTest.assertPrintsLists(
                "content filter B, engine",
                pflogsumm("postfix-amavis-A.without-filter-hops"),
                analyze(work, "B", "--engine"));
    }
}
