// One document edited together over a QuorumClient, kept as a ShareDB client keeps it (and as the server's
// ClientDocument does): local edits apply at once; one operation is in flight at a time, later edits wait
// composed; an operation of someone else is transformed against both before it applies. Positions given at a
// committed revision (others' cursors, comment anchors, locked sections) are moved to the local text through
// the committed operations since and then through what is in flight and waiting.
import * as ot from './text-operation.js';

const RETRIED = new Set(['NOT_CONNECTED', 'TIMEOUT', 'UNAVAILABLE', 'OUTCOME_UNKNOWN', 'RATE_LIMITED']);

const newId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

export class DocumentSession extends EventTarget {
  constructor(client, docId) {
    super();
    this.client = client;
    this.docId = docId;
    this.text = '';
    this.revision = 0;
    this.openedRevision = 0;
    this.inflight = null;
    this.inflightId = null;
    this.inflightBase = 0;
    this.pending = null;
    this.committed = new Map(); // revision → the operation committed as it
    this.info = null;
    client.addEventListener('message', ({ detail }) => {
      if (this.info && detail.room === this.info.room) this.roomMessage(detail);
    });
    client.addEventListener('state', ({ detail }) => {
      // after a reconnect the client resumes the room by itself; the operation in flight goes again, same id
      if (detail.state === 'open' && this.info && this.inflight) this.sendInflight();
    });
  }

  /** Opens (or opens again, dropping unsent local edits) the document: its text, revision and room. */
  async open() {
    const opened = await this.client.request('doc.open', { doc: this.docId });
    this.info = opened;
    const room = this.client.roomOf(opened.room);
    room.lastSeq = opened.seq;
    this.text = opened.content;
    this.revision = opened.revision;
    this.openedRevision = opened.revision;
    this.inflight = null;
    this.pending = null;
    this.committed.clear();
    this.emit('opened', opened);
    this.emit('text', { remote: null });
    return opened;
  }

  get settled() {
    return !this.inflight && !this.pending;
  }

  /** The user changed the text to newText. */
  edit(newText) {
    const op = ot.diff(this.text, newText);
    if (op.length === 0) return;
    this.text = newText;
    this.pending = this.pending ? ot.compose(this.pending, op) : op;
    this.flush();
  }

  flush() {
    if (this.inflight || !this.pending) return;
    if (this.pending.length === 0) {
      this.pending = null;
      return;
    }
    this.inflight = this.pending;
    this.pending = null;
    this.inflightBase = this.revision;
    this.inflightId = newId();
    this.sendInflight();
  }

  sendInflight() {
    const id = this.inflightId;
    this.emit('saving', { saving: true });
    this.client
      .request('doc.op', { doc: this.docId, baseRevision: this.inflightBase, op: this.inflight, id })
      .catch((failure) => {
        if (this.inflightId !== id || !this.inflight) return; // settled meanwhile through the room
        if (RETRIED.has(failure.code)) {
          // kept or not, the same id is answered once: try again (a reconnect also sends it again)
          if (failure.code !== 'NOT_CONNECTED') setTimeout(() => this.inflightId === id && this.sendInflight(), 1000);
          return;
        }
        // refused (a lock, a final document, too far behind): the server's text is the truth again
        this.emit('refused', failure);
        this.open().catch((again) => this.emit('refused', again));
      });
  }

  roomMessage(message) {
    const data = message.data ?? {};
    if (data.doc !== this.docId) return;
    if (message.type === 'doc.op') this.receive(message, data);
    else if (message.type === 'doc.lock') this.emit('lock', { ...data, revision: this.revision });
    else if (message.type === 'doc.comment') this.emit('comment', data);
  }

  receive(message, data) {
    if (data.revision <= this.revision) return; // the opened text holds it already
    if (data.revision !== this.revision + 1) {
      this.open(); // never expected: the room is gapless; reload rather than show a wrong text
      return;
    }
    this.revision = data.revision;
    this.committed.set(data.revision, data.op);
    const mine = message.sender?.id === this.client.member?.id && data.id === this.inflightId;
    if (mine) {
      this.inflight = null;
      this.inflightId = null;
      this.flush();
      this.emit('saving', { saving: !this.settled });
      return;
    }
    let theirs = data.op;
    if (this.inflight) {
      const after = ot.transform(this.inflight, theirs, 'left');
      theirs = ot.transform(theirs, this.inflight, 'right');
      this.inflight = after;
    }
    if (this.pending) {
      const after = ot.transform(this.pending, theirs, 'left');
      theirs = ot.transform(theirs, this.pending, 'right');
      this.pending = after;
    }
    const before = this.text;
    this.text = ot.apply(this.text, theirs);
    this.emit('text', { remote: theirs, before, author: message.sender });
  }

  /**
   * A position given in the text at a committed revision, in the local text now; null when this copy does
   * not know the operations in between (yet).
   */
  localPosition(position, revision, pushedByInsertsHere = false) {
    if (revision > this.revision || revision < this.openedRevision) return null;
    let at = position;
    for (let r = revision + 1; r <= this.revision; r++) {
      at = ot.transformPosition(at, this.committed.get(r), pushedByInsertsHere);
    }
    if (this.inflight) at = ot.transformPosition(at, this.inflight, pushedByInsertsHere);
    if (this.pending) at = ot.transformPosition(at, this.pending, pushedByInsertsHere);
    return at;
  }

  /** Waits (up to ten seconds) until nothing local is unsent, so local positions are the committed text's. */
  async whenSettled() {
    for (let waited = 0; !this.settled; waited += 50) {
      if (waited > 10_000) throw new Error('Your last changes are not saved yet.');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
