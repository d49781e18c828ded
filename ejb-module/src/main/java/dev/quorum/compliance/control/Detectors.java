package dev.quorum.compliance.control;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * Finds personal and payment data in text. Candidates are found by pattern, then confirmed by the
 * well-kept validator of their kind: e-mail addresses by Commons Validator, phone numbers by Google's
 * libphonenumber (a number must be valid for its region, so a year or a room number is not one), cards by
 * issuer ranges and the Luhn check, IBANs by country length and mod-97, US social security numbers by their
 * assignment rules, UK national insurance numbers by their prefix rules. Stateless and thread-safe.
 */
public final class Detectors {

    /**
     * Starts only where a run of address characters starts, and never gives back what it took before the
     * {@code @}: linear in the text, where the plain pattern is quadratic on a long run without an {@code @}.
     */
    private static final Pattern EMAIL =
            Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    /** 13 to 19 digits, single spaces or dashes between groups allowed, not inside a word or an address. */
    private static final Pattern CARD = Pattern.compile("(?<![\\w-])\\d(?:[ -]?\\d){12,18}(?![\\w-])");

    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b");

    /** US SSN written with dashes (or spaces); without separators only after the words SSN or social security. */
    private static final Pattern SSN = Pattern.compile("(?<![\\d-])(\\d{3})[- ](\\d{2})[- ](\\d{4})(?![\\d-])");

    private static final Pattern SSN_NAMED =
            Pattern.compile("(?i)\\b(?:ssn|social security(?: number| no\\.?)?)[:#]?\\s*(\\d{9})(?!\\d)");

    /** UK NINO: two letters (not D, F, I, Q, U, V; second not O; not BG, GB, KN, NK, NT, TN, ZZ), six digits, A–D. */
    private static final Pattern NINO = Pattern.compile(
            "(?i)\\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b");

    /**
     * Seven digits or more with at most two separators between each: no phone number is shorter, and most
     * messages (amounts, years, dates) have no such run, so the costly phone search is skipped for them.
     * Bounded on purpose: an unbounded repetition recurses once per digit in Java's engine, and a long run of
     * digits overflowed the stack.
     */
    private static final Pattern PHONE_CANDIDATE = Pattern.compile("\\d(?:[\\s().\\-/]{0,2}\\d){6}");

    private static final CreditCardValidator CARDS = new CreditCardValidator(CreditCardValidator.AMEX
            + CreditCardValidator.VISA
            + CreditCardValidator.MASTERCARD
            + CreditCardValidator.DISCOVER
            + CreditCardValidator.DINERS);

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Detectors() {}

    /**
     * Every match of a pattern category (e-mail, phone, card, IBAN, national id) in the text; {@code region} is
     * where numbers without a +code are dialled.
     */
    public static List<Match> find(Category category, String text, String region) {
        return switch (category) {
            case EMAIL -> emails(text);
            case PHONE -> phones(text, region);
            case PAYMENT_CARD -> cards(text);
            case IBAN -> ibans(text);
            case NATIONAL_ID -> nationalIds(text);
            default -> throw new IllegalArgumentException(category + " is not found by a pattern alone");
        };
    }

    static List<Match> emails(String text) {
        List<Match> found = new ArrayList<>();
        if (text.indexOf('@') < 0) {
            return found;
        }
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            if (EmailValidator.getInstance().isValid(m.group())) {
                found.add(new Match(Category.EMAIL, m.start(), m.end(), "email"));
            }
        }
        return found;
    }

    static List<Match> phones(String text, String region) {
        List<Match> found = new ArrayList<>();
        if (!PHONE_CANDIDATE.matcher(text).find()) {
            return found;
        }
        String home = region == null ? "US" : region.toUpperCase(Locale.ROOT);
        for (PhoneNumberMatch m : PHONES.findNumbers(text, home, PhoneNumberUtil.Leniency.VALID, 1_000)) {
            String raw = m.rawString();
            long digits = raw.chars().filter(Character::isDigit).count();
            // a valid number is at least 7 digits; shorter runs are extensions, years, amounts
            if (digits >= 7 && !looksLikeCard(text, m.start(), m.end())) {
                found.add(new Match(Category.PHONE, m.start(), m.end(), PHONES.getRegionCodeForNumber(m.number())));
            }
        }
        return found;
    }

    static List<Match> cards(String text) {
        List<Match> found = new ArrayList<>();
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (CARDS.isValid(digits)) {
                found.add(new Match(Category.PAYMENT_CARD, m.start(), m.end(), "card"));
            }
        }
        return found;
    }

    static List<Match> ibans(String text) {
        List<Match> found = new ArrayList<>();
        Matcher m = IBAN.matcher(text.toUpperCase(Locale.ROOT));
        while (m.find()) {
            String compact = m.group().replace(" ", "");
            // the pattern may run into a following word: try the longest valid prefix of 15 to 34 characters
            for (int length = Math.min(34, compact.length()); length >= 15; length--) {
                if (IBANValidator.getInstance().isValid(compact.substring(0, length))) {
                    int end = endAfter(text, m.start(), length);
                    found.add(new Match(Category.IBAN, m.start(), end, compact.substring(0, 2)));
                    break;
                }
            }
        }
        return found;
    }

    static List<Match> nationalIds(String text) {
        List<Match> found = new ArrayList<>();
        Matcher ssn = SSN.matcher(text);
        while (ssn.find()) {
            if (validSsn(ssn.group(1), ssn.group(2), ssn.group(3))) {
                found.add(new Match(Category.NATIONAL_ID, ssn.start(), ssn.end(), "us_ssn"));
            }
        }
        Matcher named = SSN_NAMED.matcher(text);
        while (named.find()) {
            String n = named.group(1);
            if (validSsn(n.substring(0, 3), n.substring(3, 5), n.substring(5))) {
                found.add(new Match(Category.NATIONAL_ID, named.start(1), named.end(1), "us_ssn"));
            }
        }
        Matcher nino = NINO.matcher(text);
        while (nino.find()) {
            found.add(new Match(Category.NATIONAL_ID, nino.start(), nino.end(), "uk_nino"));
        }
        return found;
    }

    /** Never assigned: area 000, 666 or 900–999, group 00, serial 0000. */
    private static boolean validSsn(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        return a != 0 && a != 666 && a < 900 && !group.equals("00") && !serial.equals("0000");
    }

    private static boolean looksLikeCard(String text, int start, int end) {
        return !cards(text.substring(start, end)).isEmpty();
    }

    /** Where a match of {@code characters} non-space characters starting at {@code start} ends in the text. */
    private static int endAfter(String text, int start, int characters) {
        int at = start;
        int counted = 0;
        while (at < text.length() && counted < characters) {
            if (text.charAt(at) != ' ') {
                counted++;
            }
            at++;
        }
        return at;
    }
}
