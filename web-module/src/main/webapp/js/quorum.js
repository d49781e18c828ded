// Quorum browser client: one ES module, no dependencies, no build step. API: js/README.md (client.html).
//
// A QuorumClient keeps one WebSocket to Quorum alive across network failures: it reconnects with
// exponential backoff and jitter, resumes every joined room from the last sequence it saw (so nothing is
// lost and nothing is shown twice), queues what is sent while offline, and refreshes its token over the
// open connection before it expires.

/** Connection states, as reported by the "state" event. */
export const ConnectionState = Object.freeze({
  IDLE: 'idle',
  CONNECTING: 'connecting',
  OPEN: 'open',
  RECONNECTING: 'reconnecting',
  OFFLINE: 'offline',
  CLOSED: 'closed',
});

/** Refusals of a publish that a later retry under the same client id can overcome. */
const RETRIED_AFTER_WAITING = new Set(['RATE_LIMITED', 'NOT_JOINED', 'UNAVAILABLE', 'OUTCOME_UNKNOWN']);

/** Outbox entry states, as reported by the "outbox" event. */
export const SendStatus = Object.freeze({
  PENDING: 'pending', // waiting for a connection (or for a rate limit to pass)
  SENT: 'sent', // written to the socket, not acknowledged yet
  ACKNOWLEDGED: 'acknowledged', // persisted by the server, with its sequence
  FAILED: 'failed', // refused for good: see entry.error
});

const DEFAULTS = {
  outboxLimit: 100,
  initialBackoffMs: 1000,
  maxBackoffMs: 30000,
  jitter: 0.2,
  heartbeatMs: 20000,
  requestTimeoutMs: 15000,
  storage: globalThis.sessionStorage,
};

// Close codes after which reconnecting would not help (docs/protocol.md, "Close codes").
const CLOSE_DISCONNECTED_BY_ADMIN = 4003;
const CLOSE_CREDENTIAL_EXPIRED = 4001;

/** Why a request or a send was refused: a protocol error code and its human message. */
export class QuorumError extends Error {
  constructor(code, message, retryAfter) {
    super(message);
    this.name = 'QuorumError';
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/**
 * The backoff before reconnect attempt n (1, 2, 3 ...): 1, 2, 4, 8 ... seconds, capped, each spread by
 * ±jitter so that a thousand browsers cut at once do not come back at once.
 */
export function backoffDelay(attempt, { initialBackoffMs, maxBackoffMs, jitter }, random = Math.random) {
  const base = Math.min(maxBackoffMs, initialBackoffMs * 2 ** Math.max(0, attempt - 1));
  const spread = base * jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(maxBackoffMs, base + spread)));
}

