/**
 * A Shift_JIS (CP932) encoder for fixtures, built by inverting the platform's decoder over every
 * two-byte code (Node ships decoders for the legacy Japanese encodings, not encoders).
 */

/**
 * Make an encoder from text to CP932 bytes; a character CP932 cannot hold throws.
 *
 * @example
 * const toSjis = sjisEncoder(); writeFileSync('h.csv', toSjis('見出し\n米国務次官補が来日\n'));
 */
export function sjisEncoder(): (s: string) => Buffer {
  const dec = new TextDecoder('shift_jis');
  const codes = new Map<string, number[]>();
  for (let b = 0xa1; b <= 0xdf; b++) codes.set(dec.decode(Uint8Array.of(b)), [b]);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(lead, trail));
      // Keep the first code of a character: later ones are vendor duplicates.
      if (ch.length === 1 && ch !== '\ufffd' && !codes.has(ch)) codes.set(ch, [lead, trail]);
    }
  }
  return (s) => {
    const out: number[] = [];
    for (const ch of s) {
      const c = ch.codePointAt(0) as number;
      if (c < 0x80) out.push(c);
      else {
        const bytes = codes.get(ch);
        if (!bytes) throw new Error(`sjis: no CP932 code for ${ch}`);
        out.push(...bytes);
      }
    }
    return Buffer.from(out);
  };
}
