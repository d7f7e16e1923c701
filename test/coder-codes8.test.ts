// Round 8 of the code and negation rules: English families of concerns worded without their keyword (a master,
// outsourced decisions, told what to do, orders, dependence, decisions settled elsewhere), and two English scope
// rules: a negation does not reach past "until", and a negation just before "without" makes a double negative that
// asserts what follows. The rules are tested alone (the codebook read as text has no folder, so no model). Every
// sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised, runCoder, rulesOnly } from './helpers/coder.js';

const byRules = (texts: string[]) => runCoder(texts, { docSide: null }, rulesOnly);

describe('English following worded without its keyword (autonomy)', () => {
  it('a master, outsourcing and orders raise autonomy', () => {
    expect(raised(one('A Pyongyang broadcast said the Japanese cabinet had knelt once more before its American masters.'))).toContain('autonomy');
    expect(raised(one('The columnist said Tokyo had outsourced its thinking about China to Washington for decades.'))).toContain('autonomy');
    expect(raised(one('Critics said the defence minister had gone to the Pentagon to take orders.'))).toContain('autonomy');
    expect(raised(one('A rival party called the plan one more American instruction dressed as policy.'))).toContain('autonomy');
  });
  it('being told what to do, moving when Washington moves, and decisions settled elsewhere raise autonomy', () => {
    expect(raised(one('Tokyo will speak on the strait when Washington tells it to, a Taiwanese scholar said.'))).toContain('autonomy');
    expect(raised(one('The timetable, one lawmaker said, had been settled in Washington months before the cabinet met.'))).toContain('autonomy');
    expect(raised(one('Was this budget written in Tokyo or in Washington?'))).toContain('autonomy');
    expect(raised(one('Reporters asked whether any minister could refuse an American request for more bases.'))).toContain('autonomy');
  });
  it('a bare "when Washington asks" is the demand, not following', () => {
    expect(raised(one('When Washington asks for more ships, Tokyo should name its price.'))).not.toContain('autonomy');
  });
  it('"not fully independent" raises the complaint; a call for a truly independent nation does not', () => {
    const d = one('A country whose airspace is run by a foreign base is not fully independent, the mayor said.');
    expect(raised(d)).toContain('autonomy');
    expect(negated(d)).not.toContain('autonomy');
    expect(raised(one('Students marched for Japan to stand as a truly independent nation.'))).not.toContain('autonomy');
  });
});

describe('English negation scope, round 8', () => {
  it('a negation does not reach past "until": what the until-clause says is asserted', () => {
    const d = one('Japan will never speak up about Taiwan until Washington tells it what to say, a Beijing editorial said.');
    expect(raised(d)).toContain('autonomy');
    expect(negated(d)).not.toContain('autonomy');
  });
  it('a negation just before "without" is a double negative; a far one is not', () => {
    const d = one('The party paper said Japan cannot move a destroyer without its master\'s nod.');
    expect(raised(d)).toContain('autonomy');
    expect(negated(d)).not.toContain('autonomy');
    // "without" alone still denies what follows
    expect(negated(one('Japan remains a wealthy state without the bomb, the minister said.'))).toContain('nuclear');
  });
});

describe('English abandonment and Japan passing in new wording', () => {
  it('a guarantee doubted in new words raises abandonment; an uncertainty about it is no denial', () => {
    expect(raised(one('Some in the ministry fear the American umbrella has holes in it that nobody will admit.'))).toContain('abandonment');
    const d = one('Nobody can be certain the American guarantee will hold once a Chinese missile can reach Denver.');
    expect(raised(d)).toContain('abandonment');
    expect(negated(d)).not.toContain('abandonment');
    expect(raised(one('Officials asked whether the Americans would still be around in ten years.'))).toContain('abandonment');
    expect(raised(one('Diplomats worry that Washington will lose interest in the western Pacific.'))).toContain('abandonment');
  });
  it('a "without" before a verb covers its noun phrase, not the clause', () => {
    const d = one('Officials feared that a Washington without a Soviet rival would lose interest in defending Japan.');
    expect(raised(d)).toContain('abandonment');
    expect(negated(d)).not.toContain('abandonment');
  });
  it('learning of a decision from the newspapers, however long the object, raises abandonment', () => {
    expect(raised(one('Tokyo learned of the plan to lift sanctions on the North from the morning newspapers.'))).toContain('abandonment');
  });
  it('a bargain with Beijing while Japan waits outside the room raises Japan passing and abandonment', () => {
    const d = one('The fear in Tokyo is a deal between Washington and Beijing, with Japan waiting in the hallway.');
    expect(raised(d)).toEqual(expect.arrayContaining(['abandonment', 'japan_passing']));
  });
});

