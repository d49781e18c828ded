package dev.quorum.platform.control;

/**
 * Every refusal Quorum gives, in one place: a stable machine-readable code, the HTTP status it maps to
 * where HTTP is involved, and the human message. docs/protocol.md lists the same table.
 */
public enum QuorumError {
    // Handshake and REST authentication
    CREDENTIAL_MISSING(401, "No credential was presented: send 'Authorization: Bearer <token>' or a ticket."),
    TOKEN_INVALID(401, "The token is not valid: expired, wrongly signed, or for another issuer or audience."),
    TICKET_INVALID(401, "The ticket is unknown or was already used."),
    TICKET_EXPIRED(401, "The ticket has expired; ask for a new one."),
    TWO_CREDENTIALS(401, "Present exactly one credential: a bearer token or a ticket, not both."),
    ORGANIZATION_MISSING(401, "The token carries no 'org' claim."),
    MEMBER_UNKNOWN(403, "The token's member is not known in its organization."),
    MEMBER_INACTIVE(403, "The member is not active."),
    ORGANIZATION_SUSPENDED(403, "The organization is suspended: none of its members can sign in."),
    CREDENTIAL_MISMATCH(403, "The new token is for another member than this connection's."),
    UPGRADE_REQUIRED(426, "This address speaks WebSocket only: open it with a WebSocket client."),
    // Signing in through the organization's identity provider (OpenID Connect)
    SIGN_IN_NOT_CONFIGURED(404, "Sign-in through an identity provider is not configured on this server."),
    SIGN_IN_FAILED(
            401, "The sign-in could not be completed (it expired, was refused or was tampered with): start it again."),
    SIGN_IN_PROVIDER_UNAVAILABLE(503, "The identity provider cannot be reached; nothing changed. Try again shortly."),
    SIGN_IN_CLAIM_MISSING(
            401,
            "The identity provider's answer names no member or no organization: ask your administrator to map the claims."),
    SESSION_MISSING(401, "You are not signed in, or your session has ended: sign in again."),
    // Frames on an open connection
    MALFORMED_JSON(400, "The frame is not valid JSON."),
    NESTING_TOO_DEEP(400, "The JSON nests arrays or objects deeper than 32 levels."),
    INVALID_ENVELOPE(
            400, "The frame is not a valid envelope: it needs a string 'type' and, if present, an object 'data'."),
    UNKNOWN_TYPE(400, "The message type is not known to this protocol version."),
    FRAME_TOO_LARGE(413, "The frame is larger than the limit announced in 'welcome'."),
    BINARY_NOT_SUPPORTED(415, "Binary frames are not part of the protocol; send JSON text."),
    INVALID_MESSAGE(400, "The message does not match its schema."),
    // Rooms and publishing
    ROOM_NOT_FOUND(404, "No such room in your organization."),
    ROOM_FORBIDDEN(403, "You may not enter this room."),
    NOT_JOINED(409, "Join the room first."),
    ROOM_NAME_TAKEN(409, "A room of that name exists in your organization."),
    UNKNOWN_MESSAGE_TYPE(400, "This message type cannot be published."),
    // Meetings and voting
    MEETING_NOT_FOUND(404, "No such meeting in your organization."),
    MOTION_NOT_FOUND(404, "No such motion in your organization."),
    NOT_A_PARTICIPANT(403, "You are not a participant of this meeting."),
    NOT_ELIGIBLE(403, "This member may not vote on this motion."),
    CHAIR_ONLY(403, "Only the chair may do this."),
    MOTION_STATE(409, "The motion is not in a state that allows this."),
    MEETING_STATE(409, "The meeting is not in a state that allows this."),
    NOT_CHECKED_IN(409, "Check in to the meeting first."),
    MINUTES_LOCKED(409, "The minutes are approved and locked: nothing in them can change."),
    MOTION_CLOSED(409, "The motion is closed: votes are no longer accepted."),
    UNKNOWN_OPTION(400, "That is not one of the motion's options."),
    QUORUM_NOT_PRESENT(409, "The meeting is not quorate."),
    PROXY_NOT_ALLOWED(403, "Directors may not vote by proxy: proxies exist only in member meetings."),
    PROXY_CHAIN(409, "Chains of proxies are refused: the holder has delegated, or the delegator holds a proxy."),
    PROXY_OVERRIDDEN(409, "The delegator has voted in person: the proxy no longer votes for them."),
    PROXY_DIRECTED(409, "The proxy is directed: the delegator fixed the choice."),
    PROXY_LOCKED(409, "The motion has opened: the proxy can no longer change for it."),
    RECEIPT_UNKNOWN(404, "No ballot has this receipt code."),
    // Limits
    DOCUMENT_NOT_FOUND(404, "No such document in your organization."),
    DOCUMENT_READ_ONLY(409, "The document is final or archived: it can no longer be edited."),
    OPERATION_DOES_NOT_FIT(
            409, "The operation does not fit the document: it skips or deletes past its end. Nothing changed."),
    REVISION_UNKNOWN(400, "The document has no such revision."),
    DOCUMENT_LOCKED(409, "Someone else has locked the document."),
    SECTION_LOCKED(409, "The operation changes a section someone else has locked."),
    LOCK_EXPIRED(409, "Your lock has expired or was released: lock again before editing under it."),
    LOCK_NOT_FOUND(404, "No such lock of yours on this document."),
    COMMENT_NOT_FOUND(404, "No such comment thread or comment on this document."),
    CONTENT_BLOCKED(422, "Not sent: it contains something your organization's compliance rules do not allow."),
    FINDING_NOT_FOUND(404, "No such open compliance finding in your organization."),
    SEALED_UNREADABLE(
            500,
            "This document is stored sealed and no longer opens: it was altered, or its key is gone. Nothing changed."),
    TOO_FAR_BEHIND(409, "Your copy is too many revisions behind: open the document again for its current text."),

