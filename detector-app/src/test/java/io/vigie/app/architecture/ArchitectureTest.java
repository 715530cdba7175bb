package io.vigie.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout rules, checked on the compiled production classes of the three modules (this module's test class path
 * holds them all): the modules depend one way (app, then rules, then core), no two packages depend on each other,
 * a library module's public types are the ones another package uses, and no public field can be changed.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vigie");

    @Test
    void shouldKeepTheCoreFreeOfTheRulesTheAppAndKafkaStreams() {
        noClasses()
                .that()
                .resideInAPackage("io.vigie.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.vigie.rules..", "io.vigie.app..", "org.apache.kafka.streams..")
                .because("the core is the vocabulary: plain parsers and records, usable without a topology")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheRulesFreeOfTheApp() {
        noClasses()
                .that()
                .resideInAPackage("io.vigie.rules..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vigie.app..")
                .because("the detections run under TopologyTestDriver alone, without the process around them")
                .check(CLASSES);
    }

    @Test
    void shouldHaveNoCycleBetweenPackages() {
        slices().matching("io.vigie.(**)")
                .should()
                .beFreeOfCycles()
                .because("a package that needs another which needs it back cannot be understood or changed alone")
                .check(CLASSES);
    }

    @Test
    void shouldMakePublicOnlyTheTypesAnotherPackageUses() {
        ArchRuleDefinition.classes()
                .that()
                .resideInAnyPackage("io.vigie.core..", "io.vigie.rules..")
                .and()
                .arePublic()
                .and()
                .areTopLevelClasses()
                .should(beUsedOutsideTheirPackage())
                .because("a library module's public types are its API: what no other package uses stays "
                        + "package-private, free to change")
                .check(CLASSES);
    }

    @Test
    void shouldHaveNoPublicFieldThatCanBeChanged() {
        fields().that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage("io.vigie..")
                .should()
                .haveModifier(JavaModifier.FINAL)
                .because("state changes through methods that keep it consistent")
                .check(CLASSES);
    }

    /**
     * The production sources of the three modules: javac copies a constant's value into the class that reads it, so
     * a use of a constant ({@code QueryableStores.INTEL}) leaves no trace in the bytecode, only in the source.
     */
    private static final List<SourceFile> SOURCES = SourceFile.readAll(Path.of(".."));

    private static boolean namedInAnotherPackagesSource(final JavaClass type) {
        final Pattern named = Pattern.compile(Pattern.quote(type.getName()) + "\\b");
        return SOURCES.stream()
                .anyMatch(source -> !source.packageName().equals(type.getPackageName())
                        && named.matcher(source.text()).find());
    }

    /** A production source file and its package. */
    private record SourceFile(String packageName, String text) {

        static List<SourceFile> readAll(final Path root) {
            return Stream.of("detector-core", "detector-rules", "detector-app")
                    .map(module -> root.resolve(module).resolve("src/main/java"))
                    .flatMap(SourceFile::javaFiles)
                    .map(SourceFile::read)
                    .toList();
        }

        private static Stream<Path> javaFiles(final Path sources) {
            try (Stream<Path> files = Files.walk(sources)) {
                return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static SourceFile read(final Path file) {
            try {
                final String text = Files.readString(file, StandardCharsets.UTF_8);
                final Matcher declared = PACKAGE.matcher(text);
                return new SourceFile(declared.find() ? declared.group(1) : "", text);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    }

    /** Whether a public member of another public type shows the type (a record's component, a return type). */
    private static boolean inPublicSignature(final JavaClass type) {
        return CLASSES.stream()
                .filter(c -> !c.equals(type) && c.getModifiers().contains(JavaModifier.PUBLIC))
                .flatMap(c -> c.getMembers().stream())
                .filter(member -> member.getModifiers().contains(JavaModifier.PUBLIC))
                .anyMatch(member -> signatureTypes(member).contains(type));
    }

    private static Set<JavaClass> signatureTypes(final JavaMember member) {
        final Set<JavaClass> types = new HashSet<>();
        if (member instanceof JavaField field) {
            types.addAll(field.getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit unit) {
            types.addAll(unit.getReturnType().getAllInvolvedRawTypes());
            unit.getParameterTypes().forEach(parameter -> types.addAll(parameter.getAllInvolvedRawTypes()));
        }
        return types;
    }

    private static ArchCondition<JavaClass> beUsedOutsideTheirPackage() {
        return new ArchCondition<>("be used outside their package or be part of a public signature") {
            @Override
            public void check(final JavaClass type, final ConditionEvents events) {
                // a use of a nested type (PostfixMailFlow.Output) needs its enclosing type public too
                final boolean usedOutside = CLASSES.stream()
                        .filter(c -> c.equals(type) || c.getName().startsWith(type.getName() + "$"))
                        .flatMap(c -> c.getDirectDependenciesToSelf().stream())
                        .anyMatch(dependency ->
                                !dependency.getOriginClass().getPackageName().equals(type.getPackageName()));
                if (!usedOutside && !inPublicSignature(type) && !namedInAnotherPackagesSource(type)) {
                    events.add(SimpleConditionEvent.violated(
                            type, type.getName() + " is public but no other package uses it: make it package-private"));
                }
            }
        };
    }
}
