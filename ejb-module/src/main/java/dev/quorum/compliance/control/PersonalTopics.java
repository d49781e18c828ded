package dev.quorum.compliance.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds health and other special-category data (GDPR art. 9) about a person: a term of the category in a
 * sentence that names a person — a member's name, a title and a name, an {@code @mention}, an employee or
 * patient number, or a personal pronoun. A term that is part of a business phrase ("the diabetes product",
 * "biometric access", "the ethnicity pay gap") or of a proper name ("Christian Dior") is not about a person.
 * The match is the term itself, the part a redaction masks. Stateless and thread-safe; a text without any term
 * costs one scan.
 */
final class PersonalTopics {

    private static final Pattern HEALTH =
            Pattern.compile("(?i)\\b(?:diagnos(?:ed|is|es)|cancer|tumou?r|chemo(?:therapy)?"
                    + "|radiotherapy|diabet(?:es|ic)|HIV|hepatitis|pregnan(?:t|cy)|miscarriage|depression|depressed|anxiety"
                    + "|bipolar(?: disorder)?|schizophreni\\w{0,3}|dementia|alzheimer'?s|parkinson'?s|epilep(?:sy|tic)"
                    + "|heart attack|(?:had|suffered) a stroke|surgery|hospitali[sz]ed|in hospital|rehab(?:ilitation)?"
                    + "|addiction|alcoholi(?:sm|c)|therap(?:y|ist)|medication|prescription|sick leave|medical leave"
                    + "|disabilit(?:y|ies)|disabled|mental (?:health|illness)|illness|terminally ill|burn-?out"
                    + "|tested positive|covid(?:-19)?|multiple sclerosis|asthma|autis(?:m|tic)|ADHD|psychiatri\\w{0,3}|IVF"
                    + "|chronic pain|medical condition|in remission)\\b");

    private static final Pattern SPECIAL = Pattern.compile("(?i)\\b(?:muslim|jewish|christian|catholic|protestant"
            + "|hindu|buddhist|sikh|atheist|mormon|religious (?:beliefs?|views?)|religion"
            + "|(?:attends|goes to|prays at) (?:church|mosque|synagogue|temple|mass)"
            + "|ethnic(?:ity| origin| background)?|racial(?:ly)?"
            + "|political (?:opinions?|views?|affiliation|beliefs?)"
            + "|vot(?:es|ed|ing) (?:for )?(?:labour|conservative|tory|republican|democrat|green|liberal)"
            + "|member of the (?:labour|conservative|republican|democratic|green|liberal democrat|communist|socialist)"
            + " party"
            + "|gay|lesbian|bisexual|homosexual|transgender|sexual orientation|sexuality|came out"
            + "|trade[- ]union member(?:ship)?|union (?:member(?:ship)?|rep(?:resentative)?|steward)|unioni[sz]ed"
            + "|fingerprints?|biometric\\w{0,4}|facial recognition|face scan|retina(?:l)? scan|iris scan|voiceprint"
            + "|DNA (?:sample|profile|test))\\b"
            + "|\\b(?-i:of [A-Z][a-z]+ (?:origin|descent|heritage))\\b");

    /** For each term above, the start of a word it cannot be without (see {@link WordKeys}). */
    private static final WordKeys HEALTH_KEYS = WordKeys.of(
            "diagnos",
            "cancer",
            "tumo",
            "chemo",
            "radiothera",
            "diabet",
            "hiv",
            "hepatit",
            "pregnan",
            "miscarr",
            "depress",
            "anxi",
            "bipolar",
            "schizo",
            "dementia",
            "alzheim",
            "parkinson",
            "epilep",
            "attack",
            "stroke",
            "surger",
            "hospital",
            "rehab",
            "addict",
            "alcohol",
            "therap",
            "medic",
            "prescri",
            "sick",
            "disab",
            "mental",
            "illness",
            "terminal",
            "burn",
            "positive",
            "covid",
            "sclerosis",
            "asthma",
            "autis",
            "adhd",
            "psychiat",
            "ivf",
            "chronic",
            "remission");

    private static final WordKeys SPECIAL_KEYS = WordKeys.of(
            "muslim",
            "jewish",
            "christian",
            "catholic",
            "protestant",
            "hindu",
            "buddhist",
            "sikh",
            "atheist",
            "mormon",
            "religio",
            "church",
            "mosque",
            "synagogue",
            "temple",
            "mass",
            "ethnic",
            "racial",
            "political",
            "labour",
            "conservative",
            "tory",
            "republican",
            "democrat",
            "green",
            "liberal",
            "communist",
            "socialist",
            "gay",
            "lesbian",
            "bisexual",
            "homosexual",
            "transgender",
            "sexual",
            "came",
            "union",
            "fingerprint",
            "biometric",
            "facial",
            "face",
            "retina",
            "iris",
            "voiceprint",
            "dna",
            "origin",
            "descent",
            "heritage");

