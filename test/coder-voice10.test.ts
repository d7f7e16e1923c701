import { describe, expect, it } from 'vitest';
import { voicesOf } from './helpers/coder.js';

const voices = voicesOf;

describe('round 10 (en): "Asked whether X, he said…" (carried answerer)', () => {
  it('the side asked about in the leading clause does not block the pronoun: "he" carries the one last quoted', () => {
    const units = [
      'A senior Japanese diplomat, speaking on condition of anonymity, said the talks had gone smoothly.',
      'Asked whether Washington had pressed Tokyo to buy more missiles, he said the subject had not come up.',
    ];
    expect(voices(units)).toEqual(['tokyo', 'tokyo']);
  });
  it('…but an "If"-clause naming a side before a pronoun still keeps its own reading', () => {
    const units = ['If Canberra ever decides to leave the pact, they will not wait to ask whether Japan agrees.'];
    expect(voices(units)).toEqual(['author']);
  });
});

describe('round 10 (en): first-person report frames in hearings (rule 3)', () => {
  it('"I am hearing", "I\'d note for the record that when I was in Tokyo…", "I ask because…" relay the side whose people speak', () => {
    const units = [
      'SEN. FARROW (D-Vt.): Thank you, Madam Chair.',
      'SEN. FARROW: I am hearing, for the first time in my career, senior Japanese officials say that the umbrella may have holes.',
      "SEN. FARROW: I'd note for the record that when I was in Tokyo in March, Japanese diplomats told me the tariff talk was poisoning the mood.",
      'SEN. FARROW: I ask because Japanese legislators tell me their voters fear a war over Taiwan.',
    ];
    expect(voices(units, 'washington')).toEqual(['washington', 'tokyo', 'tokyo', 'tokyo']);
  });
  it('the speaker\'s counterparts taking a position, and friends "who say", are relayed', () => {
    const units = [
      'MS. DEVEREUX (Deputy Assistant Secretary of Defense): Congressman, the request is on the table.',
      'MS. DEVEREUX: I should also say that my Japanese counterparts take the position that their budget answers to their own threats.',
      'REP. LINDQVIST: I have heard from Japanese friends who say the new runway makes their town a target.',
    ];
    expect(voices(units, 'washington')).toEqual(['washington', 'tokyo', 'tokyo']);
  });
  it('…but the speaker\'s own claim after such a frame stays the speaker\'s', () => {
    const units = ['SEN. FARROW (D-Vt.): Thank you.', 'SEN. FARROW: I must say that Japan is not doing nearly enough on ammunition stocks.'];
    expect(voices(units, 'washington')).toEqual(['washington', 'washington']);
  });
});

describe('round 10 (en): role tags that spell like Japanese surnames', () => {
  it('NOMINEE: in a Senate hearing is the nominee\'s side, not a Japanese name', () => {
    const units = ['SEN. BARLOW: Ms. Quint, will you press Tokyo on the runway?', 'NOMINEE: Senator, I will raise it at my first meeting with the minister.'];
    expect(voices(units, 'washington')).toEqual(['washington', 'washington']);
  });
  it('…while a tag with a real romanised Japanese surname still speaks for Tokyo', () => {
    const units = ['SEN. BARLOW: Thank you for coming.', 'AMB. NISHIMURA: We are grateful for the committee\'s time.'];
    expect(voices(units, 'washington')).toEqual(['washington', 'tokyo']);
  });
});

describe('round 10 (en): the writer\'s stake ("The danger is that…", rule 1)', () => {
  it('a side inside the writer\'s forecast is no holder', () => {
    const units = ['The greater risk is that Japanese leaders conclude the umbrella now comes with a price tag.', 'The irony is that Tokyo complains loudest about the bases it most wants kept.'];
    expect(voices(units)).toEqual(['author', 'author']);
  });
  it('…but a side\'s own danger reported is still theirs', () => {
    expect(voices(['Japanese planners say the danger is that the missiles arrive before the radars do.'])).toEqual(['tokyo']);
  });
});

