// Rewrite the README's CLI reference from the built command tree (run `npm run build` first).
import { readFileSync, writeFileSync } from 'node:fs';
import { cliReference, replaceReference } from '../dist/cli/reference.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = replaceReference(before, cliReference());
writeFileSync(path, after);
console.log(before === after ? 'README CLI reference already up to date' : 'README CLI reference rewritten');
