package dev.quorum.signin.control;

/**
 * Where a browser goes after signing in: only a page of this application, never an address a link made
 * up (an open redirect would let anyone send a signed-in member anywhere from Quorum's own address).
 */
public final class ReturnPath {

    private ReturnPath() {}

    /** {@code next} if it is a path under {@code contextPath} on this server, else the lobby. */
    public static String of(String next, String contextPath) {
        String root = contextPath.endsWith("/") ? contextPath : contextPath + "/";
        if (next == null
                || next.length() > 1000
                || !next.startsWith(root)
                || next.startsWith("//")
                || next.contains("\\")
                || next.contains("..")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return root + "lobby.html";
        }
        return next;
    }
}
