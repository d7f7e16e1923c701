// Record the coder's decisions as the reference for test/coder-equivalence.test.ts.
// Run it only when a change of decisions is intended: node scripts/coder-snapshot.mjs
import { spawnSync } from 'node:child_process';

const r = spawnSync('npx', ['vitest', 'run', 'test/coder-equivalence.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, CODER_SNAPSHOT_UPDATE: '1' },
  cwd: new URL('..', import.meta.url),
});
process.exit(r.status ?? 1);
