// Tone round 11 (LABELS.md rules 12-13, both languages): harm to the relationship denied reads favourably ("did not
// affect the broader alliance", 同盟が傷つくことはなかった), a judging word inside a denied concern speaks through the
// denial (一方的に損をしている関係とは言えない), plain displeasure (angered, blindsided, ignored) and the two sides acting
// together (train, plan, stand together; a contribution appreciated). Then the tone model: a rule decision resting on
// a judging word a negation turned over needs a wider margin to be overruled. Rules are tested on the built-in
// codebook without its learned model; the model with a fixture part. Fixtures are sentences written for this test.
import { describe, expect, it } from 'vitest';
import type { Codebook } from '../src/codebook/index.js';
import { decide } from '../src/coder/index.js';
import { prepare } from '../src/coder/sentence.js';
import { decideTone } from '../src/coder/tone.js';
import { TONE_CLASSES, TONE_MARGIN, TURNED_EXTRA_MARGIN, type ToneLangJson } from '../src/coder/tone-model.js';
import type { SentenceDecision, Tone } from '../src/types.js';
import { oneByRules as one, rulesOnly } from './helpers/coder.js';
import { bareModelFile, withModel } from './helpers/model-file.js';

/** The tone the rules decide for one sentence. */
const tone = (text: string): string => one(text).tone;

describe('tone round 11: harm to the relationship denied (rule 13)', () => {
  it('an English denial that the relationship was affected or harmed is favourable', () => {
    for (const text of [
      'The envoy said the row over fishing quotas would not affect the wider alliance.',
      'Officials in both capitals insisted the quarrel had not touched the security relationship.',
      'A spokeswoman said the partnership was "in no way affected" by the senator\'s remarks.',
    ]) {
      expect(tone(text)).toBe('positive');
    }
  });
  it('harm done or feared is unfavourable, and harm to something else judges nothing', () => {
    expect(tone('Several diplomats warned that the dispute could harm the alliance for years.')).toBe('negative');
    expect(tone('The storm did not affect the harbour at Sasebo.')).toBe('neutral');
  });
  it('a Japanese denial that the alliance was damaged, shaken or hurt is favourable', () => {
    for (const text of [
      '結局、その騒ぎが日米関係を崩すことはなかった。',
      '通商の争いが防衛協力にまで飛び火することはなかった。',
      '大使館の担当者は「今回の延期で同盟が傷つくことはない」と話した。',
      '国務省は「日米関係に影響はない」との見解を示した。',
      '政権交代の後も、同盟は揺らぐことなく続いた。',
    ]) {
      expect(tone(text)).toBe('positive');
    }
  });
  it('the same harm asserted, or feared, is unfavourable; avoiding it is no denial', () => {
    expect(tone('専門家は、この対立が同盟を損なうおそれがあると警告した。')).toBe('negative');
    expect(tone('日米関係を損なわないよう、両政府は慎重に言葉を選んだ。')).not.toBe('positive');
  });
  it('a judging word inside a denied concern speaks through the denial, not against it', () => {
    expect(tone('冷静に見れば、日本が一方的に損をしている関係とは言えない。')).toBe('positive');
    // Asserted, the same words blame the bargain.
    expect(tone('日本だけが一方的に損をしている。')).toBe('negative');
  });
});

