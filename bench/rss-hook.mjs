// Preloaded with `node --import` when /usr/bin/time is absent: writes the process's peak RSS
// (kilobytes, from process.resourceUsage) to $BENCH_RSS_FILE as it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
