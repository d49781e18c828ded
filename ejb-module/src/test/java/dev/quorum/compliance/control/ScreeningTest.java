package dev.quorum.compliance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScreeningTest {

    private static List<Rule> rules(RuleAction email, RuleAction card) {
        return List.of(
                new Rule(Category.EMAIL, true, Severity.LOW, email, null, 3),
                new Rule(Category.PAYMENT_CARD, true, Severity.HIGH, card, null, 1),
                new Rule(Category.PHONE, false, Severity.LOW, RuleAction.BLOCK, RuleParameters.region("US"), 1));
    }

    @Test
    void redactionMasksEachCharacterSoLengthsInCodePointsStay() {
        String text = "👍 pay 4111 1111 1111 1111 now";
        Screening screening = Screening.of(text, rules(RuleAction.FLAG, RuleAction.REDACT));
        assertEquals("👍 pay •••• •••• •••• •••• now", screening.maskedText());
        assertEquals(
                text.codePointCount(0, text.length()),
                screening.maskedText().codePoints().count());
        Screening.Finding card = screening.findings().get(0);
        assertEquals(6, card.start(), "offsets count code points: the emoji is one");
        assertEquals(25, card.end());
        assertNull(screening.blockedBy());
        assertTrue(card.excerpt().contains("••••"), card.excerpt());
    }

    @Test
    void chatHtmlIsReadAsItsReaderSeesItAndMaskedAsStored() {
        // the sanitizer stores @ as &#64; and & as &amp;
        String html = "<b>Mail</b> ceo&#64;acme-corp.com &amp; use 4111&#32;1111 1111 1111";
        Screening screening = Screening.ofHtml(html, rules(RuleAction.REDACT, RuleAction.FLAG), ScreeningContext.NONE);
        assertEquals(2, screening.findings().size());
        assertEquals("<b>Mail</b> ••••••••••••••••• &amp; use 4111&#32;1111 1111 1111", screening.maskedText());
        assertEquals(5, screening.findings().get(0).start(), "offsets in the text as read: 'Mail ' is 5");
    }

    @Test
    void theMostSevereBlockingRuleNamesTheRefusalAndDisabledRulesFindNothing() {
        Screening screening = Screening.of(
                "call 212-736-5000, card 5555555555554444, a@b.com", rules(RuleAction.BLOCK, RuleAction.BLOCK));
        assertEquals(Category.PAYMENT_CARD, screening.blockedBy().rule().category());
        assertTrue(screening.findings().stream().noneMatch(f -> f.rule().category() == Category.PHONE));
    }

    /** Long runs a careless pattern recurses on (a stack overflow) or scans quadratically: answered. */
    @Test
    void hostileLongRunsAreScreenedWithoutError() {
        for (String text :
                List.of("7".repeat(10_000), "y".repeat(10_000) + " @", "a@".repeat(5_000), "1-".repeat(5_000))) {
            Screening screening = Screening.ofHtml(text, Rule.DEFAULTS, ScreeningContext.NONE);
            assertEquals(text.length(), screening.maskedText().length(), "nothing to mask in a run of one kind");
        }
    }

    private static ScreeningContext context(
            boolean guests, String roomDivision, Set<String> authorDivisions, LocalDate today) {
        return new ScreeningContext() {
            @Override
            public boolean roomHasExternalGuests() {
                return guests;
            }

            @Override
            public String roomDivision() {
                return roomDivision;
            }

            @Override
            public Set<String> authorDivisions() {
                return authorDivisions;
            }

            @Override
            public LocalDate today() {
                return today;
            }
        };
    }

    private static final LocalDate RELEASE = LocalDate.of(2027, 2, 14);

    private static Rule mnpi(RuleAction action) {
        return new Rule(
                Category.MNPI,
                true,
                Severity.HIGH,
                action,
                new RuleParameters(null, List.of(RELEASE), 10, List.of()),
                2);
    }

    @Test
    void figuresAreInsideInformationOnlyWithExternalGuestsOrInTheBlackoutBeforeARelease() {
        String text = "Q4 revenue will be $412m, 8% above guidance.";
        LocalDate quiet = RELEASE.minusDays(30);
        assertTrue(Screening.of(text, List.of(mnpi(RuleAction.FLAG)), context(false, null, Set.of(), quiet))
                .findings()
                .isEmpty());
        Screening withGuests =
                Screening.of(text, List.of(mnpi(RuleAction.REDACT)), context(true, null, Set.of(), quiet));
        assertEquals("Q4 revenue will be •••••, •• above guidance.", withGuests.maskedText());
        withGuests
                .findings()
                .forEach(f -> assertTrue(
                        !f.excerpt().contains("412") && !f.excerpt().contains("8%"),
                        "an excerpt hides every match, not only its own: " + f.excerpt()));
        for (LocalDate day : List.of(RELEASE.minusDays(10), RELEASE.minusDays(1), RELEASE)) {
            assertEquals(
                    2,
                    Screening.of(text, List.of(mnpi(RuleAction.FLAG)), context(false, null, Set.of(), day))
                            .findings()
                            .size(),
                    "in the blackout on " + day);
        }
        assertTrue(
                Screening.of(
                                text,
                                List.of(mnpi(RuleAction.FLAG)),
                                context(false, null, Set.of(), RELEASE.minusDays(11)))
                        .findings()
                        .isEmpty(),
                "the day before the blackout");
        assertTrue(
                Screening.of(text, List.of(mnpi(RuleAction.FLAG)), context(false, null, Set.of(), RELEASE.plusDays(1)))
                        .findings()
                        .isEmpty(),
                "released: public");
    }

    @Test
    void anInformationBarrierRefusesAPostIntoTheOtherSidesRoomAndNamesBothSides() {
        Rule barrier = new Rule(
                Category.INFORMATION_BARRIER,
                true,
                Severity.HIGH,
                RuleAction.BLOCK,
                new RuleParameters(null, List.of(), 14, List.of(new RuleParameters.Barrier("Research", "Banking"))),
                1);
        String text = "The Globex numbers look weak.";
        Screening crossing = Screening.of(
                text, List.of(barrier), context(false, "Banking", Set.of("Research", "Legal"), LocalDate.now()));
        assertEquals(Category.INFORMATION_BARRIER, crossing.blockedBy().rule().category());
        assertEquals(text, crossing.maskedText(), "a barrier masks nothing");
        assertEquals(
                "Not sent: it would be posted in Banking's room by a member of Research, across an information barrier"
                        + " your organization's compliance rule 'information_barrier' keeps.",
                ComplianceScreening.refusal(crossing.blockedBy()));
        for (ScreeningContext allowed : List.of(
                context(false, "Banking", Set.of("Banking"), LocalDate.now()),
                context(false, "Banking", Set.of("Legal"), LocalDate.now()),
                context(false, null, Set.of("Research"), LocalDate.now()),
                context(false, "Legal", Set.of("Research"), LocalDate.now()))) {
            assertNull(Screening.of(text, List.of(barrier), allowed).blockedBy());
        }
    }

    @Test
    void healthDataAboutAMemberIsMaskedTermByTermAndAboutAProductIsNot() {
        Rule health = new Rule(Category.HEALTH, true, Severity.HIGH, RuleAction.REDACT, null, 1);
        ScreeningContext acme = new ScreeningContext() {
            @Override
            public PeopleNames people() {
                return PeopleNames.of(List.of("Alice Archer"));
            }
        };
        assertEquals(
                "Alice has •••••••• and is on •••• •••••.",
                Screening.of("Alice has diabetes and is on sick leave.", List.of(health), acme)
                        .maskedText());
        assertTrue(Screening.of("Alice owns the diabetes product line.", List.of(health), acme)
                .findings()
                .isEmpty());
        assertTrue(
                Screening.of("Alice has diabetes.", List.of(health)).findings().isEmpty(),
                "without the organization's names Alice is not known to be a person");
    }
}
