import { describe, expect, it } from 'vitest';
import { demographicOnly } from '../src/coder/voice.js';
import { voicesOf } from './helpers/coder.js';

const voices = voicesOf;

describe('round 9 (en): a first-person frame that only reports (rule 3)', () => {
  it('a speaker noting what the other side has said relays that side', () => {
    const units = ['SEN. HALVERSON: I would note that Japanese ministers have said repeatedly that the bases are not negotiable.'];
    expect(voices(units, 'washington')).toEqual(['tokyo']);
  });
  it('"I am told" before a possessed group with its own verb relays it', () => {
    expect(voices(["REP. CASTILLO: I am told Prime Minister Kishida's aides say privately that they expect a bill for the bases."], 'washington')).toEqual(['tokyo']);
  });
  it('…but the speaker\'s own view about a side stays the speaker\'s', () => {
    expect(voices(['SEN. HALVERSON: I would note that Japan is spending more on defense than at any time since the war.'], 'washington')).toEqual(['washington']);
  });
});

describe('round 9 (en): feelings located at a side', () => {
  it('a feeling in a side\'s capital (anxiety in Tokyo, rankles in, gone unnoticed in) is that side\'s', () => {
    const units = [
      'The announcement of a summit in Beijing has revived a quiet anxiety in Tokyo about being left out.',
      'The old trade settlement still rankles in Japan\'s farm lobby thirty years on.',
      'The speech named every ally in Asia except one, an omission that has not gone unnoticed in Tokyo.',
    ];
    expect(voices(units)).toEqual(['tokyo', 'tokyo', 'tokyo']);
  });
  it('a feeling inside what a third party remarks is that party\'s report', () => {
    expect(voices(['A Vietnamese delegate remarked that the episode showed how much the memory of 1971 still stung in Tokyo.'])).toEqual(['other']);
  });
  it('received with a feeling in the passive, watching with unease', () => {
    const units = ['The pledge to freeze the missile program was received in Tokyo with open suspicion.', 'Across the Pacific, Japanese shipbuilders are watching with alarm.'];
    expect(voices(units)).toEqual(['tokyo', 'tokyo']);
  });
  it('a place without a feeling is only where something happened', () => {
    expect(voices(['The delegation was received in Tokyo by the foreign minister on Monday.'])).toEqual(['author']);
  });
});

describe('round 9 (en): nobody on one side (rule 5)', () => {
  it('"Nobody in Tokyo" opening its clause speaks for that side', () => {
    const units = ['Nobody in Tokyo expects the carriers to sail away.', 'The visit lasted a single afternoon, and nobody in Kasumigaseki failed to notice.'];
    expect(voices(units)).toEqual(['tokyo', 'tokyo']);
  });
  it('not when both sides are named, when it is acted on, or when someone else says it', () => {
    const units = [
      'No one in Tokyo or Washington predicted how quickly the talks would collapse.',
      'When the exercises were cancelled, nobody in Tokyo had been told beforehand.',
    ];
    expect(voices(units)).toEqual(['author', 'author']);
    expect(voices(['Japanese officials said nobody in Washington had asked them to send the ships.'])).toEqual(['tokyo']);
  });
});

describe('round 9 (ja): survey tags and interview headings', () => {
  it('a tag giving only age, sex and occupation is the respondent\'s own view; a tag with a place takes that side (rules 1-2)', () => {
    const units = ['【読者アンケート】日米同盟について意見を聞いた。', '（40代・女性・会社員）同盟がなくなったら、日本はどう守るのだろう。', '（松本市・50代）アメリカの言いなりでは困る。'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author', 'tokyo']);
  });
  it('demographicOnly tells an age with who the respondent is from a place', () => {
    expect(demographicOnly('30代・男性・公務員')).toBe(true);
    expect(demographicOnly('60代・無職')).toBe(true);
    expect(demographicOnly('呉・66歳')).toBe(false);
    expect(demographicOnly('うるま、52歳')).toBe(false);
    expect(demographicOnly('男性・会社員')).toBe(false);
  });
  it('the guest an interview heading names answers the untagged replies', () => {
    const units = ['【インタビュー】駐日米国大使に聞く', '――同盟の今をどう見ますか。', '「両国の協力はかつてなく深まっています。」'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author', 'washington']);
  });
  it('the last side word in the heading is the guest\'s (元在日米軍の日本人職員)', () => {
    const units = ['【インタビュー】元在日米軍基地の日本人職員・田村さん', '――基地の中から同盟はどう見えましたか。', '「日本政府はもっと言うべきことを言ってよいと思いました。」'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author', 'tokyo']);
  });
  it('a minister who received the other side\'s assurance (言明・確認を得ております) relays it (rule 3)', () => {
    const units = ['○外務大臣　米国務長官からは、防衛の約束に変わりはないとの言明を得ております。', '○防衛大臣　米側からは、訓練の中止はないとの確認を改めて得ております。'];
    expect(voices(units, 'tokyo')).toEqual(['washington', 'washington']);
  });
});

describe('round 9 (en): interviews and press conferences', () => {
  it('an intro naming its guest by a romanised Japanese name makes the answers that side\'s', () => {
    const units = ['The economist Akiko Tanabe has advised three finance ministers. We met her in Osaka.', 'Q: Is the alliance a good bargain?', 'A: For us it is the best bargain available, even if Washington sometimes forgets who pays for the bases.'];
    expect(voices(units)).toEqual(['author', 'author', 'tokyo']);
  });
  it('…but an English name in the intro gives the answers no Japanese side', () => {
    const units = ['The economist Laura Pike has advised three treasury secretaries.', 'Q: Is the alliance a good bargain?', 'A: For us it is a fine bargain.'];
    expect(voices(units)[2]).not.toBe('tokyo');
  });
  it('a reporter\'s question that carries no view is the questioner\'s, not a side\'s (rule 2)', () => {
    const units = ['GOVERNOR: The landfill work must stop.', 'REPORTER: Will you raise it in Washington next month?', 'GOVERNOR: I will.'];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'author', 'tokyo']);
  });
});

describe('round 9 (en): the writer\'s verdict on people a relative clause describes (rule 1)', () => {
  it('"Americans who … should …", "… who … are misreading it" are the writer\'s advice, not the side\'s view', () => {
    const units = ['Americans who picture Japan as a reluctant client should look at its new destroyers.', 'Japanese commentators who read betrayal into every phone call are misreading the President.'];
    expect(voices(units)).toEqual(['author', 'author']);
  });
  it('…while a side whose own verb carries a modal in what it says keeps its view', () => {
    expect(voices(['Japanese officials argue that Washington should consult them before any deal with Beijing.'])).toEqual(['tokyo']);
  });
});

describe('round 9 (ja): reported acts with nothing said (rule 4)', () => {
  it('answering questions or explaining a topic is an event; answering with what one holds is a view', () => {
    const units = ['外相は十日の記者会見で、日米協議をめぐる質問に答えた。', '防衛省は、共同訓練の日程などについて説明した。', '外相は、米側の対応に不満はないと答えた。'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author', 'tokyo']);
  });
});

describe('round 9 (ja): views named as grumbling or a tendency to see', () => {
  it('…との恨み節も漏れる and …と見る向きもある hold the view of the side named', () => {
    const units = ['防衛省の幹部からは「また頭越しに決められた」との恨み節も聞こえる。', '政府内には、米側の説明は後付けにすぎないと見る向きもある。'];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'tokyo']);
  });
});
