import { describe, expect, it } from 'vitest';
import { voicesOf } from './helpers/coder.js';

const voices = voicesOf;

describe('round 10b (en): third-party papers and regions in `sides: other`', () => {
  it('a Chinese or Russian paper, a region, a country further afield hold their own view', () => {
    expect(voices(['The Global Times warned that Tokyo was being used as a forward base against the mainland.'], 'washington')).toEqual(['other']);
    expect(voices(['Izvestia argued that the new missiles made Hokkaido a target.'], 'tokyo')).toEqual(['other']);
    expect(voices(['Southeast Asian envoys said privately that they welcomed the closer coordination.'], 'washington')).toEqual(['other']);
    expect(voices(['A Pakistani admiral said the refuelling ships had been a lifeline for his navy.'], 'tokyo')).toEqual(['other']);
    expect(voices(['New Zealand officials described the alliance as the anchor of the region.'], null)).toEqual(['other']);
  });
  it('…but "Indiana" is no Indian, and a plain mention of the region reports no view', () => {
    expect(voices(['An Indiana congressman complained that Japan was getting a free ride.'], 'washington')).toEqual(['washington']);
    expect(voices(['Trade with Southeast Asia grew by a third over the decade.'], null)).toEqual(['author']);
  });
});

describe('round 10b (en): Japanese party abbreviations in a Diet tag', () => {
  it('"REP. ONODERA (DPJ):" is a Japanese member, not a U.S. representative', () => {
    const units = [
      'REP. ONODERA (DPJ): Minister, the ships will leave next month. Was this decided in Tokyo or in Washington?',
      'REP. ONODERA: I ask again: who drew up this plan?',
    ];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'tokyo']);
  });
  it('…while "REP. HOLLOWAY (R-Ohio):" stays a U.S. representative', () => {
    expect(voices(['REP. HOLLOWAY (R-Ohio): Japan should be paying far more for the bases we keep there.'], 'tokyo')).toEqual(['washington']);
  });
});

describe('round 10b (en): respondent, numbered and anonymous tags', () => {
  it('"Kenta, 24:" is a respondent\'s tag: the answer takes the respondent\'s side, not the writer\'s', () => {
    const units = [
      'Kenta, 24: Honestly, I think we follow whatever the Americans decide, and nobody asks us.',
      'Mio, 19: My friends in California say people there barely think about Japan anymore.',
    ];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'tokyo']);
  });
  it('"Anonymous:" posts on a board are the board\'s side', () => {
    const units = ['Anonymous: Four days in Seoul and one afternoon here. Says everything.', 'Anonymous: We pay for the bases and still get the leftovers.'];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'tokyo']);
  });
  it('"HOST 1 (Chicago):" is a tag whose place is the speaker\'s', () => {
    expect(voices(['HOST 1 (Chicago): The way folks here see it, Tokyo has been riding on our dime for decades.'], 'tokyo')).toEqual(['washington']);
  });
  it('…but "Japan, 1960:" opening a sentence of history is no respondent', () => {
    expect(voices(['In 1960, 45 lawmakers walked out of the Diet as the treaty was forced through.'], null)).toEqual(['author']);
  });
});

describe('round 10b (en): verbs of saying in their event sense (rule 4)', () => {
  it('a pact "Japan has concluded", guidelines "agreed" last year, logs "describing" a clash hold no view', () => {
    expect(voices(['Japan and Australia signed a logistics pact on Tuesday, the second such accord Japan has concluded this year.'], 'tokyo')).toEqual(['author']);
    expect(voices(['Japan\'s cabinet on Monday adopted a bill to carry out the defense roadmap agreed with Washington last spring.'], 'tokyo')).toEqual(['author']);
    expect(voices(['Japan\'s defense ministry on Friday released unit logs describing gunfire near the camp.'], 'tokyo')).toEqual(['author']);
  });
  it('…but a side that concludes or agrees that something is so still holds a view', () => {
    expect(voices(['Japanese planners concluded that the Americans would not come in time.'], 'washington')).toEqual(['tokyo']);
    expect(voices(['Tokyo agreed that the alliance had never been stronger.'], null)).toEqual(['tokyo']);
  });
  it('a government that has said it will tighten controls announces its own act; one that has said the ally is unfair holds a view', () => {
    expect(voices(['The Japanese government has said it will tighten checks on exports of machine tools.'], 'washington')).toEqual(['author']);
    expect(voices(['The Japanese government has said the tariffs are unfair to a loyal ally.'], 'washington')).toEqual(['tokyo']);
  });
});

