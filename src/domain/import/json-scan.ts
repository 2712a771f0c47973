// Two scans of JSON text that JSON.parse cannot do: where a syntax error is (V8's messages do not
// always say), and whether an object repeats a member name (JSON.parse silently keeps the last).
// Both are iterative, so absurdly nested input cannot overflow the stack.

/** JSON.parse's complaint as a sentence with line and column. */
/** Where JSON text breaks: line and column (1-based), or `end` when it stops too early; null when not found. */
export function syntaxPosition(text: string): { line: number; column: number; end: boolean } | null {
  const at = syntaxErrorOffset(text);
  if (at < 0) return null;
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n'), end: at >= text.length };
}

export function syntaxMessage(text: string, e: unknown): string {
  const at = syntaxErrorOffset(text);
  if (at < 0) return e instanceof Error ? e.message : String(e);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  if (at >= text.length) return `the text ends too early, at line ${line}, column ${column} (is the file truncated?).`;
  const ch = text.codePointAt(at)!;
  const shown = ch < 0x20 || ch === 0x7f ? `the control character U+${ch.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(String.fromCodePoint(ch));
  return `unexpected ${shown} at line ${line}, column ${column}.`;
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Where JSON.parse gave up: the offset of the first character that breaks the JSON grammar (-1: none found). */
function syntaxErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const stack: number[] = [];
  const ws = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(++i));
  };
  /** Reads a string at i; returns the offset of an error, or -1. */
  const string = (): number => {
    if (text.charCodeAt(i) !== 0x22) return i;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return -1;
      }
      if (c < 0x20) return i;
      if (c === 0x5c) {
        const d = text[++i];
        if (d === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return i;
          i += 4;
        } else if (d === undefined || !'"\\/bfnrt'.includes(d)) return i;
      }
    }
    return n;
  };
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          expectValue = false;
          continue;
        }
        stack.push(c === '{' ? 0x7b : 0x5b);
        if (c === '{') {
          const err = string();
          if (err >= 0) return err;
          ws();
          if (text[i++] !== ':') return i - 1;
        }
        continue;
      }
      if (c === '"') {
        const err = string();
        if (err >= 0) return err;
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return i;
        i = NUMBER.lastIndex;
      }
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i < n ? i : -1;
    const c = text[i];
    if (c === ',') {
      i++;
      if (top === 0x7b) {
        ws();
        const err = string();
        if (err >= 0) return err;
        ws();
        if (text[i++] !== ':') return i - 1;
      }
      expectValue = true;
    } else if ((c === '}' && top === 0x7b) || (c === ']' && top === 0x5b)) {
      i++;
      stack.pop();
    } else return i;
  }
}

/** The first member name repeated within one object, scanning text JSON.parse accepted. */
export function firstDuplicateKey(text: string): { key: string; line: number } | null {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) {
          escaped = true;
          j += 2;
        } else if (d === 0x22) break;
        else j++;
      }
      const top = stack[stack.length - 1];
      if (top && expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        if (top.has(key)) return { key, line: text.slice(0, i).split('\n').length };
        top.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) stack.push(null);
    else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c) expectKey = stack[stack.length - 1] !== null && stack.length > 0;
    else if (c === 0x3a) expectKey = false;
  }
  return null;
}
