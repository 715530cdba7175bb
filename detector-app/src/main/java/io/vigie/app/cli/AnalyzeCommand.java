package io.vigie.app.cli;

import io.vigie.app.analyze.Analysis;
import io.vigie.app.analyze.AnalysisReport;
import io.vigie.app.analyze.AnalysisResult;
import io.vigie.app.analyze.MailLogAnalysis;
import io.vigie.app.config.VigieConfig;
import io.vigie.core.serde.JsonSerde;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigie analyze}: a one-shot report over log files, like pflogsumm. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Analyse files offline and print what the engine finds over the whole period.",
            "postfix: top lists and anomalies. dmarc: per-domain DMARC figures and spoofing alerts.",
            "squid, combined, w3c, proxy: proxy detections (with --urlhaus/--indicators loaded first)."
        })
public final class AnalyzeCommand extends VigieCommand {

    @Option(
            names = "--source",
            required = true,
            paramLabel = "SOURCE",
            converter = Source.Converter.class,
            description = "Format of the files: postfix, dmarc, a proxy log (squid, combined, w3c, proxy), an "
                    + "antivirus log (clamav, defender, cef, av), a quarantine log (amavis, rspamd, quarantine), or "
                    + "eml (reported mails).")
    private Source source;

    @Option(
            names = "--urlhaus",
            paramLabel = "FILE",
            description = "Proxy sources: a URLhaus CSV dump loaded into the intel table before the logs (repeatable).")
    private List<Path> urlhaus = new java.util.ArrayList<>();

    @Option(
            names = "--indicators",
            paramLabel = "FILE",
            description = "Proxy sources: a list of URLs, hosts and IPs (one per line) loaded before the logs "
                    + "(repeatable).")
    private List<Path> indicators = new java.util.ArrayList<>();

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Antivirus sources: the machine the log is about (ClamAV's logs do not name it).")
    private String host;

    @Option(names = "--json", description = "Print the report as JSON instead of text.")
    private boolean json;

    @Option(
            names = "--engine",
            description = "postfix: run the lines through the streaming engine on a private embedded broker, as "
                    + "'vigie run' would, rather than through the same rules in memory (slower; the same lists and "
                    + "alerts). The other sources always go through the engine.")
    private boolean engine;

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "Log files, plain or gzip; for dmarc, report files (XML, .xml.gz, .zip, .eml) or "
                    + "directories of them.")
    private List<Path> files;

    @Override
    protected int execute(final VigieConfig config) throws Exception {
        if (source == Source.POSTQUEUE) {
            err().println("analyze: --source postqueue is not supported: feed snapshots with "
                    + "'vigie ingest --source postqueue --host HOST FILE'");
            return ExitCodes.USAGE;
        }
        if (source == Source.URLHAUS || source == Source.INDICATORS) {
            err().println("analyze: --source " + source.cliName() + " is not a log; load it with --" + source.cliName()
                    + " FILE next to --source squid|combined|w3c|proxy");
            return ExitCodes.USAGE;
        }
        if (source.isAuthLog()) {
            err().println("analyze: --source " + source.cliName() + " is not supported: VPN sessions feed the "
                    + "identities, they raise no alert of their own; send them with 'vigie ingest --source "
                    + source.cliName() + " FILE'");
            return ExitCodes.USAGE;
        }
        if (!source.isProxyLog() && !(urlhaus.isEmpty() && indicators.isEmpty())) {
            err().println("analyze: --urlhaus and --indicators go with the proxy sources only");
            return ExitCodes.USAGE;
        }
        final List<Analysis.IntelFile> intel = new java.util.ArrayList<>();
        for (final Path f : urlhaus) {
            intel.add(new Analysis.IntelFile("urlhaus", f));
        }
        for (final Path f : indicators) {
            intel.add(new Analysis.IntelFile("indicators", f));
        }
        for (final Analysis.IntelFile f : intel) {
            if (!Files.isReadable(f.file())) {
                err().println("analyze: cannot read " + f.file());
                return ExitCodes.USAGE;
            }
        }
        final List<Path> inputs = source == Source.DMARC || source == Source.EML ? ReportFiles.expand(files) : files;
        if (inputs.isEmpty()) {
            err().println("analyze: no file in " + files);
            return ExitCodes.USAGE;
        }
        for (final Path file : inputs) {
            if (!Files.isReadable(file)) {
                err().println("analyze: cannot read " + file);
                return ExitCodes.USAGE;
            }
        }
        final AnalysisResult result = source == Source.POSTFIX && !engine
                ? new MailLogAnalysis(config).run(inputs)
                : new Analysis(config).run(source.cliName(), inputs, intel, host);
        if (json) {
            out().println(JsonSerde.MAPPER
                    .writerWithDefaultPrettyPrinter()
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
