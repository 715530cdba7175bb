package io.vigie.app.cli;

import io.vigie.app.Main;
import io.vigie.app.analyze.Analysis;
import io.vigie.app.analyze.AnalysisReport;
import io.vigie.app.analyze.AnalysisResult;
import io.vigie.app.config.VigieConfig;
import io.vigie.core.serde.JsonSerde;
import java.nio.file.Files;
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
    protected int execute(final VigieConfig config) throws Exception {
        if (source != Source.POSTFIX) {
            err().println("analyze: only --source postfix is supported for now (got " + source.cliName() + ")");
            return Main.EXIT_USAGE;
        }
        for (final Path file : files) {
            if (!Files.isReadable(file)) {
                err().println("analyze: cannot read " + file);
                return Main.EXIT_USAGE;
            }
        }
        final AnalysisResult result = new Analysis(config).run(source.cliName(), files);
        if (json) {
            out().println(JsonSerde.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(AnalysisReport.json(source.cliName(), result)));
            out().flush();
        } else {
            AnalysisReport.text(result, out());
        }
        return 0;
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
