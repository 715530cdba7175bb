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
import java.util.HashSet;
import java.util.Set;
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
        noClasses().that().resideInAPackage("io.vigie.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vigie.rules..", "io.vigie.app..",
                        "org.apache.kafka.streams..")
                .because("the core is the vocabulary: plain parsers and records, usable without a topology")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheRulesFreeOfTheApp() {
        noClasses().that().resideInAPackage("io.vigie.rules..")
                .should().dependOnClassesThat().resideInAPackage("io.vigie.app..")
                .because("the detections run under TopologyTestDriver alone, without the process around them")
                .check(CLASSES);
    }

    @Test
    void shouldHaveNoCycleBetweenPackages() {
        slices().matching("io.vigie.(**)").should().beFreeOfCycles()
                .because("a package that needs another which needs it back cannot be understood or changed alone")
                .check(CLASSES);
    }

    @Test
    void shouldMakePublicOnlyTheTypesAnotherPackageUses() {
        ArchRuleDefinition.classes().that().resideInAnyPackage("io.vigie.core..", "io.vigie.rules..")
                .and().arePublic().and().areTopLevelClasses()
                .should(beUsedOutsideTheirPackage())
                .because("a library module's public types are its API: what no other package uses stays "
                        + "package-private, free to change")
                .check(CLASSES);
    }

    @Test
    void shouldHaveNoPublicFieldThatCanBeChanged() {
        fields().that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("io.vigie..")
                .should().haveModifier(JavaModifier.FINAL)
                .because("state changes through methods that keep it consistent")
                .check(CLASSES);
    }

    /**
     * Types of constants only: javac copies a constant's value into the class that reads it, so its uses leave no
     * trace in the bytecode.
     */
    private static final Set<String> CONSTANTS_ONLY = Set.of("io.vigie.rules.store.QueryableStores");

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
                if (CONSTANTS_ONLY.contains(type.getName())) {
                    return;
                }
                // a use of a nested type (PostfixMailFlow.Output) needs its enclosing type public too
                final boolean usedOutside = CLASSES.stream()
                        .filter(c -> c.equals(type) || c.getName().startsWith(type.getName() + "$"))
                        .flatMap(c -> c.getDirectDependenciesToSelf().stream())
                        .anyMatch(dependency -> !dependency.getOriginClass().getPackageName()
                                .equals(type.getPackageName()));
                if (!usedOutside && !inPublicSignature(type)) {
                    events.add(SimpleConditionEvent.violated(type, type.getName()
                            + " is public but no other package uses it: make it package-private"));
                }
            }
        };
    }
}
