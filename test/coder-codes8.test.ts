// Round 8 of the code and negation rules: English families of concerns worded without their keyword (a master,
// outsourced decisions, told what to do, orders, dependence, decisions settled elsewhere), and two English scope
// rules: a negation does not reach past "until", and a negation just before "without" makes a double negative that
// asserts what follows. The rules are tested alone (the codebook read as text has no folder, so no model). Every
// sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised } from './helpers/coder.js';

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
