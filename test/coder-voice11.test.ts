import { describe, expect, it } from 'vitest';
import { voicesOf } from './helpers/coder.js';

const voices = voicesOf;

describe('round 11 (en): verbs of saying the list lacked', () => {
  it('"point out", "reply that", "cite", "go further", "note, bitterly, that" report the holder\'s view', () => {
    expect(voices(['Japanese negotiators complained that the talks were one-sided.', 'They point out that Washington keeps the licences and the profits.'], 'washington')).toEqual(['tokyo', 'tokyo']);
    expect(voices(['Officials in Tokyo defended the purchase.', 'Their critics reply that no cabinet has ever turned down an American request.'], 'washington')).toEqual(['tokyo', 'tokyo']);
    expect(voices(['Several senators cite the purchase as proof that Tokyo is carrying more of the load.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['Residents of Nago protested again on Sunday.', 'They also note, with some anger, that the runway was never put to a local vote.'], 'tokyo')).toEqual(['tokyo', 'tokyo']);
  });
  it('…but a reason attached to an act ("citing costs") is the act\'s report, not a view', () => {
    expect(voices(['The city council dropped its plan for a second access road to the base, citing costs.'], 'tokyo')).toEqual(['author']);
  });
});

describe('round 11 (en): a speaker relaying the other side (rule 3)', () => {
  it('a U.S. senator who has "also heard from" Japanese members relays their worry', () => {
    const units = ['SEN. HARTWELL (D-Vt.): Thank you, Admiral.', "SEN. HARTWELL: I've also heard from Japanese legislators who worry that their ports would be the first targets."];
    expect(voices(units, 'washington')).toEqual(['washington', 'tokyo']);
  });
  it('the people a speaker met, and what they then said ("I met with … last month. Their view is …")', () => {
    const units = ['REP. ORTEGA (D-Colo.): I met with Okinawan mayors in the spring. Their view is that nobody in Tokyo asked them before the plan was signed.'];
    expect(voices(units, 'washington')).toEqual(['tokyo']);
  });
  it('…but a speaker who met them and then states a view of their own keeps their side', () => {
    const units = ['REP. ORTEGA (D-Colo.): I met with Okinawan mayors in the spring. I came away convinced that we must move the base ourselves.'];
    expect(voices(units, 'washington')).toEqual(['washington']);
  });
  it('a second sentence going on with the same holders ("They hear…") draws no conclusion of the speaker\'s own', () => {
    const units = ['AMB. (ret.) COLLINS: Friends in Osaka tell me they are uneasy. They hear the talk of tariffs and wonder whether the treaty is next.'];
    expect(voices(units, 'washington')).toEqual(['tokyo']);
  });
  it('a short aside between subject and verb ("The U.S. side has, for its part, expressed…") and "I would also note that…"', () => {
    expect(voices(['CHIEF CABINET SECRETARY: The U.S. side has, at every level, expressed its respect for the decision Japan took.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['MINISTER: I would also note that the U.S. Secretary of State, in our meeting this morning, reaffirmed that the treaty covers the islands.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['PREFECTURAL OFFICIAL: The U.S. side has indicated that it sees no need to revise the agreement.'], 'tokyo')).toEqual(['washington']);
  });
});

describe('round 11 (en): headings of news items and of pieces (rule 4)', () => {
  it('"<source> (English), short item: <headline>" is the item\'s title', () => {
    expect(voices(['Mainichi (English), short item: Opposition urges review of base agreement.'], null)).toEqual(['author']);
    expect(voices(['Yonhap (wire brief): Seoul welcomes new trilateral hotline.'], null)).toEqual(['author']);
  });
  it('"Oral history: …", "Wire explainer: …", "Embassy Tokyo cable, 1992: …" name the kind of piece', () => {
    expect(voices(['Oral history: a retired Japanese admiral recalls the first joint exercise in the Sea of Japan.'], null)).toEqual(['author']);
    expect(voices(['Wire explainer: Why does Washington keep asking Tokyo to pay more?'], null)).toEqual(['author']);
    expect(voices(['Embassy Tokyo cable, 1992: Japanese reaction to the trade mission.'], 'washington')).toEqual(['author']);
  });
  it('…but a lede with a year that reports a view is still the holder\'s, and a heading needs its headline alone', () => {
    expect(voices(["Wire report, 2007: Japan's defence minister said on Tuesday that the country must be free to debate its own deterrent."], null)).toEqual(['tokyo']);
    expect(voices(['Analysis: What the summit meant. Japanese officials say they were told nothing in advance.'], null)).toEqual(['tokyo']);
  });
});

describe('round 11 (en): holders on both sides (rule 5)', () => {
  it('"officials on both sides", "participants from both countries" are no one side', () => {
    expect(voices(['Officials on both sides said the dispute over beef would not touch the security talks.'], 'washington')).toEqual(['author']);
    expect(voices(['The quarrel, diplomats in both capitals stressed, was about timing rather than substance.'], 'tokyo')).toEqual(['author']);
  });
  it('…but a side\'s holder named first keeps the view ("American officials said… critics in both countries")', () => {
    expect(voices(['American officials said the timing was poor, with critics in both countries already restless.'], null)).toEqual(['washington']);
  });
});

describe("round 11 (en): the writer's advice in softer words", () => {
  it('"Washington would do well to…", "Congress may wish to…" are the writer\'s, not the side\'s view', () => {
    expect(voices(['Washington would do well to consult Tokyo before the next summit, not after it.'], null)).toEqual(['author']);
    expect(voices(['Congress may wish to ask whether such demands weaken Japanese confidence.'], 'washington')).toEqual(['author']);
  });
  it('…while "Washington wants…" is still Washington\'s', () => {
    expect(voices(['Washington wants Tokyo to consult it before the next summit.'], null)).toEqual(['washington']);
  });
});

describe('round 11 (en): tags the parser did not read, and places in tags', () => {
  it('a lettered official with an affiliation, a debate\'s sides, a listener\'s message with its town', () => {
    expect(voices(['Official B (Foreign Ministry): We have never had reason to doubt the Americans on the islands.'], 'tokyo')).toEqual(['tokyo']);
    const debate = ['PROPOSITION, first speaker: A country that cannot defend itself cannot choose its own course.', 'OPPOSITION, reply: Reliance on the alliance has kept us out of every war for seventy years.'];
    expect(voices(debate, 'tokyo')).toEqual(['tokyo', 'tokyo']);
    expect(voices(['Message from a listener in Zama: The helicopters fly over the school every afternoon, and nobody in Tokyo seems to care.'], null)).toEqual(['tokyo']);
  });
  it('more towns: a respondent from Fresno is American, one from Kure Japanese', () => {
    expect(voices(['Respondent (Fresno, 58): We have carried their defence long enough.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['Respondent (Kure, 63): The Americans have kept their word to us so far.'], 'washington')).toEqual(['tokyo']);
  });
  it('respondents introduced as stationed abroad name their base town, not their side', () => {
    const units = ['Survey of U.S. Navy families stationed in Japan, answers from the base newsletter.', 'Respondent (Sasebo, 33): The neighbours have been kind, and the kids love the school festival.'];
    expect(voices(units, 'washington')[1]).toBe('washington');
    // Without the introduction the town names the respondent's side, as before.
    expect(voices([units[1] as string], 'washington')).toEqual(['tokyo']);
  });
  it('a Japanese ministry\'s PRESS SECRETARY speaks for Tokyo; a bare MINISTER tag is left as it was', () => {
    const units = ['Press conference, Ministry of Foreign Affairs (English transcript).', 'Q: When will the minister visit Washington?', 'PRESS SECRETARY: We are fixing the dates and will announce them shortly.'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author', 'tokyo']);
    expect(voices(['PRESS SECRETARY: The President will travel to Tokyo next month.'], 'washington')).toEqual(['washington']);
  });
  it('"Q&A with a former Japanese …" introduces the guest who answers', () => {
    const units = ['Q&A with a former Japanese deputy foreign minister (edited).', 'Q: Did the decision surprise Washington?', 'A: We made it on our own, and it was the right decision for our country.'];
    expect(voices(units, 'washington')).toEqual(['author', 'author', 'tokyo']);
  });
});

describe('round 11 (en): interviewer questions citing a side\'s press', () => {
  it('"Japanese papers are reporting that…" in a question relays Tokyo\'s view', () => {
    expect(voices(['Q: Japanese papers are reporting that Tokyo fears a deal over its head. Is that right?'], 'washington')).toEqual(['tokyo']);
  });
});

describe("round 11 (en): the writer's appeal, the paper's own position, joint subjects", () => {
  it('"We urge the government…", "I hope the people in Washington…", "this newspaper believes…" are the writer\'s', () => {
    expect(voices(['We urge the government to state its position plainly before the summit.'], 'tokyo')).toEqual(['author']);
    expect(voices(['I hope the people in Washington who now demand more remember how much Japan already pays.'], null)).toEqual(['author']);
    expect(voices(['This newspaper supports the alliance, but an ally is entitled to say no in public.'], 'tokyo')).toEqual(['author']);
  });
  it('…but a speaker\'s appeal in a transcript stays the speaker\'s, and "Japanese officials urge…" is Tokyo\'s', () => {
    expect(voices(['SEN. MARLOW (R-Utah): We urge both governments to keep trade out of the security talks.'], 'washington')).toEqual(['washington']);
    expect(voices(['Japanese officials urge Washington to consult them before any deal with Beijing.'], null)).toEqual(['tokyo']);
  });
  it('"Japan and the United States agreed…" is both sides acting together (rule 5)', () => {
    expect(voices(['Japan and the United States agreed on Monday on a new cost-sharing package.'], null)).toEqual(['author']);
    expect(voices(['Japan agreed on Monday to pay more under a new cost-sharing package, officials said.'], null)).toEqual(['tokyo']);
  });
});

describe('round 11 (en): more of rule 3 and of how a view is framed', () => {
  it('"let me add that", "I will say that", "reiterated", "has informed us that" relay the other side', () => {
    expect(voices(['MINISTER: And let me add that Secretary Crane assured me this morning that the commitment is unchanged.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['FOREIGN MINISTER: I will say that the American side has expressed the view that our share should grow.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['MINISTER: The U.S. side has informed us that it is conducting its own inquiry.'], 'tokyo')).toEqual(['washington']);
  });
  it('"To some in the Pentagon, …", "For many in Okinawa, …" say how that side sees it', () => {
    expect(voices(['To some in the Pentagon, the new rhetoric sounds like a step away from the alliance.'], null)).toEqual(['washington']);
    expect(voices(['For many in Okinawa, the cordon at the crash site said everything about who runs the island.'], null)).toEqual(['tokyo']);
  });
  it('"critics there" are the people of the place the last sentence named, not the document\'s side', () => {
    const units = ['The mayor of Nago flew home on Friday with nothing to show for the trip.', 'Critics there also complain that the base decision was made in Washington.'];
    expect(voices(units, 'washington')).toEqual(['author', 'tokyo']);
  });
});

describe('round 11 (en): more ways an interview introduces its guest', () => {
  it('"We talked with <romanised Japanese name>, …" makes the answers Japanese, whatever portfolio follows', () => {
    const units = ['We talked with Hiroki Tamura, a retired diplomat who spent his career on Canada and Latin America, about the new pact.', 'Q: How did Tokyo take the news?', 'A: Calmly. We had been told in advance.'];
    expect(voices(units, 'washington')).toEqual(['author', 'author', 'tokyo']);
  });
  it('"I sat down in Washington with a Japanese diplomat" names the guest, not the place of the talk', () => {
    const units = ['I sat down in Washington with a Japanese diplomat the week after the summit.', 'Q: Was Tokyo surprised?', 'A: Not really. We had heard the rumours for months.'];
    expect(voices(units, 'washington')[2]).toBe('tokyo');
  });
  it('…and without an introduction the answer keeps the document\'s side', () => {
    expect(voices(['Q: Was Tokyo surprised?', 'A: Not really. We had heard the rumours for months.'], 'washington')[1]).toBe('washington');
  });
});
