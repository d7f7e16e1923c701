/**
 * A one-line progress display for long runs: redrawn at most ten times a second on a terminal,
 * silent when the stream is not a TTY (piped output stays clean).
 */

export interface ProgressLine {
  update(text: string, fraction?: number): void;
  done(): void;
}

/** A progress line on `stream`, or a no-op when it is not a terminal or `enabled` is false. */
export function progressLine(stream: NodeJS.WriteStream | NodeJS.WritableStream, enabled = true): ProgressLine {
  const tty = enabled && 'isTTY' in stream && stream.isTTY === true;
  if (!tty) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  return {
    update(text, fraction) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = 24;
      const bar = fraction === undefined ? '' : `[${'#'.repeat(Math.round(Math.min(1, fraction) * width)).padEnd(width, '.')}] ${Math.round(fraction * 100)}% `;
      stream.write(`\r\x1b[2K${bar}${text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
