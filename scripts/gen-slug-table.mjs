// Regenerates src/syntax/slug_table.rs: asks github-slugger (the library GitHub-compatible
// renderers use) which single code points survive its character filter, and writes them as ranges.
// Usage: npm install github-slugger@2.0.0 && node gen-slug-table.mjs, then format ranges.json.
import { regex } from 'github-slugger/regex.js';
const keep = [];
let start = -1;
for (let cp = 0; cp <= 0x110000; cp++) {
  let kept = false;
  if (cp < 0x110000 && !(cp >= 0xd800 && cp <= 0xdfff)) {
    const s = String.fromCodePoint(cp);
    regex.lastIndex = 0;
    kept = s.replace(regex, '') === s;
  }
  if (kept && start < 0) start = cp;
  if (!kept && start >= 0) { keep.push([start, cp - 1]); start = -1; }
}
console.log(keep.length);
import fs from 'fs';
fs.writeFileSync('ranges.json', JSON.stringify(keep));
