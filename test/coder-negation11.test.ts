// Round 11 of the English negation rules: denials worded without the concern's keyword (a decision placed in Tokyo, the
// non-nuclear policy kept, the China track said to take nothing from Japan, the ally's departure or a push denied in plain
// words), a claim of anyone at all whose holders are sent to the facts, more back-references, and scope and precision
// (a negation on an act toward the ally its epithet names, a denial after a firm raise elsewhere in the unit, narrowed
// "first call" and "own decisions … we respect that"). The rules are tested alone (no model). Every sentence below was
// written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised, rulesOnly, runCoder } from './helpers/coder.js';

/** The rules' decision for the second of two units of one document. */
const after = (first: string, second: string) => runCoder([first, second], { docSide: null }, rulesOnly)[1]!;

const BOMB = 'A columnist in Osaka argued this week that Japan should build nuclear weapons of its own.';

describe('a decision placed in Tokyo denies following (autonomy)', () => {
  it('"set in Tokyo and nowhere else", "made by Japan alone", "Japan alone decides", "went its own way"', () => {
    expect(negated(one('The minister said the deployment schedule would be decided in Tokyo and nowhere else.'))).toContain('autonomy');
    expect(negated(one('A spokesman said every order to intercept would be made by Japan alone.'))).toContain('autonomy');
    expect(negated(one('The cabinet secretary replied that Japan alone decides how its coast guard is equipped.'))).toContain('autonomy');
    expect(negated(one('On Iranian oil and on the Arctic, Tokyo went its own way and the alliance held.'))).toContain('autonomy');
  });
  it('an idea, a proposal or an offer of Tokyo\'s own; instructions followed from nobody', () => {
    expect(negated(one('Officials said the new radar station had been Tokyo\'s own proposal from the start.'))).toContain('autonomy');
    expect(negated(one('A diplomat in Hanoi said Japan\'s port loans followed nobody\'s script but its own.'))).toContain('autonomy');
  });
  it('a call to go one\'s own way, and a decision left to Japan by Washington, deny no following', () => {
    expect(negated(one('The nationalist weekly says Japan must go its own way and stop waiting for Washington.'))).not.toContain('autonomy');
    expect(negated(one('A State Department spokesman said it was for Japan to decide, and that Washington respects its choice.'))).not.toContain('autonomy');
  });
});

describe('a claim of anyone at all, its holders sent to the facts, is dismissed', () => {
  it('"People who say … haven\'t looked", "Anyone who thinks … should look", "Whoever says … has never seen"', () => {
    expect(negated(one('Respondent (Toledo, 52): People who say Japan is freeloading have never looked at what Tokyo pays for our bases.'))).toContain('one_way');
    expect(raised(one('Respondent (Toledo, 52): People who say Japan is freeloading have never looked at what Tokyo pays for our bases.'))).not.toContain('one_way');
    expect(negated(one('Anyone who thinks Japan is being dragged into America\'s wars should look at who builds the missiles.'))).toContain('entrapment');
    expect(negated(one('3/ Whoever says Japan gets a free ride has never seen the utility bills at Misawa.'))).toContain('one_way');
  });
  it('a named holder\'s view, or a claim not answered, stays raised', () => {
    expect(negated(one('Senators who say Japan is freeloading should remember that they voted for the treaty.'))).not.toContain('one_way');
    expect(raised(one('People who say Japan is freeloading are getting louder in my district.'))).toContain('one_way');
    expect(negated(one('People who say Japan is freeloading are getting louder in my district.'))).toEqual([]);
  });
});

describe('more words for a view just reported and set aside', () => {
  it('a grievance or a nightmare that has faded, "That\'s simply not the case.", "no such fact"', () => {
    expect(negated(after(BOMB, 'That nightmare has faded in the decade since.'))).toContain('nuclear');
    expect(negated(after(BOMB, 'SPOKESPERSON: That\'s simply not the case.'))).toContain('nuclear');
    expect(negated(after(BOMB, 'MINISTER: I am aware of the article, but there is no such fact.'))).toContain('nuclear');
  });
  it('nothing is denied by reference without a previous concern', () => {
    expect(negated(after('The ferry to Okinawa left on time.', 'That\'s simply not the case.'))).toEqual([]);
  });
  it('a course ruled out by the side that would take it: "no intention of reviewing them", "no plan to acquire any"', () => {
    expect(negated(after(BOMB, 'The chief cabinet secretary said the government had no intention of reviewing them.'))).toContain('nuclear');
    expect(negated(after(BOMB, 'He added that his cabinet had no plan to acquire any.'))).toContain('nuclear');
  });
});

