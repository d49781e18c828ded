// Operations on text in the text-unicode format of ShareDB's ot-text-unicode type, as the server's
// TextOperation implements them: a list of components, a number skips that many characters, a string inserts
// it, {d: n} deletes n characters. Lengths count Unicode code points, never UTF-16 units.

const codePoints = (text) => Array.from(text);
export const lengthOf = (text) => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

const isRetain = (c) => typeof c === 'number';
const isInsert = (c) => typeof c === 'string';
const consumed = (c) => (isRetain(c) ? c : isInsert(c) ? 0 : c.d);
const size = (c) => (isRetain(c) ? c : isInsert(c) ? lengthOf(c) : c.d);

/** Appends a component to a list, merging neighbours of one kind and dropping empty ones. */
function append(list, c) {
  if (isRetain(c) ? c === 0 : isInsert(c) ? c === '' : c.d === 0) return;
  const last = list[list.length - 1];
  if (last !== undefined && isRetain(last) && isRetain(c)) list[list.length - 1] = last + c;
  else if (last !== undefined && isInsert(last) && isInsert(c)) list[list.length - 1] = last + c;
  else if (last !== undefined && !isRetain(last) && !isInsert(last) && !isRetain(c) && !isInsert(c)) {
    list[list.length - 1] = { d: last.d + c.d };
  } else list.push(c);
}

/** The normalized form: no empty or adjacent same-kind components, no skip at the end. */
export function normalize(op) {
  const result = [];
  for (const c of op) append(result, c);
  if (result.length && isRetain(result[result.length - 1])) result.pop();
  return result;
}

export function apply(text, op) {
  const chars = codePoints(text);
  let at = 0;
  let out = '';
  for (const c of op) {
    if (isRetain(c)) {
      if (at + c > chars.length) throw new Error('the operation skips past the end of the text');
      out += chars.slice(at, at + c).join('');
      at += c;
    } else if (isInsert(c)) out += c;
    else {
      if (at + c.d > chars.length) throw new Error('the operation deletes past the end of the text');
      at += c.d;
    }
  }
  return out + chars.slice(at).join('');
}

/** Takes an operation's components piece by piece, splitting them where asked. */
class Taker {
  constructor(op) {
    this.op = op;
    this.index = 0;
    this.offset = 0;
  }

  peek() {
    return this.op[this.index];
  }

  // indivisible: 'none', 'insert' or 'delete'; n === -1 takes the rest of the component
  take(n, indivisible) {
    if (this.index === this.op.length) return n === -1 ? null : n;
    const c = this.op[this.index];
    if (isRetain(c)) {
      const left = c - this.offset;
      if (n === -1 || left <= n) { this.next(); return left; }
      this.offset += n;
      return n;
    }
    if (isInsert(c)) {
      const chars = codePoints(c);
      const left = chars.length - this.offset;
      if (n === -1 || indivisible === 'insert' || left <= n) {
        const part = this.offset === 0 ? c : chars.slice(this.offset).join('');
        this.next();
        return part;
      }
      const part = chars.slice(this.offset, this.offset + n).join('');
      this.offset += n;
      return part;
    }
    const left = c.d - this.offset;
    if (n === -1 || indivisible === 'delete' || left <= n) { this.next(); return { d: left }; }
    this.offset += n;
    return { d: n };
  }

  next() {
    this.index++;
    this.offset = 0;
  }
}

/** op changed to apply after other (both made against one text); side 'left' puts op's insert first at a tie. */
export function transform(op, other, side) {
  const result = [];
  const mine = new Taker(op);
  for (const theirs of other) {
    if (isRetain(theirs)) {
      let n = theirs;
      while (n > 0) {
        const chunk = mine.take(n, 'insert');
        append(result, chunk);
        n -= consumed(chunk);
      }
    } else if (isInsert(theirs)) {
      if (side === 'left' && isInsert(mine.peek() ?? 0)) append(result, mine.take(-1, 'none'));
      append(result, lengthOf(theirs));
    } else {
      let n = theirs.d;
      while (n > 0) {
        const chunk = mine.take(n, 'insert');
        if (isInsert(chunk)) append(result, chunk);
        else n -= consumed(chunk);
      }
    }
  }
  for (let rest = mine.take(-1, 'none'); rest !== null; rest = mine.take(-1, 'none')) append(result, rest);
  return normalize(result);
}

/** One operation with the effect of a followed by b. */
export function compose(a, b) {
  const result = [];
  const first = new Taker(a);
  for (const c of b) {
    if (isRetain(c)) {
      let n = c;
      while (n > 0) {
        const chunk = first.take(n, 'delete');
        append(result, chunk);
        if (isRetain(chunk) || isInsert(chunk)) n -= size(chunk);
      }
    } else if (isInsert(c)) append(result, c);
    else {
      let n = c.d;
      while (n > 0) {
        const chunk = first.take(n, 'delete');
        if (isRetain(chunk)) { append(result, { d: chunk }); n -= chunk; }
        else if (isInsert(chunk)) n -= lengthOf(chunk);
        else append(result, chunk);
      }
    }
  }
  for (let rest = first.take(-1, 'none'); rest !== null; rest = first.take(-1, 'none')) append(result, rest);
  return normalize(result);
}

/** Where a cursor lies after op; text inserted exactly at it goes after it unless pushed. */
export function transformPosition(cursor, op, pushedByInsertsHere = false) {
  let position = 0;
  for (let i = 0; i < op.length && (cursor > position || (pushedByInsertsHere && cursor === position)); i++) {
    const c = op[i];
    if (isRetain(c)) position += c;
    else if (isInsert(c)) {
      const n = lengthOf(c);
      position += n;
      cursor += n;
    } else cursor -= Math.min(c.d, cursor - position);
  }
  return cursor;
}

/** The operation that turns before into after: the changed middle between a common prefix and suffix. */
export function diff(before, after) {
  if (before === after) return [];
  const a = codePoints(before);
  const b = codePoints(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix
    && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return normalize([prefix, { d: a.length - prefix - suffix }, b.slice(prefix, b.length - suffix).join('')]);
}

/** A UTF-16 index (as a textarea reports it) as a code-point index, and back. */
export function toCodePoints(text, utf16) {
  return lengthOf(text.slice(0, utf16));
}

export function toUtf16(text, cps) {
  let index = 0;
  let n = 0;
  for (const ch of text) {
    if (n === cps) break;
    index += ch.length;
    n++;
  }
  return index;
}
