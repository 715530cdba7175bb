package io.vigie.app.cli;

import io.vigie.app.config.VigieConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigie analyze}: a one-shot report over log files, like pflogsumm. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse log files offline and print the top lists and anomalies of the whole period.")
public final class AnalyzeCommand extends VigieCommand {

    @Option(names = "--source", required = true, paramLabel = "SOURCE", converter = Source.Converter.class,
            description = "Log format of the files: postfix.")
    private Source source;

    @Option(names = "--json", description = "Print the report as JSON instead of text.")
    private boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Log files, plain or gzip.")
    private List<Path> files;

    @Override
    protected int execute(final VigieConfig config) {
        throw new UnsupportedOperationException("analyze: wired by the mail slice");
    }

    public Source source() {
        return source;
    }

    public boolean json() {
        return json;
    }

    public List<Path> files() {
        return files;
    }
}