describe('the non-nuclear policy kept, in more wordings', () => {
  it('settled, not up for review, open for review in nothing, contrary to the principles, no warhead program', () => {
    expect(negated(one('The prime minister told reporters that the nonnuclear policy was settled and not up for review.'))).toContain('nuclear');
    expect(negated(one('The spokesman said that nothing in Japan\'s non-nuclear policy was open for review.'))).toContain('nuclear');
    expect(negated(one('The foreign minister rejected the proposal as contrary to the three non-nuclear principles.'))).toContain('nuclear');
    expect(negated(one('A ministry official said Japan has no warhead program and never has.'))).toContain('nuclear');
  });
  it('a question about the policy denies nothing', () => {
    expect(negated(one('The opposition asked whether the non-nuclear policy was under review.'))).toEqual([]);
  });
  it('a denial in the answer still wins over the concern asked about ("Asked about …, she said the principles stood")', () => {
    const u = one('Asked about nuclear weapons, she said the non-nuclear principles stood and that nobody in the cabinet wished to revisit them.');
    expect(negated(u)).toContain('nuclear');
    expect(raised(u)).not.toContain('nuclear');
  });
});

describe('the China track said to take nothing from Japan (japan_passing)', () => {
  it('not a substitute for the alliance, at nobody\'s cost, nothing diminishes Japan, nothing with Beijing changes that', () => {
    expect(negated(one('She said the talks with Beijing were not a substitute for the alliance with Japan.'))).toContain('japan_passing');
    expect(negated(one('SPOKESPERSON: Our dialogue with China does not come at the cost of our friendships in Asia.'))).toContain('japan_passing');
    expect(negated(one('A White House aide said nothing about the state visit diminishes Japan.'))).toContain('japan_passing');
    expect(negated(one('Japan is the anchor of our Pacific policy, and nothing we sign with Beijing changes that.'))).toContain('japan_passing');
  });
  it('a substitute for something else, and a first trip or call that only names Tokyo, deny nothing', () => {
    expect(negated(one('Tariffs are not a substitute for a trade policy, the economist said.'))).not.toContain('japan_passing');
    expect(negated(one('The new secretary used her first trip to Asia to praise the alliance, in Tokyo and in public.'))).not.toContain('japan_passing');
  });
});

describe('the ally\'s departure, cuts or a failure to defend denied in plain words (abandonment)', () => {
  it('"Nobody is leaving Japan", "not going to leave Japan", "Nothing is being withdrawn from Japan", "would fail to defend"', () => {
    expect(negated(one('GENERAL: Nobody is leaving Japan. Squadrons rotate, as they always have.'))).toContain('abandonment');
    expect(negated(one('"The Americans are not going to leave Okinawa," a Japanese defense official said.'))).toContain('abandonment');
    expect(negated(one('A: Nothing is being withdrawn from Japan; the review concerns Guam.'))).toContain('abandonment');
    expect(negated(one('Neither party\'s candidate suggested that Washington would fail to defend the islands.'))).toContain('abandonment');
  });
  it('the Americans asked to leave is a Japanese call, not a denied fear', () => {
    expect(negated(one('Protesters in Nago are not asking the Americans to leave Japan; they want the base moved off the island.'))).not.toContain('abandonment');
  });
});

describe('a push denied in the passive or as a noun (burden_pressure)', () => {
  it('"not made at anyone\'s request", "not requested by any other government", "not American urging", "not a demand"', () => {
    expect(negated(one('PRIME MINISTER: This bill is for the safety of our own people. It was not made at anyone\'s request.'))).toContain('burden_pressure');
    expect(negated(one('The minister said the purchase of tankers had not been requested by any other government.'))).toContain('burden_pressure');
    expect(negated(one('Analysts said it was the missile tests, not American urging, that moved the cabinet.'))).toContain('burden_pressure');
    expect(negated(one('A Pentagon spokesperson called the figure a hope, not a demand.'))).toContain('burden_pressure');
  });
  it('a fear that is not of demands, and a request from someone else, deny no push', () => {
    expect(negated(one('What Tokyo dreaded was not American demands but American silence.'))).not.toContain('burden_pressure');
    expect(negated(one('The mayor said the festival owed its date to the weather, not to any request from the prefecture.'))).not.toContain('burden_pressure');
  });
});

describe('more denials without the concern\'s keyword (second batch)', () => {
  it('"People say …, but …" in one sentence dismisses the claim', () => {
    const u = one('Respondent (Akron, 40): People say Japan freeloads, but its government pays most of the bill for our bases.');
    expect(negated(u)).toContain('one_way');
    expect(raised(u)).not.toContain('one_way');
  });
  it('a claim granted after ", but" by its named holder stays raised', () => {
    expect(negated(one('Senator Hale says Japan freeloads, but he has not said what he would do about it.'))).not.toContain('one_way');
    expect(raised(one('Senator Hale says Japan freeloads, but he has not said what he would do about it.'))).toContain('one_way');
  });
  it('the pledge never to possess, the principles violated, the measures Japan\'s own, decided by Japan under its laws, its own merits', () => {
    expect(negated(one('The prime minister restated the nation\'s pledge never to possess such weapons.'))).toContain('nuclear');
    expect(negated(one('We disagree: hosting warheads would violate the non-nuclear principles.'))).toContain('nuclear');
    expect(negated(one('MR. ODA: We listened to Washington. The final steps were Tokyo\'s own.'))).toContain('autonomy');
    expect(negated(one('MINISTER: The use of these units is decided by Japan in accordance with Japanese law.'))).toContain('autonomy');
    expect(negated(one('Officials said the request would be weighed on its own merits.'))).toContain('autonomy');
    expect(negated(one('Japanese diplomats said none of it reflects doubts about the American commitment.'))).toContain('abandonment');
  });
  it('"the decision was Japan\'s own" is left alone (a denied push as often as a denied following), "could make its own calls" too', () => {
    expect(negated(one('Officials said the decision was Japan\'s own.'))).not.toContain('autonomy');
    expect(negated(one('Lawmakers said the vote proved that Japan could make its own calls on defense.'))).not.toContain('autonomy');
  });
  it('a doubt voiced with "may not" raises the fear rather than denying it', () => {
    const u = one('Behind the debate lies a suspicion that the United States may not risk its own cities for ours.');
    expect(negated(u)).not.toContain('abandonment');
    expect(raised(u)).toContain('abandonment');
  });
});