describe('tone round 11: plain displeasure, and the two sides acting together', () => {
  it('a side angered, blindsided or ignored is an unfavourable judgement', () => {
    for (const text of [
      'The embassy staff were blindsided by the sudden announcement.',
      'Lawmakers were angered that the base commander had not informed the town.',
      'Residents say their complaints about night flights are routinely ignored.',
      'Ministry officials admit the quarrel has taken a toll.',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
  it('training, planning and standing together, or a contribution appreciated, is favourable', () => {
    for (const text of [
      'These days the two air forces train together almost every month.',
      'The two staffs now plan together for a crisis in the strait.',
      'Washington has repeatedly said it appreciates Japan\'s contribution to the mission.',
      'The leaders said they were "one hundred percent together" on the missile tests.',
      'Our sailors have never exercised together more often than this year.',
    ]) {
      expect(tone(text)).toBe('positive');
    }
  });
  it('togetherness of others, or a courtesy, judges nothing', () => {
    expect(tone('Reporters from both papers drank together after the briefing.')).toBe('neutral');
    expect(tone('SEN. HOLLIS: I appreciate the candor, Admiral.')).toBe('neutral');
  });
});

describe('tone round 11: the relationship at a high, a charge out of date, a demand sought, a complaint voiced', () => {
  it('the relationship or the ally\'s part at a high point is favourable', () => {
    for (const text of [
      'The two coast guards now share data more freely than at any time since the treaty.',
      'The new command shows how far the alliance has come since the base disputes of the nineties.',
      'Tokyo covers a bigger share of the base budget than any other ally.',
      'That picture of Japan as a free rider is thirty years out of date.',
      'Both capitals called the new radar pact a sign of mutual trust.',
      'The Japanese officers I trained with were as careful as any I have known.',
    ]) {
      expect(tone(text)).toBe('positive');
    }
  });
  it('a low point, or a comparison that praises nothing, is not favourable', () => {
    expect(tone('Trust in the American guarantee is lower than at any time since the sixties.')).not.toBe('positive');
    expect(tone('The ferry timetable has not changed since the spring.')).toBe('neutral');
  });
  it('a larger increase sought, reported with no judgement, judges nothing (rule 12)', () => {
    expect(tone('The American delegation had sought a substantial increase in host-nation support.')).toBe('neutral');
    // Judged in the same unit, the demand is blamed.
    expect(tone('Officials complained that the American delegation had sought a substantial increase in host-nation support.')).toBe('negative');
  });
  it('a Japanese complaint voiced, a sigh or a trembling voice judges the relationship only in a unit about it', () => {
    for (const text of [
      '住民の代表は「米軍の訓練は夜も続いている」と訴えた。',
      '防衛省内では「米側はいつも後から知らせてくる」とため息が漏れる。',
      '町の漁師は「米国との約束ばかりで、我々の声は届かない」と声を震わせた。',
      '米国の言いなりの今のやり方には納得できない。',
    ]) {
      expect(tone(text)).toBe('negative');
    }
    expect(tone('保護者たちは「通学路に信号を付けてほしい」と訴えた。')).toBe('neutral');
  });
});

describe('tone round 11: Japanese words of support and of a bond', () => {
  it('support, walking together, a bond and a treaty duty affirmed are favourable', () => {
    for (const text of [
      '米国は今後も日本の防衛を全面的に支えると述べた。',
      '我々は日本と共に地域の安定に取り組んでいく。',
      '両国の結びつきは年々深まっている。',
      '国防長官は尖閣防衛は条約上の義務だと明言した。',
    ]) {
      expect(tone(text)).toBe('positive');
    }
  });
  it('the same words denied are unfavourable', () => {
    expect(tone('米国はもう日本を支えない。')).toBe('negative');
    expect(tone('両国の間に特別な結びつきはない。')).toBe('negative');
  });
});

describe('tone round 11: a Japanese question quoted to complain, irony, convenience and what Japan hands over', () => {
  it('a question closing a quotation judges the ally', () => {
    expect(tone('漁協の組合長は「いつまで米軍の訓練に海を使わせるのか」と語った。')).toBe('negative');
    // Talk of the bomb alone is not a judgement of the relationship.
    expect(tone('討論会では「日本も核武装を考えるべきではないか」との発言が出た。')).toBe('neutral');
  });
  it('irony, a side\'s convenience and what Japan hands over are unfavourable', () => {
    for (const text of [
      '訓練の日程は、いつも米側の都合で決まる。',
      '日本は米国に土地も資金も差し出してきた。',
      'ある閣僚は「米国はいつも後出しだ」と漏らした。',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
});

describe('tone round 11: the rules say when their tone rests on a turned judging word', () => {
  const ruled = (text: string): ReturnType<typeof decideTone> => {
    const p = prepare(text, rulesOnly);
    const d = decide([{ text, paragraph: 0 }], { docSide: null }, rulesOnly)[0] as SentenceDecision;
    return decideTone(p, rulesOnly, d.raised, d.negated);
  };
  it('negatedTerm only where a negation turned the deciding word over', () => {
    expect(ruled('Relations with Washington are not strained, the envoy said.')).toMatchObject({ tone: 'positive', negatedTerm: true });
    expect(ruled('日米関係に亀裂は生じていない。')).toMatchObject({ tone: 'positive', negatedTerm: true });
    expect(ruled('Relations with Washington are strained, the envoy said.').negatedTerm).toBeUndefined();
    expect(ruled('The envoy called the alliance rock solid.').negatedTerm).toBeUndefined();
  });
});

/** A tone part with one invented word weighted `w` towards `target` (thousandths, as the file packs it); every output's threshold is `margin`. */
function tonePart(word: string, target: Tone, w: number, margin: number): ToneLangJson {
  const codes = TONE_CLASSES.map((t) => ({ code: t, bias: 0, threshold: margin, idx: t === target ? [0] : [], w: t === target ? [Math.round(w * 1000)] : [] }));
  return { units: 1, features: [`w:${word}`], codes, cv: { rulesAccuracy: 0, combinedAccuracy: 0, changed: 0 } };
}

describe('tone round 11: the tone model needs a wider margin against a turned judging word', () => {
  // Weight 0.85 towards neutral: p(neutral) = e^0.85 / (e^0.85 + 3), every other class 1 / (e^0.85 + 3): a lead of 0.25.
  const e = Math.exp(0.85);
  const lead = (e - 1) / (e + 3);
  const cb: Codebook = withModel(bareModelFile({ tone: { en: tonePart('zorblax', 'neutral', 0.85, TONE_MARGIN) } }));
  const decided = (text: string): string => (decide([{ text, paragraph: 0 }], { docSide: null }, cb)[0] as SentenceDecision).tone;
  it('the lead clears the usual margin but not the wider one', () => {
    expect(lead).toBeGreaterThan(TONE_MARGIN);
    expect(lead).toBeLessThan(TONE_MARGIN + TURNED_EXTRA_MARGIN);
  });
  it('overrules a judging word read as it stands, not one a negation turned over', () => {
    expect(tone('Relations with Washington are strained, the zorblax envoy said.')).toBe('negative');
    expect(decided('Relations with Washington are strained, the zorblax envoy said.')).toBe('neutral');
    expect(tone('Relations with Washington are not strained, the zorblax envoy said.')).toBe('positive');
    expect(decided('Relations with Washington are not strained, the zorblax envoy said.')).toBe('positive');
  });
});