    /** Nouns after which a term names a business matter, not a person's condition or belief. */
    private static final Set<String> BUSINESS_NOUNS = Set.of(
            "product",
            "products",
            "market",
            "markets",
            "drug",
            "drugs",
            "trial",
            "trials",
            "research",
            "pipeline",
            "franchise",
            "portfolio",
            "division",
            "unit",
            "business",
            "sector",
            "industry",
            "policy",
            "policies",
            "program",
            "programme",
            "network",
            "committee",
            "readers",
            "reader",
            "scanner",
            "scanners",
            "access",
            "login",
            "authentication",
            "technology",
            "vendor",
            "pay",
            "gap",
            "report",
            "statistics",
            "monitoring",
            "representation",
            "budget",
            "sponsorship",
            "negotiations",
            "law",
            "laws",
            "rules",
            "history",
            "fund",
            "foundation",
            "insurance",
            "benefits",
            "plan",
            "strategy",
            "awareness",
            "training",
            "test",
            "tests",
            "centre",
            "center",
            "clinic",
            "clinics",
            "services",
            "charity",
            "diversity");

    private static final Pattern NEXT_WORD = Pattern.compile("\\G[\\s-]+([A-Za-z]+)");

    private static final Pattern CAPITALIZED = Pattern.compile("\\b[A-Z][a-z]+\\b");

    private static final Pattern PERSON_MARKERS = Pattern.compile("\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.? [A-Z][a-z]+"
            + "|(?<![\\w@])@[A-Za-z0-9._-]{2,}"
            + "|(?i:\\b(?:employee|patient|staff|member|case)\\s*(?:no\\.?|number|id)?\\s*#?\\s*\\d{3,})"
            + "|(?i:\\b(?:he|she|him|his|her|hers)\\b)");

    private PersonalTopics() {}

    static List<Match> health(String text, PeopleNames people) {
        return HEALTH_KEYS.anyIn(text) ? find(Category.HEALTH, HEALTH, text, people) : List.of();
    }

    static List<Match> specialCategory(String text, PeopleNames people) {
        return SPECIAL_KEYS.anyIn(text) ? find(Category.SPECIAL_CATEGORY, SPECIAL, text, people) : List.of();
    }

    private static List<Match> find(Category category, Pattern terms, String text, PeopleNames people) {
        List<Match> found = new ArrayList<>();
        Matcher term = terms.matcher(text);
        Sentences sentences = null;
        int checkedStart = -1;
        boolean person = false;
        while (term.find()) {
            if (aboutBusiness(text, term) || partOfProperName(text, term)) {
                continue;
            }
            sentences = sentences == null ? new Sentences(text) : sentences;
            int[] sentence = sentences.around(term.start());
            if (sentence[0] != checkedStart) {
                // several terms in one sentence: it is read for a person once
                checkedStart = sentence[0];
                person = namesAPerson(text.substring(sentence[0], sentence[1]), people);
            }
            if (person) {
                found.add(new Match(
                        category, term.start(), term.end(), term.group().toLowerCase()));
            }
        }
        return found;
    }

    private static boolean aboutBusiness(String text, Matcher term) {
        Matcher next = NEXT_WORD.matcher(text).region(term.end(), text.length());
        return next.find() && BUSINESS_NOUNS.contains(next.group(1).toLowerCase());
    }

    /** "Christian Dior", "Catholic University": a capitalized term followed by a capitalized word. */
    private static boolean partOfProperName(String text, Matcher term) {
        if (!Character.isUpperCase(text.charAt(term.start()))) {
            return false;
        }
        Matcher next = NEXT_WORD.matcher(text).region(term.end(), text.length());
        return next.find() && Character.isUpperCase(next.group(1).charAt(0));
    }

    private static boolean namesAPerson(String sentence, PeopleNames people) {
        if (PERSON_MARKERS.matcher(sentence).find()) {
            return true;
        }
        Matcher word = CAPITALIZED.matcher(sentence);
        while (word.find()) {
            if (people.isName(word.group())) {
                return true;
            }
        }
        return false;
    }
}