describe('English nationalism in new wording', () => {
  it('deciding for itself, its own pace and terms, and ending the pleading raise nationalism', () => {
    expect(raised(one('Younger members want Tokyo to decide for itself which missions its navy takes.'))).toContain('nationalism');
    expect(raised(one('The premier said Japan would rearm at its own pace.'))).toContain('nationalism');
    expect(raised(one('A columnist said it was time to stop asking nicely and take the dispute to court.'))).toContain('nationalism');
  });
  it('another country deciding for itself is no Japanese call', () => {
    expect(raised(one('Each ally, the Canadian minister said, must decide for itself what it can give.'))).not.toContain('nationalism');
  });
  it('a Japan that does not decide for itself is the complaint of following, not a denied call', () => {
    const d = one('"On defence, Japan does not decide for itself," a retired admiral said.');
    expect(raised(d)).toContain('autonomy');
    expect(negated(d)).not.toContain('nationalism');
  });
});

describe('English denials worded as falsity or opposition', () => {
  it('a stock claim declared false later in the unit is negated', () => {
    const d = one('The notion that Japan takes protection and gives nothing back has never been true.');
    expect(negated(d)).toContain('one_way');
    expect(raised(d)).not.toContain('one_way');
    // the same claim with no verdict is still raised as reported
    expect(raised(one('The notion that Japan takes protection and gives nothing back is heard often in Congress.'))).toContain('one_way');
  });
  it('a claim of the future that "has yet to happen" is negated', () => {
    const d = one('The claim that Washington will leave Japan to fend for itself has been made for decades. It has yet to happen.');
    expect(negated(d)).toContain('abandonment');
  });
  it('opposing the bomb in the verb denies nuclear', () => {
    const d = one('Most respondents oppose acquiring nuclear weapons under any circumstances.');
    expect(negated(d)).toContain('nuclear');
    expect(raised(d)).not.toContain('nuclear');
  });
  it('a named view judged wrong dismisses the previous unit\'s concern', () => {
    const r = byRules(['Critics say Japan gets a free ride on American protection.', 'That charge is mostly unfair.']);
    expect(r[1]?.negated.map((h) => h.code)).toContain('one_way');
  });
});

describe('English senses that must not fire, round 8 (rule 11)', () => {
  it('"on its own" raises abandonment only as the state Japan is left in', () => {
    expect(raised(one('If Congress stops paying for the fleet, Tokyo is on its own.'))).toContain('abandonment');
    expect(raised(one('Tokyo now reads the region on its own judgment.'))).not.toContain('abandonment');
    expect(raised(one('Engineers want to build the next fighter on their own.'))).not.toContain('abandonment');
  });
  it('forgetting Japan on the way to Beijing is Japan passing, not abandonment (rule 8)', () => {
    const d = one('Every president is accused of forgetting Japan on his way to Beijing.');
    expect(raised(d)).toContain('japan_passing');
    expect(raised(d)).not.toContain('abandonment');
  });
  it('a call on Japan to assert itself is nationalism, not a push to do more (rules 9 and 10)', () => {
    expect(raised(one('Diet members demanded that Japan renegotiate the agreement as an equal.'))).not.toContain('burden_pressure');
    // a call to pay for its own defence is still a push
    expect(raised(one('A Senate resolution urges Japan to bear the full cost of its own defence.'))).toContain('burden_pressure');
  });
});

describe('English praise of the relationship measured against its past or its rivals', () => {
  it('comparatives with the past raise relationship_positive, the negation inside the wording included', () => {
    expect(raised(one('Officers on both sides say their cooperation has never been tighter.'))).toContain('relationship_positive');
    expect(raised(one('The envoy said the partnership was in better shape than its critics admit.'))).toContain('relationship_positive');
    expect(raised(one('While Washington wavered on trade, the alliance with Japan has only deepened.'))).toContain('relationship_positive');
    const d = one('The minister said ties with Washington had never been on firmer ground.');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('relationship_positive');
  });
  it('another country named the most important partner is no praise of this relationship', () => {
    expect(raised(one('State media said Washington now saw Beijing as its most important partner in Asia.'))).not.toContain('relationship_positive');
    expect(raised(one('An aide said Japan remained America\'s most important partner in Asia.'))).toContain('relationship_positive');
  });
});

