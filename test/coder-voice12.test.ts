import { describe, expect, it } from 'vitest';
import { voicesOf } from './helpers/coder.js';

const voices = voicesOf;

describe('round 12 (en): a document heading names the record, not a view (rule 4)', () => {
  it('a first unit naming the kind of record (survey, commentary, notes, transcript, posts) is the writer\'s', () => {
    expect(voices(['Survey of Kagoshima fishermen, June 2009, after Tokyo and Washington agreed on new training areas.', 'Respondent (Makurazaki, 61): The boats lose whole days to the exercises.'], 'tokyo')[0]).toBe('author');
    expect(voices(['Think-tank commentary from Washington, 2016.', 'The alliance has never carried more weight.'], 'washington')[0]).toBe('author');
    expect(voices(['From the transcript of a Tokyo radio debate, 2019.'], 'tokyo')).toEqual(['author']);
    expect(voices(['Posts on a Japanese message board, translated, after a U.S. senator said Japan should pay more.'], 'tokyo')).toEqual(['author']);
    expect(voices(['Pentagon press briefing, April 2012 (excerpt), after the Marines announced a move to Guam.'], 'washington')).toEqual(['author']);
  });
  it('…but not a sentence opening with an article, nor the same words later in a document', () => {
    expect(voices(['A survey of Japanese voters found that most doubt America would fight for the Senkakus.'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['The polling firm released its figures on Monday.', 'Survey respondents in Japan said they doubted America would fight for the Senkakus.'], 'tokyo')[1]).toBe('tokyo');
  });
  it('an editorial\'s headline sentence after its colon is still read for a holder', () => {
    expect(voices(['Column: Every August, as Nagasaki remembers, a few Japanese writers argue that the country needs a bomb of its own.'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('round 12 (en): whose words "he" and "she" carry', () => {
  it('notes on a conversation introduce the guest whom later units quote', () => {
    const units = ['Notes: dinner with a Japanese trade negotiator posted to Washington, May 2019. Not for attribution.', 'He said the mood in the talks was better than the headlines.', 'Asked about tariffs, he said his ministry expected the worst.'];
    expect(voices(units, 'washington')).toEqual(['author', 'tokyo', 'tokyo']);
  });
  it('an interview heading with its guest after "with" ("Interview, a U.S. weekly, with a former Japanese minister")', () => {
    const units = ['Interview, a U.S. weekly\'s Tokyo bureau with a former Japanese finance minister, 2011.', 'Q: Has the yen become a political question?', 'A: It always was. We simply stopped admitting it.'];
    expect(voices(units, 'washington')[2]).toBe('tokyo');
  });
  it('after the writer\'s own report, "He" opening a unit is the person that report\'s subject named', () => {
    const units = ['WASHINGTON, March 3 — A senior Japanese defense official arrived here on Tuesday for two days of talks on the new guidelines.', 'He said the guidelines would not commit Japan to any war it had not chosen.'];
    expect(voices(units, 'washington')).toEqual(['author', 'tokyo']);
  });
  it('…but a "he" inside an already voiced run goes on with that voice', () => {
    const units = ['Senator Ames complained that Japan was getting a free ride.', 'He said Tokyo should pay for every ship in the Seventh Fleet.'];
    expect(voices(units, 'tokyo')).toEqual(['washington', 'washington']);
  });
});

describe('round 12 (en): rule 3, relays and fears', () => {
  it('a speaker who was in the other side\'s capital relays what officials there said', () => {
    expect(voices(['SEN. PRUITT (R-Kan.): I was in Tokyo in March, and officials there told me they no longer know whether we mean what we say.'], 'washington')).toEqual(['tokyo']);
    expect(voices(['FORMER VICE MINISTER HORI: When I was in Washington last year, every official I met said the commitment to Japan was firmer than ever.'], 'tokyo')).toEqual(['washington']);
  });
  it('…but a speaker who was there and gives their own view keeps their side', () => {
    expect(voices(['SEN. PRUITT (R-Kan.): I was in Tokyo in March, and I think we owe them a clearer answer.'], 'washington')).toEqual(['washington']);
  });
  it('a fear about what the other side will do is the holder\'s own view, not a relay', () => {
    expect(voices(['Some exporters in Nagoya worry that Washington will tie the tariffs to the bases.'], 'washington')).toEqual(['tokyo']);
    expect(voices(['British analysts doubt that the Americans have given up on Japan.'], 'washington')).toEqual(['other']);
  });
  it('…while a report of what the other side said is still relayed', () => {
    expect(voices(['CHIEF CABINET SECRETARY: The U.S. side has told us that it will consult closely before any decision.'], 'tokyo')).toEqual(['washington']);
  });
});

describe('round 12 (en): the writer\'s own verdicts (rule 1)', () => {
  it('"It is time for Tokyo to…" is the writer\'s appeal, whoever it names', () => {
    expect(voices(['It is time for Tokyo to say plainly that the base agreement must be rewritten.'], 'tokyo')).toEqual(['author']);
    expect(voices(['It\'s time Washington told its ally that the free ride is over.'], 'washington')).toEqual(['author']);
  });
  it('"Those who say … should …" answers unnamed holders', () => {
    expect(voices(['Those who say Japan never acts without Washington\'s blessing should look at this year\'s budget.'], 'tokyo')).toEqual(['author']);
    expect(voices(['Those who feared that the summit would end in a quarrel should be reassured.'], 'washington')).toEqual(['author']);
  });
  it('…but holders who say something, with no advice to them, are still holders', () => {
    expect(voices(['Those in Tokyo who follow the talks say Washington has stopped listening.'], 'washington')).toEqual(['tokyo']);
  });
  it('a verdict on a worry just reported ("Those worries are overdone", "need not") is the writer\'s', () => {
    expect(voices(['Japanese officials fear that the president will side with Beijing on the yen.', 'Those worries are overdone.'], 'washington')).toEqual(['tokyo', 'author']);
    expect(voices(['American officials worry that Tokyo is moving too fast with Pyongyang.', 'Those worries need not divide the allies.'], 'tokyo')).toEqual(['washington', 'author']);
  });
  it('the paper\'s own position in more verbs ("This newspaper sees no case…", "does not claim…")', () => {
    expect(voices(['This newspaper sees no case for a Japanese deterrent, whatever some in Washington suggest.'], 'tokyo')).toEqual(['author']);
    expect(voices(['This newspaper does not claim that Japan should refuse every American request.'], 'tokyo')).toEqual(['author']);
  });
});

describe('round 12 (en): holders and acts', () => {
  it('"the governing party" is Japan\'s ruling party', () => {
    expect(voices(['Senior members of the governing party now say openly that the non-nuclear principles could be revisited.'], 'washington')).toEqual(['tokyo']);
  });
  it('"Among <a side\'s people>, …" reports what that side holds', () => {
    expect(voices(['Among Japanese in their twenties, most said the alliance should be more equal.'], null)).toEqual(['tokyo']);
    expect(voices(['Among the documents released on Friday is a memo on base costs.'], null)).toEqual(['author']);
  });
  it('an announced act with a bare weekday ("said Tuesday it would move…") is the writer\'s report (rule 4)', () => {
    expect(voices(['AP — The Pentagon said Thursday it would move 2,000 Marines from Okinawa to Hawaii.'], 'washington')).toEqual(['author']);
    expect(voices(['TOKYO — The prime minister said on Monday that he would resign after the budget passes.'], 'washington')).toEqual(['author']);
  });
});

describe('round 12 (en): speaker tags and speeches (rule 2)', () => {
  it('a title-case Chief Cabinet Secretary and a Reporter are tags', () => {
    const units = ['Reporter: On another matter, when will the supplementary budget go to the Diet?', 'Chief Cabinet Secretary: We intend to submit it before the end of the month.'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'tokyo']);
  });
  it('an English Diet record keeps the mark before each turn ("○ Prime Minister:", "○ Ms. Oda (opposition):")', () => {
    const units = ['○ Ms. Oda (opposition): If the Americans decide the islands are not worth a war, what then?', '○ Prime Minister: That is not the case. The alliance has never been stronger.'];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'tokyo']);
  });
  it('a heading naming a testimony or statement makes the units after it the speaker\'s', () => {
    const units = ['From the testimony of a retired Navy admiral before the Senate Armed Services Committee, 2021.', 'In thirty years I have not seen our two navies work more closely.', 'I would urge this committee to keep pressing Tokyo on munitions.'];
    expect(voices(units, 'washington')).toEqual(['author', 'washington', 'washington']);
  });
  it('the topic after the speaker is not the speaker\'s side ("…, on Japan\'s security debate")', () => {
    const units = ['From the testimony of a scholar before a House committee, 2007, on Japan\'s nuclear debate.', 'I have found no evidence that any Japanese government has planned a weapon.'];
    expect(voices(units, 'washington')).toEqual(['author', 'washington']);
  });
  it('a possessive heading at a document\'s head names the speaker, not the venue ("Ambassador\'s address at Keio University, Tokyo")', () => {
    const units = ['Ambassador\'s address at Waseda University, Tokyo (as prepared).', 'I want to say plainly that our commitment to Japan will not bend.'];
    expect(voices(units, 'washington')).toEqual(['author', 'washington']);
  });
  it('…but a possessive in a news sentence opens no speech', () => {
    const units = ['The prime minister\'s statement in the Diet that a blockade could threaten Japan\'s survival has angered Beijing.', 'We would not read too much into the quarrel.'];
    expect(voices(units, 'washington')[1]).toBe('author');
  });
});
