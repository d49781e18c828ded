package dev.quorum.encryption.control;

/**
 * What each sealed value is bound to (its associated data): the place it belongs to. A value moved to another
 * row, revision, room or organization no longer opens. One list, so that the code that writes a value and the
 * background re-encryption that rewrites it bind it alike.
 */
public final class SealedPlaces {

    private SealedPlaces() {}

    public static String message(long room, long sequence) {
        return "message:" + room + ":" + sequence;
    }

    public static String documentText(long doc) {
        return "document:" + doc + ":content";
    }

    public static String documentOperation(long doc, long revision) {
        return "document:" + doc + ":op:" + revision;
    }

    public static String documentSnapshot(long doc, long revision) {
        return "document:" + doc + ":snapshot:" + revision;
    }

    public static String threadQuote(long thread) {
        return "comment-thread:" + thread + ":quote";
    }

    public static String commentBody(long comment) {
        return "comment:" + comment + ":body";
    }

    public static String commentWording(long comment, int version) {
        return "comment:" + comment + ":edit:" + version;
    }

    public static String transcriptSegment(long segment) {
        return "transcript:" + segment;
    }

    public static String analysisResult(long result) {
        return "analysis:" + result;
    }

    public static String ballotSalt(long motion) {
        return "ballot-salt:" + motion;
    }

    public static String minutesNarrative(long narrative) {
        return "minutes-narrative:" + narrative;
    }

    public static String approvedMinutes(long meeting) {
        return "minutes:" + meeting;
    }
}
