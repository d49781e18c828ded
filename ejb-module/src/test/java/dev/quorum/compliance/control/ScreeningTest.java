package dev.quorum.compliance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScreeningTest {

    private static List<Rule> rules(RuleAction email, RuleAction card) {
        return List.of(
                new Rule(Category.EMAIL, true, Severity.LOW, email, null, 3),
                new Rule(Category.PAYMENT_CARD, true, Severity.HIGH, card, null, 1),
                new Rule(Category.PHONE, false, Severity.LOW, RuleAction.BLOCK, "US", 1));
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
        Screening screening = Screening.ofHtml(html, rules(RuleAction.REDACT, RuleAction.FLAG));
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
            Screening screening = Screening.ofHtml(text, Rule.DEFAULTS);
            assertEquals(text.length(), screening.maskedText().length(), "nothing to mask in a run of one kind");
        }
    }
}
