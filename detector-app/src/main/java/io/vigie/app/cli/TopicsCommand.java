package io.vigie.app.cli;

import io.vigie.app.broker.TopicProvisioner;
import io.vigie.app.broker.TopicSpec;
import io.vigie.app.config.VigieConfig;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigie topics}: list or create Vigie's topics. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "List or create the topics Vigie uses.",
        subcommands = {TopicsCommand.List.class, TopicsCommand.Create.class})
public final class TopicsCommand implements Callable<Integer> {

    private static final long TIMEOUT_SECONDS = 60;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigie topics: missing command (list or create)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** {@code vigie topics create}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create the missing topics with their retention; existing topics are left alone.")
    public static final class Create extends VigieCommand {

        @Mixin
        private ClusterOption cluster;

        @Override
        protected int execute(final VigieConfig config) {
            try (KafkaTarget target = KafkaTarget.open(cluster.applyTo(config));
                    Admin admin = Admin.create(config.clientProperties(target.bootstrapServers()))) {
                final TopicProvisioner.Outcome outcome =
                        new TopicProvisioner(admin).provision(TopicProvisioner.specsFor(config));
                for (final String name : outcome.created()) {
                    out().println("created " + name);
                }
                for (final String name : outcome.existing()) {
                    out().println("exists  " + name);
                }
                out().flush();
            }
            return 0;
        }
    }

    /** {@code vigie topics list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the cluster's topics; Vigie's own are marked with their role, missing ones too.")
    public static final class List extends VigieCommand {

        @Mixin
        private ClusterOption cluster;

        @Override
        protected int execute(final VigieConfig config)
                throws InterruptedException, ExecutionException, TimeoutException {
            final java.util.List<TopicSpec> specs = TopicProvisioner.specsFor(config);
            try (KafkaTarget target = KafkaTarget.open(cluster.applyTo(config));
                    Admin admin = Admin.create(config.clientProperties(target.bootstrapServers()))) {
                final Set<String> names =
                        new TreeSet<>(admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
                final Map<String, TopicDescription> descriptions =
                        admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                final java.util.List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"TOPIC", "PARTITIONS", "REPLICAS", "VIGIE"});
                for (final String name : names) {
                    final TopicDescription d = descriptions.get(name);
                    final int replicas = d.partitions().isEmpty()
                            ? 0
                            : d.partitions().get(0).replicas().size();
                    rows.add(new String[] {
                        name,
                        Integer.toString(d.partitions().size()),
                        Integer.toString(replicas),
                        isVigie(specs, name) ? "yes" : ""
                    });
                }
                for (final TopicSpec spec : specs) {
                    if (!names.contains(spec.name())) {
                        rows.add(new String[] {spec.name(), "-", "-", "missing"});
                    }
                }
                print(rows);
            }
            return 0;
        }

        private static boolean isVigie(final java.util.List<TopicSpec> specs, final String name) {
            return specs.stream().anyMatch(s -> s.name().equals(name));
        }

        private void print(final java.util.List<String[]> rows) {
            final int[] widths = new int[rows.get(0).length];
            for (final String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (final String[] row : rows) {
                final StringBuilder sb = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    sb.append(String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row[i]));
                }
                out().println(sb.toString().stripTrailing());
            }
            out().flush();
        }
    }
}
