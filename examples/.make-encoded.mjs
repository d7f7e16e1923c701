// Writes the two example files stored in legacy Japanese encodings (Shift_JIS and EUC-JP).
// Node's TextEncoder only writes UTF-8, so this script builds its own byte encoders by decoding
// every one- and two-byte code with TextDecoder and inverting the result.
// Usage: node examples/.make-encoded.mjs [outDir]   (default: the folder holding this script)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIET_2004 = `---
title: 衆議院外務委員会（抄録）\u3000イラク派遣と日米同盟
date: 2004-02-04
side: tokyo
source: 国会会議録（架空の抄録）
lang: ja
---
○山田委員\u3000イラクへの自衛隊派遣についてお尋ねします。政府は主体的な判断だと言いますが、結局はアメリカの要請に従っただけではありませんか。

○山田委員\u3000国民の間には、日本はアメリカの言うことに何一つ逆らえない国になってしまったという声が広がっております。

○外務大臣\u3000派遣は我が国自身が判断したものでありまして、米国から求められたから行うというものではございません。

○外務大臣\u3000米国政府も、我が国の判断を尊重するとの立場を明確に表明しております。

○山田委員\u3000派遣先で自衛隊員が攻撃を受けた場合、日本がアメリカの戦争に巻き込まれることにならないのですか。

○外務大臣\u3000自衛隊が活動するのは非戦闘地域に限られており、他国の武力行使と一体化することはございません。

○山田委員\u3000北朝鮮問題でも、アメリカが日本の頭越しに交渉をまとめてしまうのではないかとの不安がございます。

○外務大臣\u3000米国からは、拉致問題を含め日本の立場を最後まで支持するとの約束をいただいております。日米関係はかつてなく良好でございます。
`;

const SURVEY_2017 = `---
title: 意識調査\u3000自由回答（抜粋）\u3000日米関係について
date: 2017-08-30
side: tokyo
source: 架空の世論調査会社による調査票の自由回答欄
lang: ja
---
回答者（大阪・34歳）：トランプさんになってから、アメリカが本当に日本を守ってくれるのか不安になりました。

回答者（札幌・58歳）：安倍さんとトランプさんは仲が良さそうで、日米関係はうまくいっていると思います。

回答者（那覇・41歳）：北朝鮮とアメリカが戦争になったら、基地のある沖縄が真っ先に巻き込まれると思う。

回答者（名古屋・66歳）：日本の政治家はアメリカの言いなりで、自分の意見を言えないのが情けない。

回答者（東京・29歳）：北朝鮮のミサイルが怖いので、日本も核を持つべきだという意見もわかる気がします。

回答者（広島・52歳）：日本が核兵器を持つことには絶対反対です。

回答者（福岡・45歳）：アメリカにお金ばかり払わされて、日本には見返りが少ないと思う。

回答者（仙台・23歳）：アメリカと中国が仲良くなって、日本が相手にされなくなるのが心配です。
`;

/** Invert a TextDecoder over the given byte sequences into a char → bytes map (first code wins). */
function reverseMap(label, sequences) {
  const decoder = new TextDecoder(label, { fatal: true });
  const map = new Map();
  for (const bytes of sequences) {
    let ch;
    try {
      ch = decoder.decode(Uint8Array.from(bytes));
    } catch {
      continue; // unassigned code: nothing decodes to it
    }
    if ([...ch].length === 1 && !map.has(ch)) map.set(ch, bytes);
  }
  return map;
}

function* range(from, to) {
  for (let b = from; b <= to; b++) yield b;
}

function shiftJisSequences() {
  const out = [];
  for (const b of range(0x00, 0x7f)) out.push([b]);
  for (const b of range(0xa1, 0xdf)) out.push([b]);
  for (const lead of [...range(0x81, 0x9f), ...range(0xe0, 0xfc)]) {
    for (const trail of [...range(0x40, 0x7e), ...range(0x80, 0xfc)]) out.push([lead, trail]);
  }
  return out;
}

function eucJpSequences() {
  const out = [];
  for (const b of range(0x00, 0x7f)) out.push([b]);
  for (const lead of range(0xa1, 0xfe)) for (const trail of range(0xa1, 0xfe)) out.push([lead, trail]);
  for (const b of range(0xa1, 0xdf)) out.push([0x8e, b]);
  return out;
}

/** Encode text with a reverse map; an unencodable character stops the script with its position. */
function encode(text, map, label) {
  const bytes = [];
  let index = 0;
  for (const ch of text) {
    const code = map.get(ch);
    if (code === undefined) throw new Error(`make-encoded: ${label} cannot encode U+${ch.codePointAt(0).toString(16)} at ${index}`);
    bytes.push(...code);
    index += ch.length;
  }
  return Uint8Array.from(bytes);
}

const outDir = process.argv[2] ?? dirname(fileURLToPath(import.meta.url));
mkdirSync(outDir, { recursive: true });
const sjis = reverseMap('shift_jis', shiftJisSequences());
const eucjp = reverseMap('euc-jp', eucJpSequences());
writeFileSync(join(outDir, '2004-02-diet-iraq.sjis.txt'), encode(DIET_2004, sjis, 'shift_jis'));
writeFileSync(join(outDir, '2017-08-survey.eucjp.txt'), encode(SURVEY_2017, eucjp, 'euc-jp'));
