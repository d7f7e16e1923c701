// Round 10, third pass of the English negation rules (precision): an assurance of consultation that clears no fear of
// Japan's (a third party consulted, Washington informed by Tokyo, "not informed in advance"), Okinawa's reversion
// "without nuclear weapons", and the ally's commitment named as a noun under a denial (abandonment negated, not the
// reassurance). The rules are tested alone (no model). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised } from './helpers/coder.js';

describe('consultation assured to someone other than Japan denies no abandonment', () => {
  it('Seoul or Canberra consulted, Washington informed by Tokyo: nothing negated', () => {
    expect(negated(one('Officials in Seoul said on Monday that they had been kept fully informed of the new basing plan.'))).not.toContain('abandonment');
    expect(negated(one('CANBERRA — Australian diplomats said they had been briefed in advance on the new command structure in Yokosuka.'))).not.toContain('abandonment');
    expect(negated(one('The foreign minister said the trip to Pyongyang was Japan\'s own idea and that Washington had been informed beforehand.'))).not.toContain('abandonment');
  });
  it('told that Japan was not informed in advance denies nothing', () => {
    expect(negated(one('The ministry said it had not been informed in advance of the carrier\'s sudden departure from Yokosuka.'))).not.toContain('abandonment');
  });
  it('Japan, or Tokyo beside Seoul, consulted in advance still denies abandonment', () => {
    expect(negated(one('A: We were consulted in advance at every stage, and our concerns are in the final text.'))).toContain('abandonment');
    expect(negated(one('American envoys said Tokyo and Seoul had been briefed throughout the talks with Pyongyang.'))).toContain('abandonment');
  });
});

describe('"without nuclear weapons" is no denial of a bomb', () => {
  it('Okinawa returned "without nuclear weapons" raises and negates nothing', () => {
    const u = one('Protesters in Naha demanded that the island revert to Japan "without nuclear weapons, on the same basis as the mainland."');
    expect(negated(u)).not.toContain('nuclear');
    expect(raised(u)).not.toContain('nuclear');
  });
  it('a Japan without nuclear weapons of its own, talked about, raises nuclear', () => {
    const u = one('Beijing hinted that it shares Washington\'s interest in keeping Japan without nuclear weapons of its own.');
    expect(negated(u)).not.toContain('nuclear');
    expect(raised(u)).toContain('nuclear');
  });
  it('a plain denial of a bomb is still negated', () => {
    expect(negated(one('The chief cabinet secretary said Japan would never build nuclear weapons.'))).toContain('nuclear');
  });
});

describe('the ally\'s commitment named under a denial negates abandonment', () => {
  it('"no concern about the American commitment", "no sign that the commitment would weaken"', () => {
    const a = one('FOREIGN MINISTER: Frankly, there is no concern in this government about the American commitment.');
    expect(negated(a)).toContain('abandonment');
    expect(negated(a)).not.toContain('reassurance');
    const b = one('The ambassador said there was no sign that the American commitment to Japan would weaken after the election.');
    expect(negated(b)).toContain('abandonment');
    expect(negated(b)).not.toContain('reassurance');
  });
  it('a commitment not restated, or a commitment to a course, keeps the reassurance negated', () => {
    const a = one('The communiqué issued after the summit did not restate the American commitment to the Senkakus.');
    expect(negated(a)).toContain('reassurance');
    expect(negated(a)).not.toContain('abandonment');
    const b = one('No American commitment to close the Futenma base has ever been given in writing.');
    expect(negated(b)).not.toContain('abandonment');
  });
});

describe('the ally\'s promise not to act over Japan\'s head raises reassurance beside the denial', () => {
  it('"the U.S. side has assured us that no decision will be taken behind Japan\'s back"', () => {
    const a = one('VICE MINISTER: The U.S. side has assured us that no agreement on Korea will be reached behind Japan\'s back.');
    expect(raised(a)).toContain('reassurance');
    expect(negated(a)).toContain('abandonment');
    const b = one('The Pentagon told Tokyo that no change in the Okinawa garrison would be made without full consultation with Japan.');
    expect(raised(b)).toContain('reassurance');
  });
  it('a denial with no promise of the ally, or a promise of Japan\'s own, raises no reassurance', () => {
    expect(raised(one('Tokyo officials said they had seen no sign of a deal struck behind Japan\'s back.'))).not.toContain('reassurance');
    const c = one('The prime minister told the Diet that no decision on the bases would be taken behind Japan\'s back.');
    expect(negated(c)).toContain('abandonment');
    expect(raised(c)).not.toContain('reassurance');
  });
});

describe('a nationalist call behind a disclaimer, a country called not sovereign', () => {
  it('"We are not anti-American. We only ask …" raises nationalism', () => {
    const a = one('Caller (Nago, 44): I am not anti-American. I only ask that Japan should have a say over its own harbours.');
    expect(raised(a)).toContain('nationalism');
    expect(negated(a)).not.toContain('nationalism');
  });
  it('the disclaimer alone still denies nationalism', () => {
    const a = one('The fishermen I met were not anti-American; they mostly wanted the noise to stop.');
    expect(negated(a)).toContain('nationalism');
    expect(raised(a)).not.toContain('nationalism');
  });
  it('"not a fully sovereign country" is no denial of nationalism', () => {
    expect(negated(one('Some editorials argued that a Japan told by Washington whom to befriend is not a fully sovereign country.'))).not.toContain('nationalism');
  });
});