describe('English reassurance worded as a kept word or a decision left to Japan (rule 7)', () => {
  it('a word kept, obligations honoured and an attack on Japan treated as one on America raise reassurance', () => {
    expect(raised(one('The envoy said Washington had kept its word to Tokyo since 1960.'))).toContain('reassurance');
    expect(raised(one('The secretary said the United States would honor all of its treaty obligations to Japan.'))).toContain('reassurance');
    expect(raised(one('A spokesman said an attack on Japan would be treated as an attack on America.'))).toContain('reassurance');
  });
  it('leaving the decision to Japan affirms respect for it; welcoming a purchase does not', () => {
    expect(raised(one('A Pentagon aide said the size of the mission was for Japan to decide.'))).toContain('reassurance');
    expect(raised(one('The ministers welcomed Japan\'s decision to buy more tankers.'))).not.toContain('reassurance');
  });
});

describe('English one-way bargains worded without their keyword (rule 10)', () => {
  it('paying to protect a rich ally, carrying the load alone and all the protection with none of the burden raise one_way', () => {
    expect(raised(one('Why are we paying to defend one of the richest nations on earth?'))).toContain('one_way');
    expect(raised(one('Officials fumed that Tokyo wanted all of the protection and none of the risk.'))).toContain('one_way');
    expect(raised(one('A senator said America had carried the heavier burden in the Pacific for decades.'))).toContain('one_way');
    expect(raised(one('Critics said Washington treats its ally as a cash register.'))).toContain('one_way');
  });
  it('a career spent defending the alliance is no complaint about the bargain', () => {
    expect(raised(one('Lawmakers who spent years defending the alliance now say Japan should open its own channel to Beijing.'))).not.toContain('one_way');
  });
});

describe('English entrapment worded without its keyword', () => {
  it('bases turned into targets, a war Japan did not choose, a supply depot raise entrapment', () => {
    expect(raised(one('Residents fear a clash in the strait would turn the harbour towns into targets overnight.'))).toContain('entrapment');
    expect(raised(one('Okinawans say the island is being made into a supply depot for someone else\'s war.'))).toContain('entrapment');
    expect(raised(one('A lawmaker asked whether Japan could ever stay out of a war between its ally and China.'))).toContain('entrapment');
  });
  it('"never asked Japan to fight a war it did not want" denies the fear', () => {
    expect(negated(one('In fifty years Washington has never asked Japan to fight a war it did not want.'))).toContain('entrapment');
  });
});

describe('English Japan passing: Beijing ranked before Tokyo (rule 8)', () => {
  it('Beijing more interesting than Japan, briefed first, a stop on the way to somewhere more important raise japan_passing', () => {
    expect(raised(one('Some in Tokyo worry that Washington will find Beijing more interesting than Japan.'))).toContain('japan_passing');
    expect(raised(one('Diplomats noted that the Pentagon still briefs Beijing first and Tokyo second.'))).toContain('japan_passing');
    expect(raised(one('"We are the stop on the way to somewhere more important," an executive said.'))).toContain('japan_passing');
  });
  it('China named the indispensable partner is Japan passing, not praise', () => {
    const d = one('Commentators said the summit made Beijing, not Tokyo, America\'s indispensable partner.');
    expect(raised(d)).toContain('japan_passing');
    expect(raised(d)).not.toContain('relationship_positive');
  });
});

describe('English abandonment and autonomy from the train8 wordings', () => {
  it('"nobody is coming" and "leave us hanging" raise abandonment, the negation inside the wording', () => {
    const d = one('If the shooting starts, I think we will find that nobody is coming.');
    expect(raised(d)).toContain('abandonment');
    expect(negated(d)).not.toContain('abandonment');
    expect(raised(one('The Americans would leave us hanging the moment Beijing offered a deal.'))).toContain('abandonment');
  });
  it('asking whether the ally would stand with Japan raises abandonment (rule 6)', () => {
    expect(raised(one('Readers ask whether the Americans would really stand with Japan over the islands.'))).toContain('abandonment');
  });
  it('a policy copied from someone else and a habit of deciding lost raise autonomy', () => {
    expect(raised(one('"Our defence policy is a photocopy of somebody else\'s," the mayor said.'))).toContain('autonomy');
    expect(raised(one('We go along because we have lost the habit of deciding.'))).toContain('autonomy');
  });
});
