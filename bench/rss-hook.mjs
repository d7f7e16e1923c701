// Preloaded with `node --import` when /usr/bin/time is absent: writes the process's peak RSS
// (kilobytes) and CPU seconds, from process.resourceUsage, to $BENCH_RSS_FILE as it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS: u.maxRSS, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
  });
}