/** The URL of the Quorum WebSocket endpoint under a base URL (the application's root). */
export function webSocketUrl(baseUrl) {
  const url = new URL('ws', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

export function newClientId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export class QuorumClient extends EventTarget {
  /**
   * @param {object} options
   * @param {string|URL} options.baseUrl the application's root, e.g. "https://portal.example/quorum/"
   * @param {(request: {force: boolean}) => Promise<string|null>} options.getToken the host's token source;
   *   null means "signed out". force asks for a new token rather than a cached one.
   */
  constructor(options) {
    super();
    if (typeof options?.getToken !== 'function') throw new TypeError('getToken is required');
    this.options = { ...DEFAULTS, ...options };
    this.baseUrl = new URL(options.baseUrl ?? './', globalThis.document?.baseURI ?? undefined);
    this.state = ConnectionState.IDLE;
    this.member = null; // the welcome's member, organization and roles
    this.sessionId = null;
    this.credentialExpiresAt = null;
    this.rooms = new Map(); // room id -> { id, name, lastSeq, joined }
    this.outbox = []; // entries in send order
    this.attempt = 0;
    this.socket = null;
    this.requests = new Map(); // frame id -> { resolve, reject, timer }
    this.timers = {};
    this.lastFrameAt = 0;
    this.stopped = true;
    this.everOpened = false;
    this.forceFreshToken = false;
    this.storageKey = `quorum.outbox:${this.baseUrl.pathname}`;
    this.restoreOutbox();
    this.onOnline = () => this.state !== ConnectionState.OPEN && !this.stopped && this.reconnectNow();
    globalThis.addEventListener?.('online', this.onOnline);
  }

  // ---- connection -------------------------------------------------------------------------------

  /** Starts connecting; keeps the connection up until close(). */
  connect() {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  /** Closes for good: no reconnect. Pending messages stay in the outbox (and in session storage). */
  close() {
    this.stopped = true;
    this.clearTimers();
    globalThis.removeEventListener?.('online', this.onOnline);
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close(1000, 'client closed');
    }
    this.failRequests(new QuorumError('CLOSED', 'The client was closed.'));
    this.setState(ConnectionState.CLOSED, { reason: 'closed by the page' });
  }

  /** Reconnects at once, skipping the backoff (a "Reconnect now" button, or the browser going online). */
  reconnectNow() {
    if (this.stopped) return;
    clearTimeout(this.timers.reconnect);
    if (this.socket) {
      this.dropSocket();
    }
    this.open();
  }

  async open() {
    clearTimeout(this.timers.reconnect);
    this.setState(this.everOpened ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING, {
      attempt: this.attempt,
    });
    let ticket;
    try {
      ticket = await this.ticket();
    } catch (failure) {
      if (failure instanceof QuorumError && failure.code === 'SIGNED_OUT') {
        this.stopped = true;
        this.setState(ConnectionState.CLOSED, { reason: 'signed out', code: 'SIGNED_OUT' });
        return;
      }
      this.scheduleReconnect(failure.retryAfter);
      return;
    }
    if (this.stopped) return;
    const url = webSocketUrl(this.baseUrl);
    url.searchParams.set('ticket', ticket);
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onmessage = (event) => socket === this.socket && this.receive(event.data);
    socket.onclose = (event) => socket === this.socket && this.dropped(event.code, event.reason);
    socket.onerror = () => {}; // onclose follows and decides
  }

  /** A single-use ticket for the WebSocket handshake, bought with the host's token. */
  async ticket() {
    for (let round = 0; round < 2; round++) {
      const token = await this.options.getToken({ force: this.forceFreshToken || round > 0 });
      if (!token) throw new QuorumError('SIGNED_OUT', 'No token: the user is signed out.');
      this.forceFreshToken = false;
      this.token = token;
      let response;
      try {
        response = await fetch(new URL('api/tickets', this.baseUrl), {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
          cache: 'no-store',
        });
      } catch (networkFailure) {
        throw new QuorumError('NETWORK', `Quorum is unreachable: ${networkFailure.message}`);
      }
      if (response.status === 201) return (await response.json()).ticket;
      const body = await response.json().catch(() => ({}));
      if (response.status === 401) continue; // the token was refused: ask for a fresh one once
      const retryAfter = Number(response.headers.get('Retry-After')) * 1000 || undefined;
      throw new QuorumError(body.code ?? `HTTP_${response.status}`, body.message ?? response.statusText, retryAfter);
    }
    throw new QuorumError('SIGNED_OUT', 'The host application gave no token Quorum accepts.');
  }

  dropped(code, reason) {
    this.socket = null;
    this.stopHeartbeat();
    clearTimeout(this.timers.refresh);
    this.failRequests(new QuorumError('CONNECTION_LOST', 'The connection was lost before an answer came.'));
    // sent but not acknowledged: sent again (same client id, so at most once) after the reconnect
    for (const entry of this.outbox) {
      if (entry.status === SendStatus.SENT) this.updateEntry(entry, { status: SendStatus.PENDING });
    }
    if (this.stopped) return;
    if (code === CLOSE_DISCONNECTED_BY_ADMIN) {
      this.stopped = true;
      this.setState(ConnectionState.CLOSED, { code, reason: reason || 'disconnected by an administrator' });
      return;
    }
    if (code === CLOSE_CREDENTIAL_EXPIRED) this.forceFreshToken = true;
    this.scheduleReconnect();
  }

  scheduleReconnect(retryAfterMs) {
    if (this.stopped) return;
    this.attempt += 1;
    const delay = Math.max(retryAfterMs ?? 0, backoffDelay(this.attempt, this.options));
    const offline = globalThis.navigator?.onLine === false;
    this.setState(offline ? ConnectionState.OFFLINE : ConnectionState.RECONNECTING, {
      attempt: this.attempt,
      delay,
    });
    this.timers.reconnect = setTimeout(() => this.open(), delay);
  }

  dropSocket() {
    const socket = this.socket;
    if (!socket) return;
    socket.onclose = null;
    socket.onmessage = null;
    try {
      socket.close(4000, 'client reconnects');
    } catch {
      /* already closing */
    }
    this.dropped(1006, 'dropped by the client');
  }

  setState(state, detail = {}) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, ...detail } }));
  }

  // ---- heartbeat and token refresh -----------------------------------------------------------------

  startHeartbeat() {
    this.stopHeartbeat();
    const every = this.options.heartbeatMs;
    this.timers.heartbeat = setInterval(() => {
      if (Date.now() - this.lastFrameAt > 2 * every + 5000) {
        // nothing at all (not even our pongs) for two beats: the connection is dead without knowing it
        this.dropSocket();
        return;
      }
      this.frame('ping', undefined, newClientId());
    }, every);
  }

  stopHeartbeat() {
    clearInterval(this.timers.heartbeat);
  }

  scheduleRefresh() {
    clearTimeout(this.timers.refresh);
    if (!this.credentialExpiresAt) return;
    const remaining = this.credentialExpiresAt - Date.now();
    // a minute ahead for long-lived tokens, at 70 % of the rest for short ones
    const delay = remaining > 120000 ? remaining - 60000 : Math.max(0, remaining * 0.7);
    this.timers.refresh = setTimeout(() => this.refreshToken(), delay);
  }

  /** Sends a fresh token over the open connection; the server answers auth.refreshed (or an error). */
  async refreshToken() {
    let token;
    try {
      token = await this.options.getToken({ force: true });
    } catch (failure) {
      this.dispatchEvent(new CustomEvent('auth', { detail: { state: 'failed', error: failure } }));
      this.timers.refresh = setTimeout(() => this.refreshToken(), 5000);
      return;
    }
    if (!token) {
      this.dispatchEvent(new CustomEvent('auth', { detail: { state: 'signed-out' } }));
      return;
    }
    this.token = token;
    try {
      await this.request('auth.refresh', { token });
    } catch (failure) {
      this.dispatchEvent(new CustomEvent('auth', { detail: { state: 'failed', error: failure } }));
    }
  }

  // ---- frames in -------------------------------------------------------------------------------------

  receive(text) {
    this.lastFrameAt = Date.now();
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    const data = frame.data ?? {};
    const pending = frame.replyTo ? this.requests.get(frame.replyTo) : undefined;
    switch (frame.type) {
      case 'welcome':
        return this.welcomed(data);
      case 'message':
        return this.message(data);
      case 'ack':
        return this.acknowledged(data);
      case 'joined':
        this.joined(data);
        break;
      case 'resumed':
        this.emit('resumed', data);
        break;
      case 'reset':
        this.roomOf(data.room).lastSeq = data.lastSeq;
        this.emit('reset', data);
        break;
      case 'gap':
        // our queue on the server overflowed: fetch the rest from the room's history
        this.frame('resume', { room: data.room, afterSeq: data.resumeFrom - 1 });
        break;
      case 'removed':
        return this.removed(data);
      case 'auth.refreshed':
        this.credentialExpiresAt = Date.parse(data.credentialExpiresAt);
        this.member = { ...this.member, roles: data.roles };
        this.scheduleRefresh();
        this.emit('auth', { state: 'refreshed', ...data });
        break;
      case 'auth.expired':
        this.emit('auth', { state: 'expired', ...data });
        this.refreshToken();
        break;
      case 'error':
        if (this.publishRefused(frame.replyTo, data)) return;
        if (!pending) this.emit('error', data);
        break;
      default:
        // presence, presence.*, typing, cursor, broadcast, left, history, pong: for the page as they are
        this.emit(frame.type, data);
    }
    if (pending) {
      this.requests.delete(frame.replyTo);
      clearTimeout(pending.timer);
      if (frame.type === 'error') pending.reject(new QuorumError(data.code, data.message, data.retryAfter));
      else pending.resolve(data);
    }
  }

  welcomed(data) {
    const resumed = this.everOpened;
    this.everOpened = true;
    this.attempt = 0;
    this.sessionId = data.sessionId;
    this.member = { ...data.member, organization: data.organization, roles: data.roles };
    this.credentialExpiresAt = data.credentialExpiresAt ? Date.parse(data.credentialExpiresAt) : null;
    this.startHeartbeat();
    this.scheduleRefresh();
    // rooms first (frames are handled in order), then whatever waited in the outbox
    for (const room of this.rooms.values()) {
      if (room.lastSeq === undefined) this.frame('join', { room: room.id }, newClientId());
      else this.frame('resume', { room: room.id, afterSeq: room.lastSeq });
      this.frame('presence', { room: room.id });
    }
    this.setState(ConnectionState.OPEN, { sessionId: data.sessionId, resumed });
    this.flushOutbox();
  }

  message(data) {
    const room = this.rooms.get(data.room);
    if (!room) {
      // a direct message (a mention, an assisted vote) in a room this page does not follow
      this.emit('elsewhere', data);
      return;
    }
    if (room.lastSeq !== undefined && data.seq <= room.lastSeq) return; // seen already
    if (room.lastSeq !== undefined && data.seq > room.lastSeq + 1) {
      // never expected (the server fills gaps itself), but a gap must never be shown as continuous
      this.frame('resume', { room: data.room, afterSeq: room.lastSeq });
      return;
    }
    room.lastSeq = data.seq;
    const mine = this.outbox.find((e) => e.id === data.id && e.room === data.room);
    if (mine && data.sender?.id === this.member?.id) {
      this.updateEntry(mine, { status: SendStatus.ACKNOWLEDGED, seq: data.seq });
    }
    this.emit('message', data);
  }

  acknowledged(data) {
    const entry = this.outbox.find((e) => e.id === data.id && e.room === data.room);
    if (entry) this.updateEntry(entry, { status: SendStatus.ACKNOWLEDGED, seq: data.seq });
  }

  joined(data) {
    const room = this.roomOf(data.room);
    room.name = data.name;
    room.kind = data.kind;
    if (room.lastSeq === undefined) room.lastSeq = data.lastSeq;
    this.emit('joined', data);
  }

  removed(data) {
    this.rooms.delete(data.room);
    for (const entry of this.outbox) {
      if (entry.room === data.room && entry.status !== SendStatus.ACKNOWLEDGED) {
        this.updateEntry(entry, {
          status: SendStatus.FAILED,
          error: { code: 'ROOM_REMOVED', message: 'You no longer have access to this room.' },
        });
      }
    }
    this.emit('removed', data);
  }

  /** Handles an error that answers a publish; true if it did. */
  publishRefused(replyTo, error) {
    const entry = replyTo && this.outbox.find((e) => e.id === replyTo);
    if (!entry) return false;
    if (RETRIED_AFTER_WAITING.has(error.code)) {
      // waiting cures these: the limit refills, the room is joined again after a reconnect, the database
      // comes back; the retry keeps the client id, so a message that was kept after all (OUTCOME_UNKNOWN)
      // is acknowledged as a duplicate, never stored twice
      this.updateEntry(entry, { status: SendStatus.PENDING });
      clearTimeout(this.timers.outboxRetry);
      this.timers.outboxRetry = setTimeout(() => this.flushOutbox(), error.retryAfter ?? 1000);
      return true;
    }
    this.updateEntry(entry, { status: SendStatus.FAILED, error: { code: error.code, message: error.message } });
    return true;
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  roomOf(id) {
    let room = this.rooms.get(id);
    if (!room) {
      room = { id, name: undefined, lastSeq: undefined };
      this.rooms.set(id, room);
    }
    return room;
  }

  // ---- frames out ------------------------------------------------------------------------------------

  /** Writes a frame if the socket is open; false if it is not. */
  frame(type, data, id) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    const envelope = { type };
    if (id) envelope.id = id;
    if (data !== undefined) envelope.data = data;
    this.socket.send(JSON.stringify(envelope));
    return true;
  }

  /** A frame that has an answer: resolves with the answer's data, rejects with a QuorumError. */
  request(type, data) {
    return new Promise((resolve, reject) => {
      const id = newClientId();
      if (!this.frame(type, data, id)) {
        reject(new QuorumError('NOT_CONNECTED', 'Not connected to Quorum right now.'));
        return;
      }
      const timer = setTimeout(() => {
        this.requests.delete(id);
        reject(new QuorumError('TIMEOUT', `No answer to ${type} in time.`));
      }, this.options.requestTimeoutMs);
      this.requests.set(id, { resolve, reject, timer });
    });
  }

  failRequests(error) {
    for (const { reject, timer } of this.requests.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.requests.clear();
  }

  /**
   * Enters a room. Resolves with the joined frame's data once in; the client then keeps the room across
   * reconnects until leave().
   */
  async join(roomId) {
    const room = this.roomOf(roomId);
    const joined = await this.request('join', { room: roomId });
    room.lastSeq ??= joined.lastSeq;
    return joined;
  }

  async leave(roomId) {
    this.rooms.delete(roomId);
    return this.request('leave', { room: roomId }).catch(() => undefined);
  }

  /** A page of older messages: { room, messages (oldest first), hasMore }. */
  history(roomId, { beforeSeq, limit = 50 } = {}) {
    const data = { room: roomId, limit };
    if (beforeSeq !== undefined) data.beforeSeq = beforeSeq;
    return this.request('history', data);
  }

  presence(roomId) {
    return this.request('presence', { room: roomId });
  }

  /** Tells the room the user is typing (the server coalesces, so call it on every keystroke). */
  typing(roomId) {
    this.frame('typing', { room: roomId });
  }

  setStatus(status) {
    this.frame('status', { status });
  }

  // ---- the outbox ------------------------------------------------------------------------------------

  /**
   * Publishes a chat message. Returns its outbox entry at once; the entry moves from pending (or sent)
   * to acknowledged, or to failed, and each move fires an "outbox" event. Offline, the message waits in
   * the bounded outbox; when it is full, the entry fails with OUTBOX_FULL and nothing else is dropped.
   */
  send(roomId, text, { priority = 'normal' } = {}) {
    const entry = {
      id: newClientId(),
      room: roomId,
      text,
      priority,
      status: SendStatus.PENDING,
      createdAt: Date.now(),
    };
    const waiting = this.pending;
    if (waiting.length >= this.options.outboxLimit) {
      entry.status = SendStatus.FAILED;
      entry.error = {
        code: 'OUTBOX_FULL',
        message: `${waiting.length} messages are still waiting to be sent; try again when connected.`,
      };
      this.emit('outbox', { entry });
      return entry;
    }
    this.outbox.push(entry);
    this.saveOutbox();
    this.emit('outbox', { entry });
    this.flushOutbox();
    return entry;
  }

  /** Pending entries (not yet acknowledged or failed), oldest first. */
  get pending() {
    return this.outbox.filter((e) => e.status === SendStatus.PENDING || e.status === SendStatus.SENT);
  }

  /** Drops a failed or acknowledged entry from the outbox (the page has shown it). */
  forget(entryId) {
    this.outbox = this.outbox.filter((e) => e.id !== entryId);
    this.saveOutbox();
  }

  /** Sends a failed entry again under the same client id. */
  retry(entryId) {
    const entry = this.outbox.find((e) => e.id === entryId);
    if (!entry || entry.status !== SendStatus.FAILED) return;
    this.updateEntry(entry, { status: SendStatus.PENDING, error: undefined });
    this.flushOutbox();
  }

  flushOutbox() {
    if (this.state !== ConnectionState.OPEN) return;
    for (const entry of this.outbox) {
      if (entry.status !== SendStatus.PENDING || !this.rooms.has(entry.room)) continue;
      const data = {
        room: entry.room,
        id: entry.id,
        type: 'chat',
        priority: entry.priority,
        data: { text: entry.text },
      };
      if (!this.frame('publish', data, entry.id)) return;
      this.updateEntry(entry, { status: SendStatus.SENT });
    }
  }

  updateEntry(entry, change) {
    Object.assign(entry, change);
    // acknowledged and failed entries are the page's to show; only waiting ones need to survive a reload
    if (entry.status === SendStatus.ACKNOWLEDGED) {
      this.outbox = this.outbox.filter((e) => e !== entry);
    }
    this.saveOutbox();
    this.emit('outbox', { entry });
  }

  saveOutbox() {
    try {
      const waiting = this.pending.map(({ id, room, text, priority, createdAt }) => ({
        id,
        room,
        text,
        priority,
        createdAt,
      }));
      if (waiting.length) this.options.storage?.setItem(this.storageKey, JSON.stringify(waiting));
      else this.options.storage?.removeItem(this.storageKey);
    } catch {
      /* storage full or forbidden: the outbox still lives in memory */
    }
  }

  restoreOutbox() {
    try {
      const saved = JSON.parse(this.options.storage?.getItem(this.storageKey) ?? '[]');
      for (const entry of saved) {
        this.outbox.push({ ...entry, status: SendStatus.PENDING });
        this.roomOf(entry.room);
      }
    } catch {
      /* nothing usable was saved */
    }
  }

  clearTimers() {
    for (const timer of Object.values(this.timers)) {
      clearTimeout(timer);
      clearInterval(timer);
    }
  }
}