describe('round 10 (en): transcript headings and interview intros (rules 2 and 4)', () => {
  it('a committee\'s hearing heading, as a line or set out like a tag, is the record\'s', () => {
    const units = [
      'Senate Foreign Relations Committee, hearing on the future of the Pacific alliances, 2019 (excerpts).',
      'HOUSE ARMED SERVICES COMMITTEE: Hearing on munitions production with allies.',
    ];
    expect(voices(units, 'washington')).toEqual(['author', 'author']);
  });
  it('a writer\'s notes headed as such ("Interview notes: a …", "Notes from …") are the record\'s', () => {
    const units = ['Interview notes: a deputy chairman of Keidanren, Otemachi, April 2023.', "Notes from a residents' study group in Nago on the runway at Henoko, shared with the city council."];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author']);
  });
  it('…but someone who "notes" a view still holds it', () => {
    expect(voices(['A Japanese diplomat notes that the treaty has never been tested.'])).toEqual(['tokyo']);
  });
  it('…but a committee member\'s stated view is still Washington\'s', () => {
    expect(voices(['The Senate committee chairman warned that Japan would have to pay more for the bases.'], 'washington')).toEqual(['washington']);
  });
  it('"We asked …" introducing respondents or a guest carries no view', () => {
    const units = [
      'We asked fishermen in Sasebo how they feel about the new destroyer berths.',
      'Mayor Tomoko Arashiro has twice refused to approve the survey of the reef. We asked her why.',
    ];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author']);
  });
  it('…but a speaker saying "we asked," in a turn keeps the speaker', () => {
    expect(voices(['SEN. BARLOW (R-Utah): We asked, and the Pentagon never answered.'], 'washington')).toEqual(['washington']);
  });
});

describe('round 10 (en): both sides acting together, and views in fashion where the writer is', () => {
  it('two sides\' leaders as one subject are no one side\'s holder (rule 5)', () => {
    const units = ['NAGOYA, May 3 — President Biden and Prime Minister Ishiba agreed today that the joint command would open next spring.', 'Washington and Tokyo agreed that the guidelines should be revised.'];
    expect(voices(units)).toEqual(['author', 'author']);
  });
  it('…but one leader alone stating a view is that side\'s', () => {
    expect(voices(['Prime Minister Ichiro Tanabe said the alliance had never been stronger.'])).toEqual(['tokyo']);
  });
  it('"popular in this town", "people on our side": a view held on the document\'s side', () => {
    const units = ['One theory, popular in this town, is that Tokyo simply waited us out.', 'HOST B: Plenty of people on our side would welcome a Japanese bomb.'];
    expect(voices(units, 'washington')).toEqual(['washington', 'washington']);
  });
  it('…and "this town" as a place where something only happened is no view', () => {
    expect(voices(['The delegation arrived in this town on Monday.'], 'washington')).toEqual(['author']);
  });
});

describe('round 10 (en): people described, and the writer\'s own circle, as holders', () => {
  it('"A retired destroyer captain from Kure said…" holds the view of the place the report is filed from', () => {
    const units = ['TOKYO — Two new frigates were launched at Kure on Tuesday.', 'A retired destroyer captain from Kure said the ships showed Japan no longer needed American permission to build.'];
    expect(voices(units)).toEqual(['author', 'tokyo']);
  });
  it('"My manager said…", "My classmates describe…" speak for the writer\'s place (rule 1: a view held on that side)', () => {
    const units = ['My manager said over coffee that the bases would be the first thing a missile hit.', 'My classmates mostly describe the alliance as an old marriage nobody remembers agreeing to.'];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'tokyo']);
  });
  it('…but the writer\'s own verdict with no one reported stays the writer\'s', () => {
    expect(voices(['The alliance has outlived every prediction of its collapse.'], 'tokyo')).toEqual(['author']);
  });
});

describe('round 10 (en): a Japanese minister relaying what the U.S. side stated or conveyed (rule 3)', () => {
  it('"has stated that", "conveyed to … that", and "The U.S. Secretary … has assured me" relay Washington', () => {
    const units = [
      'MS. ISHIDA (Komeito): Will the Americans really come?',
      'FOREIGN MINISTER: The U.S. side has stated repeatedly that the treaty covers every island we administer.',
      'DEFENSE MINISTER: Secretary Austin conveyed to me that the American commitment does not depend on any budget figure.',
      'DEFENSE MINISTER: The U.S. Secretary of Defense has personally assured me that nothing has changed.',
    ];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'washington', 'washington', 'washington']);
  });
  it('…but a side\'s "stated policy" is no statement, and the minister\'s own answer stays Tokyo\'s', () => {
    const units = ['MS. ISHIDA (Komeito): Will the Americans really come?', 'FOREIGN MINISTER: Our stated policy has not changed, and Japan will decide for itself.'];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'tokyo']);
    expect(voices(["Japan's stated policy has not changed since the 1960s."])).toEqual(['author']);
  });
});