describe('round 10b (en): co-hosts are speakers, a lone host asking is the interviewer (rule 2)', () => {
  it('"HOST A:" and "HOST B:" trading views take the programme\'s side; a letter is no Japanese surname', () => {
    const units = [
      'HOST A: Honestly, we carry the load out there and they know it.',
      'HOST B: Come on, they pay for most of the base costs. That counts for something.',
    ];
    expect(voices(units, 'washington')).toEqual(['washington', 'washington']);
  });
  it('…while a single "HOST:" asking a question stays the writer\'s', () => {
    expect(voices(['HOST: What does the new budget mean for the bases in Okinawa?'], 'washington')).toEqual(['author']);
  });
});

describe('round 10b (en): an interview\'s guest introduced with a third side', () => {
  it('"Our guest is Dr. X of a Manila institute": the guest\'s bare tag speaks for that side, even when it spells like a Japanese surname', () => {
    const units = [
      'HOST: Our guest is Dr. Teresa Sato of the Manila Institute for Maritime Affairs.',
      'SATO: From where we sit, Tokyo and Washington have rarely been closer.',
    ];
    expect(voices(units, null)).toEqual(['author', 'other']);
  });
  it('"an interview with a senior Thai diplomat" introduces the guest too', () => {
    const units = ['Radio transcript: an interview with a senior Thai diplomat.', 'INTERVIEWER: What do you make of the new bases?', 'AMBASSADOR MEKO: We see them as a sign the Americans are staying.'];
    expect(voices(units, null)).toEqual(['author', 'author', 'other']);
  });
  it('"Regular press conference of the Russian foreign ministry": the spokesperson\'s bare tag is Moscow\'s', () => {
    const units = ['Regular press conference of the Russian foreign ministry, English summary.', 'SPOKESPERSON: Tokyo has handed its foreign policy to Washington and calls it partnership.'];
    expect(voices(units, null)).toEqual(['author', 'other']);
  });
  it('…while with no guest introduced, a romanised Japanese surname in a tag still speaks for Tokyo', () => {
    const units = ['HOST: Welcome back.', 'MORIKAWA: Frankly, we have followed Washington on every turn for thirty years.'];
    expect(voices(units, 'washington')).toEqual(['author', 'tokyo']);
  });
});

describe('round 10b (en): a guest posted abroad is the other side\'s', () => {
  it('"an interview with a retired diplomat who served in the Tokyo embassy": the answers are Washington\'s', () => {
    const units = ['From an interview with a retired diplomat who served in the Tokyo embassy in the 1980s.', 'Q: What was the mood like then?', 'A: Tense. We kept pressing them on rice and beef, and I thought we overdid it.'];
    expect(voices(units, null)).toEqual(['author', 'author', 'washington']);
  });
  it('…while "an interview with a Tokyo lawmaker" introduces a Japanese guest', () => {
    const units = ['From an interview with a Tokyo lawmaker first elected in 2012.', 'Q: What was the mood like then?', 'A: Tense. They kept pressing us on rice and beef, and I thought they overdid it.'];
    expect(voices(units, null)).toEqual(['author', 'author', 'tokyo']);
  });
});

describe('round 10 integration (en): the writer\'s family and office hold views', () => {
  it('"My grandmother says…" in a Japanese answer is Tokyo\'s, and in an American one Washington\'s (rule 1)', () => {
    expect(voices(['My grandmother says the bases have been Okinawa\'s burden for as long as she can remember.'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['My husband says every port call he has made there went more smoothly than anywhere else.'], 'washington')).toEqual(['washington']);
    expect(voices(['My section chief said the ministry will give way in the end, as it always does.'], 'tokyo')).toEqual(['tokyo']);
  });
  it('…while the writer\'s own memory of a relative, with no view reported, stays the writer\'s', () => {
    expect(voices(['My father and I went fishing off Naha every summer when I was a boy.'], 'tokyo')).toEqual(['author']);
  });
});
