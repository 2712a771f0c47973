// Bytes of a text file (CSV, GeoJSON, DBF strings) → string. UTF-8 with or without BOM and GBK, the
// two encodings the bureau's files come in (Excel on Chinese Windows saves CSV as GBK), detected or
// chosen. Decoding is always fatal: a byte sequence that is not valid in the encoding is an error
// naming where it is, never a silent U+FFFD.
//
// Detection: a UTF-8 BOM means UTF-8; otherwise valid UTF-8 is UTF-8 (GBK text of any length is
// almost never valid UTF-8), else valid GBK is GBK. A file that is valid UTF-8 except for an
// incomplete character at its very end was cut off, and is reported as truncated rather than
// misread as GBK. Node's GBK decoder maps some invalid bytes (0xFF) to private-use characters
// instead of failing, so decoded text holding private-use or control characters is rejected too.
import type { TextEncoding } from '../../domain/import/import-types.ts';
import { problem } from '../../domain/problems.ts';
import { fileOf, ImportError } from './import-error.ts';

export type EncodingChoice = 'auto' | TextEncoding;

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const BOM = [0xef, 0xbb, 0xbf];
const hasBom = (b: Uint8Array) => b.length >= 3 && b[0] === BOM[0] && b[1] === BOM[1] && b[2] === BOM[2];

function tryDecode(encoding: TextEncoding, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    if (i + n >= bytes.length) return i;
    for (let k = 1; k <= n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlongs, surrogates and code points above U+10FFFF.
    const b1 = bytes[i + 1];
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

/** Whether the bytes are valid UTF-8 but for an incomplete multi-byte character at the very end. */
function truncatedUtf8(bytes: Uint8Array): boolean {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0 || bytes.length - bad > 3) return false;
  const b = bytes[bad];
  const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (!need || bytes.length - bad >= need) return false;
  for (let k = bad + 1; k < bytes.length; k++) if ((bytes[k] & 0xc0) !== 0x80) return false;
  return true;
}

/** The first character no text file of ours should hold: NUL and other controls, private-use code points. */
function firstSuspicious(text: string): number {
  // eslint-disable-next-line no-control-regex
  const m = /[\u0000-\u0008\u000b\u000e-\u001f\ue000-\uf8ff]/.exec(text);
  return m ? m.index : -1;
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

function utf8(bytes: Uint8Array, what: string, declared: string): string {
  const text = tryDecode('utf-8', bytes);
  if (text !== null) return text;
  if (truncatedUtf8(bytes)) throw new ImportError('invalid', `${what} ends in the middle of a character: it looks truncated. Upload the complete file.`, problem('text_truncated', { file: fileOf(what) }));
  const at = firstInvalidUtf8(bytes);
  throw new ImportError('invalid', `${what} is ${declared} but is not valid UTF-8: byte ${hex(bytes[at])} at offset ${at} is not part of a UTF-8 character. Save the file as UTF-8 (or choose GBK if that is its encoding).`, problem('text_not_utf8', { file: fileOf(what), offset: at }));
}

/** Decodes text bytes; throws ImportError 400 when they are not text in the chosen or any supported encoding. */
export function decodeText(bytes: Uint8Array, choice: EncodingChoice = 'auto', what = 'The file'): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new ImportError('invalid', `${what} is UTF-16 text; save it as UTF-8 (in Excel: "CSV UTF-8") or GBK and upload it again.`, problem('text_utf16', { file: fileOf(what) }));
  let result: DecodedText;
  if (hasBom(bytes)) {
    if (choice === 'gbk') throw new ImportError('invalid', `${what} starts with a UTF-8 byte order mark but GBK was chosen; choose UTF-8 or automatic detection.`, problem('text_bom_gbk', { file: fileOf(what) }));
    result = { text: utf8(bytes.subarray(3), what, 'marked as UTF-8'), encoding: 'utf-8' };
  } else if (choice === 'utf-8') {
    result = { text: utf8(bytes, what, 'declared UTF-8'), encoding: 'utf-8' };
  } else if (choice === 'gbk') {
    const text = tryDecode('gbk', bytes);
    if (text === null) throw new ImportError('invalid', `${what} is not valid GBK text. Choose UTF-8 or automatic detection if it is not GBK.`, problem('text_not_gbk', { file: fileOf(what) }));
    result = { text, encoding: 'gbk' };
  } else {
    const asUtf8 = tryDecode('utf-8', bytes);
    if (asUtf8 !== null) result = { text: asUtf8, encoding: 'utf-8' };
    else if (truncatedUtf8(bytes)) throw new ImportError('invalid', `${what} ends in the middle of a character: it looks truncated. Upload the complete file.`, problem('text_truncated', { file: fileOf(what) }));
    else {
      const asGbk = tryDecode('gbk', bytes);
      if (asGbk === null || firstSuspicious(asGbk) >= 0) {
        const at = firstInvalidUtf8(bytes);
        throw new ImportError('invalid', `${what} is neither UTF-8 nor GBK text (byte ${hex(bytes[at])} at offset ${at} fits neither). Save it as UTF-8 and upload it again.`, problem('text_unknown_encoding', { file: fileOf(what), offset: at }));
      }
      result = { text: asGbk, encoding: 'gbk' };
    }
  }
  const odd = firstSuspicious(result.text);
  if (odd >= 0) {
    const code = result.text.codePointAt(odd)!;
    throw new ImportError('invalid', `${what} holds the character U+${code.toString(16).toUpperCase().padStart(4, '0')} at character ${odd}, which no text file of ours contains: it is binary data or not in ${result.encoding === 'gbk' ? 'GBK' : 'UTF-8'}.`,
      problem('text_binary', { file: fileOf(what), char: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` }));
  }
  return result;
}
