package io.vigie.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.core.net.LookalikeDomains.Match;
import io.vigie.core.net.LookalikeDomains.Owner;
import io.vigie.core.net.LookalikeDomains.Technique;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LookalikeDomainsTest {

    /** The hospital, its GHT, and three partners: one with a short name, one a post office, one a health insurer. */
    private final LookalikeDomains domains = LookalikeDomains.of(
            List.of("chu-exemple.fr"), List.of("ght-exemple.fr", "aphp.fr", "laposte.fr", "ameli.fr"), List.of(), 0.75);

    @ParameterizedTest(name = "{0} imitates {1} ({3}, {4})")
    @CsvSource(
            delimiter = '|',
            value = {
                // the hospital's whole domain as one label, under another TLD
                "chu-exemple-fr.com|chu-exemple.fr|INTERNAL|HYPHENATED|0.85",
                "chuexemple-fr.net|chu-exemple.fr|INTERNAL|HYPHENATED|0.85",
                // the same name under another TLD, a common second-level suffix included
                "chu-exemple.com|chu-exemple.fr|INTERNAL|TLD_SWAP|0.9",
                "CHU-Exemple.ORG.|chu-exemple.fr|INTERNAL|TLD_SWAP|0.9",
                "chu-exemple.co.uk|chu-exemple.fr|INTERNAL|TLD_SWAP|0.9",
                // letters and digits that pass for others
                "chu-exernple.fr|chu-exemple.fr|INTERNAL|HOMOGLYPH|0.95",
                "chu-exemp1e.fr|chu-exemple.fr|INTERNAL|HOMOGLYPH|0.95",
                "chu-ex3mple.fr|chu-exemple.fr|INTERNAL|TYPO|0.91",
                "chu-exempie.fr|chu-exemple.fr|INTERNAL|HOMOGLYPH|0.95",
                // a Cyrillic е (U+0435) in place of the Latin e, as the mail server logs it and as a user's client
                // writes it
                "xn--chu-exmple-psi.fr|chu-exemple.fr|INTERNAL|PUNYCODE|1.0",
                "chu-ex\u0435mple.fr|chu-exemple.fr|INTERNAL|PUNYCODE|1.0",
                "chu-\u00e9xemple.fr|chu-exemple.fr|INTERNAL|PUNYCODE|1.0",
                // a word added at a hyphen, or glued to a long name
                "secure-chu-exemple.fr|chu-exemple.fr|INTERNAL|ADDED_WORD|0.79",
                "chu-exemple-rh.fr|chu-exemple.fr|INTERNAL|ADDED_WORD|0.85",
                "chu-exemple-rh.com|chu-exemple.fr|INTERNAL|ADDED_WORD|0.77",
                "securechu-exemple.fr|chu-exemple.fr|INTERNAL|ADDED_WORD|0.79",
                // typos: a letter dropped, swapped, doubled, the hyphen dropped
                "chu-exmple.fr|chu-exemple.fr|INTERNAL|TYPO|0.91",
                "chu-exepmle.fr|chu-exemple.fr|INTERNAL|TYPO|0.91",
                "chu-exemmple.fr|chu-exemple.fr|INTERNAL|TYPO|0.92",
                "chuexemple.fr|chu-exemple.fr|INTERNAL|TYPO|0.91",
                "chu-exmpel.fr|chu-exemple.fr|INTERNAL|TYPO|0.82",
                // the real domain at the left of the attacker's
                "chu-exemple.fr.com|chu-exemple.fr|INTERNAL|EMBEDDED|0.85",
                "chu-exemple.fr.verif-compte.com|chu-exemple.fr|INTERNAL|EMBEDDED|0.85",
                "webmail.chu-exemple-fr.verif-compte.com|chu-exemple.fr|INTERNAL|EMBEDDED|0.85",
                // partners, a short name among them: matched only whole
                "ght-exemple.com|ght-exemple.fr|PARTNER|TLD_SWAP|0.9",
                "ght-exemp1e.fr|ght-exemple.fr|PARTNER|HOMOGLYPH|0.95",
                "aphp.com|aphp.fr|PARTNER|TLD_SWAP|0.9",
                "\u0430php.fr|aphp.fr|PARTNER|PUNYCODE|1.0",
                "aphp-fr.net|aphp.fr|PARTNER|HYPHENATED|0.85",
                "laposte.com|laposte.fr|PARTNER|TLD_SWAP|0.9",
            })
    void shouldNameTheImitatedDomainTheTechniqueAndTheSimilarityWhenADomainLooksLikeAProtectedOne(
            final String candidate,
            final String imitated,
            final Owner owner,
            final Technique technique,
            final double similarity) {
        final Optional<Match> match = domains.match(candidate);
        assertThat(match).as(candidate).hasValueSatisfying(m -> {
            assertThat(m.imitated()).isEqualTo(imitated);
            assertThat(m.owner()).isEqualTo(owner);
            assertThat(m.technique()).isEqualTo(technique);
            assertThat(m.similarity()).isEqualTo(similarity);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // the protected domains themselves and their subdomains
                "chu-exemple.fr",
                "CHU-Exemple.FR.",
                "mail.chu-exemple.fr",
                "bounce.rh.chu-exemple.fr",
                "ght-exemple.fr",
                // public mail providers, one of them a partner's name under another suffix
                "gmail.com",
                "laposte.net",
                "orange.fr",
                "hotmail.fr",
                "mail.laposte.net",
                // other organisations, some with a word in common
                "univ-exemple.fr",
                "exemple.fr",
                "chu-lyon.fr",
                "chu-toulouse.fr",
                "ch-vienne.fr",
                "example.org",
                "clinique-saint-joseph.fr",
                "doctolib.fr",
                "colissimo-livraison.icu",
                "microsoft365-verify.xyz",
                // a short partner name: no typo nor added word on 4 letters
                "aphq.fr",
                "aphp-rh.fr",
                "aphps.fr",
                "raphp.fr",
                // a partner's name inside another word, too short to be read glued
                "cameliaflowers.com",
                "camelia.fr",
                // the bare name as a subdomain of another domain (a cloud tenant) is not judged
                "chu-exemple.onmicrosoft.com",
                // not domains
                "192.0.2.10",
                "[2001:db8::1]",
                "localhost",
                "fr",
                ".",
                ""
            })
    void shouldFindNoLookalikeWhenTheDomainIsProtectedPublicOrUnrelated(final String candidate) {
        assertThat(domains.match(candidate)).as(candidate).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"ght-exemple.fr, false", "chr-exemple.fr, true", "chu-exmpel.fr, true", "cuh-exemple.fr, true"})
    void shouldTellAnotherShortWordFromTwoTyposWhenOnlyTheHospitalsDomainIsProtected(
            final String candidate, final boolean imitates) {
        // the hospital group (GHT) of the same place differs from the hospital (CHU) by two letters of a short word
        final LookalikeDomains hospitalOnly =
                LookalikeDomains.of(List.of("chu-exemple.fr"), List.of(), List.of(), 0.75);

        assertThat(hospitalOnly.match(candidate).isPresent()).as(candidate).isEqualTo(imitates);
    }

    @Test
    void shouldFindNoLookalikeWhenThereIsNoDomainOrNothingIsProtected() {
        assertThat(domains.match(null)).isEmpty();
        final LookalikeDomains none = LookalikeDomains.of(List.of(), List.of(), List.of(), 0.75);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.match("chu-exemple-fr.com")).isEmpty();
        assertThat(domains.isEmpty()).isFalse();
    }

    @Test
    void shouldReportOnlyWhatReachesTheMinimumSimilarity() {
        // ameli.fr with two words added: far from the name, below the default minimum ...
        assertThat(domains.match("secure-ameli-remboursement.com")).isEmpty();
        // ... found at a lower one, with its similarity
        final LookalikeDomains lenient =
                LookalikeDomains.of(List.of("chu-exemple.fr"), List.of("ameli.fr"), List.of(), 0.6);
        assertThat(lenient.match("ameli-remboursement.com")).hasValueSatisfying(m -> {
            assertThat(m.technique()).isEqualTo(Technique.ADDED_WORD);
            assertThat(m.similarity()).isEqualTo(0.62);
        });
        final LookalikeDomains strict = LookalikeDomains.of(List.of("chu-exemple.fr"), List.of(), List.of(), 0.95);
        assertThat(strict.match("chu-exernple.fr")).isPresent();
        assertThat(strict.match("chu-exemple.com")).isEmpty();
    }

    @Test
    void shouldShowThePunycodeDomainAsItLooksWhenItHasPunycodeLabels() {
        assertThat(domains.match("xn--chu-exmple-psi.fr")).hasValueSatisfying(m -> {
            assertThat(m.domain()).isEqualTo("xn--chu-exmple-psi.fr");
            assertThat(m.unicode()).isEqualTo("chu-ex\u0435mple.fr");
        });
        assertThat(domains.match("chu-exemple.com"))
                .hasValueSatisfying(m -> assertThat(m.unicode()).isNull());
    }

    @Test
    void shouldPreferTheOrganisationsOwnDomainWhenAPartnerIsImitatedAsWell() {
        final LookalikeDomains both =
                LookalikeDomains.of(List.of("chu-exemple.fr"), List.of("chu-exemple.org"), List.of(), 0.75);
        assertThat(both.match("chu-exemple.com")).hasValueSatisfying(m -> {
            assertThat(m.imitated()).isEqualTo("chu-exemple.fr");
            assertThat(m.owner()).isEqualTo(Owner.INTERNAL);
        });
        // a domain listed in both lists is internal, and the other protected domain is no look-alike of it
        final LookalikeDomains twice =
                LookalikeDomains.of(List.of("chu-exemple.fr"), List.of("chu-exemple.fr"), List.of(), 0.75);
        assertThat(twice.match("chu-exemple.com"))
                .hasValueSatisfying(m -> assertThat(m.owner()).isEqualTo(Owner.INTERNAL));
        assertThat(both.match("chu-exemple.org")).isEmpty();
    }

    @Test
    void shouldTakeADomainOfTheSameRegistrableDomainAsAProtectedSubdomainForItsOwners() {
        final LookalikeDomains sub = LookalikeDomains.of(List.of("mail.chu-exemple.fr"), List.of(), List.of(), 0.75);
        assertThat(sub.match("chu-exemple.fr")).isEmpty();
        assertThat(sub.match("rh.chu-exemple.fr")).isEmpty();
        assertThat(sub.match("chu-exemple.com"))
                .hasValueSatisfying(m -> assertThat(m.imitated()).isEqualTo("mail.chu-exemple.fr"));
    }

    @Test
    void shouldNeverJudgeAnIgnoredDomainNorItsSubdomains() {
        final LookalikeDomains ignoring = LookalikeDomains.of(
                List.of("chu-exemple.fr"), List.of(), List.of("chu-exemple.org", "@Chu-Exemple-Fr.com"), 0.75);
        assertThat(ignoring.match("chu-exemple.org")).isEmpty();
        assertThat(ignoring.match("news.chu-exemple.org")).isEmpty();
        assertThat(ignoring.match("chu-exemple-fr.com")).isEmpty();
        assertThat(ignoring.match("chu-exemple.com")).isPresent();
    }

    @Test
    void shouldRefuseASimilarityOutOfRangeAndEntriesThatAreNotDomains() {
        assertThatThrownBy(() -> LookalikeDomains.of(List.of("chu-exemple.fr"), List.of(), List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimum similarity");
        assertThatThrownBy(() -> LookalikeDomains.of(List.of("chu-exemple.fr"), List.of(), List.of(), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LookalikeDomains.of(List.of("fr"), List.of(), List.of(), 0.75))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fr'");
        assertThatThrownBy(() -> LookalikeDomains.of(List.of(), List.of("192.0.2.1"), List.of(), 0.75))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LookalikeDomains.of(List.of(), List.of(), List.of("a b.fr"), 0.75))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "chu-exernple|chu-exemple",
                "chu-exemp1e|chu-exemple",
                "vvebmail|webmail",
                "c0ntact|contact",
                "CHU-Éxemple|chu-exemple",
                "\u0430\u0440\u0440le|apple",
                "cl\u03bfud|doud"
            })
    void shouldMapConfusableLettersToOneSkeleton(final String label, final String looksLike) {
        assertThat(LookalikeDomains.skeleton(label)).isEqualTo(LookalikeDomains.skeleton(looksLike));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "chu-exemple|chu-exemple|0",
                "chu-exemple|chu-exmple|1",
                "chu-exemple|chu-exepmle|1",
                "chu-exemple|chu-exmpel|2",
                "ca|abc|3",
                "|abc|3",
                "chu-nice|chu-nimes|2"
            })
    void shouldCountOneEditPerInsertionDeletionSubstitutionOrSwapOfNeighbours(
            final String a, final String b, final int expected) {
        final String left = a == null ? "" : a;
        assertThat(LookalikeDomains.distance(left, b)).isEqualTo(expected);
        assertThat(LookalikeDomains.distance(b, left)).isEqualTo(expected);
    }

    @Test
    void shouldFindAWordOnlyBetweenHyphensOrTheLabelsEnds() {
        assertThat(LookalikeDomains.containsAtHyphen("secure-ameli-remboursement", "ameli"))
                .isTrue();
        assertThat(LookalikeDomains.containsAtHyphen("ameli-pro", "ameli")).isTrue();
        assertThat(LookalikeDomains.containsAtHyphen("cameliaflowers", "ameli")).isFalse();
        assertThat(LookalikeDomains.containsAtHyphen("camelia-ameli", "ameli")).isTrue();
        assertThat(LookalikeDomains.containsAtHyphen("ameli", "ameli")).isFalse();
    }
}