describe('a quoted or fact-checked stock claim, then answered', () => {
  it('a quotation at the head of the unit answered by a rebuttal is negated', () => {
    const u = one('"Japan is a freeloader." False: Tokyo covers the wages of every Japanese worker on the bases.');
    expect(negated(u)).toContain('one_way');
    expect(raised(u)).not.toContain('one_way');
    expect(negated(one('Two: "Tokyo cannot say no to Washington." It has, on whaling and on the Iranian oil field.'))).toContain('autonomy');
  });
  it('a quotation followed by a question or by its attribution stays raised', () => {
    expect(raised(one('Fact check: "Japan is a freeloader." Is that true?'))).toContain('one_way');
    expect(raised(one('"Japan is a freeloader." Most readers guessed a senator said it.'))).toContain('one_way');
  });
  it('"CLAIM: … VERDICT: False." negates the claim; "VERDICT: True." does not', () => {
    expect(negated(one('CLAIM: Tokyo cannot refuse any American request. VERDICT: False. The cabinet has refused several.'))).toContain('autonomy');
    expect(negated(one('CLAIM: Tokyo cannot refuse any American request. VERDICT: True, in most cases.'))).not.toContain('autonomy');
  });
});

describe('denials mined from train11-en-3', () => {
  it('nobody asked or forced, never an American demand, a sovereign Japanese decision, not a response to U.S. demands', () => {
    expect(negated(one('MINISTER: The plan reflects our own reading of the threat. Nobody asked us to write it.'))).toContain('burden_pressure');
    expect(negated(one('"Nobody put a gun to our heads," the former vice minister said of the dispatch.'))).toContain('burden_pressure');
    expect(negated(one('He said the patrols had never been an American demand.'))).toContain('burden_pressure');
    expect(negated(one('SPOKESPERSON: That is a sovereign Japanese decision, and we welcome it.'))).toContain('burden_pressure');
    expect(negated(one('The minister said the new destroyers were not a response to U.S. demands.'))).toContain('burden_pressure');
  });
  it('nobody took the idea up: an absence noted', () => {
    expect(negated(one('No one at the conference took up the suggestion that Japan should build nuclear weapons of its own.'))).toContain('nuclear');
  });
  it('"Nobody asked whether…" is an absence, not a push denied by this wording', () => {
    expect(negated(one('Nobody asked whether the harbor would be dredged in time.'))).toEqual([]);
  });
  it('decisions that are Japan\'s own, a strike authorized by Japan alone', () => {
    expect(negated(one('Let me be clear: our security decisions are our own.'))).toContain('autonomy');
    expect(negated(one('The ministry says any strike would be authorized by Japan alone.'))).toContain('autonomy');
  });
  it('"must never possess these weapons", a charge that does not withstand scrutiny, wanted by nobody "either"', () => {
    expect(negated(one('Reader (Kure, 60): Japan must never possess these weapons.'))).toContain('nuclear');
    expect(negated(after(BOMB, 'The argument does not withstand a look at the polls.'))).toContain('nuclear');
    expect(negated(after(BOMB, 'GENERAL: I do not know a single Japanese officer who wants it either.'))).toContain('nuclear');
  });
});

describe('scope and precision', () => {
  it('a negation on an act toward the ally its epithet names leaves the praise standing', () => {
    expect(negated(one('"You do not threaten your best friend over car parts," the senator told the committee.'))).not.toContain('relationship_positive');
    expect(negated(one('SECRETARY: We are not going to negotiate with our closest ally through the newspapers.'))).not.toContain('relationship_positive');
  });
  it('Japan\'s own decisions that the ally respects, or that someone wishes for, deny no following', () => {
    expect(negated(one('SPOKESPERSON: Japan makes its own decisions about where its destroyers sail, and we respect that.'))).not.toContain('autonomy');
    expect(negated(one('Respondent (Gifu, 30): I only wish Japan could make its own decisions for once.'))).not.toContain('autonomy');
  });
  it('Japan stated to make its own decisions still denies following', () => {
    expect(negated(one('MINISTER: That is not accurate. Japan makes its own decisions on the basis of its interests.'))).toContain('autonomy');
  });
});