    RATE_LIMITED(429, "Too many messages: wait before publishing again."),
    HANDSHAKE_RATE_LIMITED(429, "Too many connection attempts from this address: wait before trying again."),
    TOO_MANY_CONNECTIONS(429, "Too many open connections for this member or address."),
    // Platform administration and provisioning (SCIM)
    ORGANIZATION_NOT_FOUND(404, "No such organization."),
    ORGANIZATION_TAKEN(409, "An organization with that slug exists; a deleted one keeps its slug."),
    ORGANIZATION_STATE(409, "The organization is not in a state that allows this: suspend it before deleting it."),
    PROVISIONING_TOKEN_NOT_FOUND(404, "No such provisioning token of this organization."),
    SCIM_NOT_FOUND(404, "No such user or group in your organization."),
    SCIM_INVALID_FILTER(400, "The filter is not one this server evaluates."),
    SCIM_INVALID_SYNTAX(400, "The request body is not a valid SCIM resource or patch."),
    SCIM_INVALID_PATH(400, "The patch path is not valid for this resource."),
    SCIM_INVALID_VALUE(400, "A value is missing or not valid for its attribute."),
    SCIM_MUTABILITY(400, "The attribute cannot be changed or removed."),
    SCIM_UNIQUENESS(409, "The value is already taken in your organization."),
    SCIM_VERSION_MISMATCH(412, "The resource changed since you read it (If-Match): read it again."),
    // General
    FORBIDDEN(403, "Your roles do not allow this."),
    NOT_FOUND(404, "No such resource."),
    METHOD_NOT_ALLOWED(405, "This resource does not answer that HTTP method."),
    NOT_ACCEPTABLE(406, "This resource answers JSON only: accept application/json."),
    UNSUPPORTED_MEDIA_TYPE(415, "Send the body as application/json."),
    BODY_TOO_LARGE(413, "The request body is larger than the API accepts."),
    INVALID_REQUEST(400, "The request is not valid."),
    UNAVAILABLE(503, "The service is unavailable for a moment; nothing was stored. Retry after the given time."),
    OUTCOME_UNKNOWN(
            503,
            "The database went away while this was being stored: it may or may not have been kept. Retry with the"
                    + " same id after the given time; a message already kept is answered as a duplicate."),
    INTERNAL_ERROR(500, "The server failed to handle the request; nothing of it was kept.");

    private final int httpStatus;
    private final String message;

    QuorumError(int httpStatus, String message) {
        this.httpStatus = httpStatus;
        this.message = message;
    }

    /** The stable code clients switch on. */
    public String code() {
        return name();
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** A sentence for people; clients must not parse it. */
    public String message() {
        return message;
    }
}
