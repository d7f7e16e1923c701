import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { decide } from '../src/coder/index.js';
import { voicesOf } from './helpers/coder.js';

const voices = voicesOf;

describe('a speaker tag with a surname in romanised Japanese (rule 2)', () => {
  it('speaks for Japan in a hearing held on the other side, with or without an affiliation the codebook does not know', () => {
    const units = [
      'MR. HALVERSON (R-Ohio): Professor, how do voters in your country see the base agreement?',
      'PROF. KANEDA (Hokuriku University): Senator, most of them want the bases to stay, but with fewer aircraft.',
      'MR. HALVERSON: We have heard that before.',
      'PROF. KANEDA: They will keep saying it until someone in Washington listens.',
    ];
    expect(voices(units, 'washington')).toEqual(['washington', 'tokyo', 'washington', 'tokyo']);
  });
  it('gives its reason as evidence', () => {
    const [d] = decide([{ text: 'DR. TSUCHIYA: Nobody in the cabinet wants a bomb.', paragraph: 0 }], { docSide: 'washington' }, builtinCodebook());
    expect(d?.voice.voice).toBe('tokyo');
    expect(d?.voice.cue?.rule).toBe('speaker:japanese-name');
  });
  it('leaves English surnames, titles that name a side and surnames introduced with a side alone', () => {
    // Surnames that do not read as romanised Japanese (consonant endings, clusters) keep the document's side.
    for (const name of ['HOLLIS', 'PREWITT', 'RIORDAN', 'LINDQVIST', 'BIDEN']) {
      expect(voices([`MR. ${name}: We expect Japan to do more.`], 'washington')).toEqual(['washington']);
    }
    // A title that names a side wins over the name's shape.
    expect(voices(['SEN. INOUYE (D-Hawaii): We expect Japan to do more.'], 'washington')).toEqual(['washington']);
    // On Japan's own side the name changes nothing.
    expect(voices(['MR. ENDO: The alliance serves us well.'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('Congressional-record speaker tags ("Mr. HALVERSON:")', () => {
  it('a title in title case before a surname in capitals opens a turn, as "MR. HALVERSON:" does', () => {
    const units = ['Mr. HALVERSON: Mr. Speaker, we keep the sea lanes open and get a flood of cars in return.', 'I say it is time Japan paid for its own defense.', 'Rep. OKAFOR: What exactly do we get for fifty thousand troops?'];
    expect(voices(units, 'washington')).toEqual(['washington', 'washington', 'washington']);
  });
  it('a title before a surname in running text is no tag', () => {
    expect(voices(['Mr. Abe said the alliance was strong.'], null)).toEqual(['tokyo']);
    expect(voices(['Dr. KANO argued for patience, and nobody objected.'], null)).toEqual(['author']);
  });
});

describe('a new holder with no side of its own', () => {
  it('opening its clause ("Few in the ministry", "Peace groups marching…") is on the document\'s side, not carried from the last voice', () => {
    const units = ['The American ambassador called on the foreign minister to stress that Washington would stand by Japan.', 'Few in the ministry were consoled, and peace groups marching outside said the pledge meant nothing.'];
    expect(voices(units, 'tokyo')).toEqual(['washington', 'tokyo']);
  });
  it('a pronoun or "Others" still carries the last voice on', () => {
    const units = ['The American ambassador stressed that Washington would stand by Japan.', 'He added that the commitment covered the islands.'];
    expect(voices(units, 'tokyo')).toEqual(['washington', 'washington']);
  });
});

describe('Japanese: a minister relaying what the other side gave or stated (rule 3)', () => {
  it('a letter, words or an assurance received from the other side, with the giver opening the sentence (…からは、…との書簡をいただいております)', () => {
    expect(voices(['○外務大臣　大統領からは、同盟の義務を果たすとの書簡をいただいております。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['○外務大臣　米側からは、日本の頭越しに決めることはないとの確約を得ております。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['○防衛大臣　その点は米側から繰り返し表明されております。'], 'tokyo')).toEqual(['washington']);
  });
  it('what the speaker received from their own side, or a view of their own added, stays the speaker\'s', () => {
    expect(voices(['○外務大臣　総理からは、同盟を重視するとの言葉をいただいております。'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['○外務大臣　米側からは確約を得ております。しかし私は十分だとは考えておりません。'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('Japanese: a hedged report of a side\'s act', () => {
  it('…求めたとされる (reportedly demanded) is still the act of its subject, not a passive', () => {
    expect(voices(['米側は日本側に防衛費の増額を求めたとされる。'], 'tokyo')).toEqual(['washington']);
  });
});
