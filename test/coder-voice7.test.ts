import { describe, expect, it } from 'vitest';
import { voicesOf } from './helpers/coder.js';

const voices = voicesOf;

describe('round 7: "both" is not a holder carried from the last unit', () => {
  it('the writer judging two views ("Both are right…") stays the writer\'s', () => {
    const units = ['Officials in Tokyo complain that the bases are a burden.', 'Both are right, and the treaty lasts because each partner thinks it gives more than it gets.'];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'author']);
  });
  it('"Both governments" as a subject still speaks for neither side (rule 5)', () => {
    expect(voices(['Both governments say the alliance has never been stronger.'], 'washington')).toEqual(['author']);
  });
});

describe('round 7: how things look from a capital, or in its view', () => {
  it('a third capital\'s view (From Canberra, … looks like …)', () => {
    expect(voices(['From Canberra, the new defence guidelines look like a polite way of passing the bill to others.'], null)).toEqual(['other']);
  });
  it('a side\'s view named as such (in Tokyo\'s view, in Washington\'s view)', () => {
    expect(voices(['The price of the upgrade, in Tokyo\'s view, is a steady flow of new requests.'], 'washington')).toEqual(['tokyo']);
    expect(voices(['The real problem, in Washington\'s view, is the slow pace of procurement.'], 'tokyo')).toEqual(['washington']);
  });
  it('a place named as a starting point is no frame ("From Tokyo, the delegation flew on to Seoul")', () => {
    expect(voices(['From Tokyo, the delegation flew on to Seoul for two days of talks.'], null)).toEqual(['author']);
  });
});

describe('round 7: a name addressed at the start of a turn is not introduced by what follows', () => {
  it('a romanised Japanese guest addressed by the moderator still speaks for Japan (the question itself reports what Americans hear)', () => {
    const units = [
      'MODERATOR: Dr. Kuramoto, Americans often hear that Japan could build a bomb within months. Is that so?',
      'DR. KURAMOTO: Technically, perhaps. Politically, it is much further away than people in Washington imagine.',
    ];
    expect(voices(units, 'washington')).toEqual(['washington', 'tokyo']);
  });
  it('an apposition after the name still introduces its side', () => {
    const units = ['Our guest is Dr. Kuramoto, an American economist at a Boston university.', 'DR. KURAMOTO: The tariffs will hurt both economies.'];
    expect(voices(units, 'washington')).toEqual(['author', 'washington']);
  });
});

describe('round 7: bodies that resolve, conclude or protest as one (rule 4)', () => {
  it('a panel, an assembly or a federation takes the side the report is filed from', () => {
    expect(voices(['WASHINGTON — A Senate panel on alliance costs concluded on Tuesday that Japan should carry a larger share.'], 'washington')).toEqual(['washington']);
    expect(voices(['The city assembly passed a resolution protesting the night-time drills.'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['The federation noted that its members employ thousands of people abroad.'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('round 7: an interview\'s guest introduced by what they did or where they work', () => {
  it('the guest as the subject of talking to the paper (… spoke to this newspaper)', () => {
    const units = [
      'The former American envoy, who served in Tokyo for four years, spoke to this newspaper by telephone.',
      'Q: Many here feel the alliance gives Japan too little. Your answer?',
      'A: I understand the feeling, but the record does not support it.',
    ];
    expect(voices(units, 'tokyo')).toEqual(['author', 'tokyo', 'washington']);
  });
  it('a host introducing the guest by their work ("My guest today reported … for a Tokyo daily")', () => {
    const units = [
      'HOST: My guest today reported on the prime minister\'s office for a Tokyo daily for ten years.',
      'GUEST: People there feel they have seen all this before.',
    ];
    expect(voices(units, 'washington')).toEqual(['author', 'tokyo']);
  });
});

describe('round 7: Japanese holders', () => {
  it('a side\'s title that holds the role (駐日米大使) gives the side to the role later (大使は…と語った)', () => {
    const units = ['駐日米大使が都内の大学で講演した。', '大使は「両国の関係はかつてなく良好だ」と語った。'];
    expect(voices(units, 'tokyo')[1]).toBe('washington');
  });
  it('米 opening a longer institution (米原子力委員会の委員長は) is the United States', () => {
    expect(voices(['米原子力委員会の委員長は「被害は深刻ではない」との見解を示した。'], 'tokyo')).toEqual(['washington']);
  });
  it('someone new named by place or body before a quotation is met where the report is filed, not the last speaker', () => {
    const units = ['米国防長官は「日本の貢献を高く評価する」と述べた。', '地元の漁協の組合長は「まず謝ってほしい」と憤る。'];
    expect(voices(units, 'tokyo')).toEqual(['washington', 'tokyo']);
    // A bare subject with no body or place goes on with the last speaker.
    expect(voices(['米国防長官は「日本の貢献を高く評価する」と述べた。', '長官は「同盟は揺るがない」とも語った。'], 'tokyo')).toEqual(['washington', 'washington']);
  });
  it('the side told (米側には伝えております) is the addressee, not the holder (rule 3 does not apply)', () => {
    expect(voices(['外務大臣：拡大抑止の信頼性が損なわれてはならないと、米側には伝えております。'], 'tokyo')).toEqual(['tokyo']);
    // The side as the giver of what was said still relays (rule 3).
    expect(voices(['外務大臣：米側からは、拡大抑止は揺るがないとの説明を受けております。'], 'tokyo')).toEqual(['washington']);
  });
  it('the Indian Ocean is not India', () => {
    expect(voices(['○辻井委員　インド洋での給油活動は、米国から継続を求められているから続けるのではありませんか。'], 'tokyo')).not.toContain('other');
  });
});

describe('round 7: people introduced earlier and people of both sides', () => {
  it('a surname as the subject of a verb of saying takes the side the document introduced the person with', () => {
    const units = ['The report was drafted under Assistant Secretary Daniel Hale.', 'Mr. Hale said the figure was meant to end talk of an American retreat.'];
    expect(voices(units, 'washington')).toEqual(['author', 'washington']);
  });
  it('a surname nobody introduced gives nothing of its own', () => {
    expect(voices(['Mr. Hale said the figure was meant to end talk of an American retreat.'], null)).toEqual(['author']);
  });
  it('people of both sides ("No one in either delegation", "The two leaders") are no one side\'s (rule 5)', () => {
    expect(voices(['No one in either delegation suggested that the trade dispute could weaken the treaty.'], 'washington')).toEqual(['author']);
    expect(voices(['The two leaders agreed to restore the hotlines; nothing they said touched the bases.'], 'tokyo')).toEqual(['author']);
  });
});

describe('round 7: Japanese quotations with any predicate after と', () => {
  it('a subject with は, perhaps where or to whom it spoke, before a quotation and と + any predicate reports speech', () => {
    const units = ['米国防長官は「日本の貢献を評価する」と述べた。', '地元の評論家は講演で「米国の傘は破れ傘だ。自前の備えが要る」と声を張り上げた。'];
    expect(voices(units, 'tokyo')).toEqual(['washington', 'tokyo']);
  });
  it('the same speaker going on with a new predicate keeps that speaker', () => {
    const units = ['中国外務省の報道官は「日本の動きを警戒している」と述べた。', '同報道官はさらに「地域の緊張を高めるだけだ」と切り捨てた。'];
    expect(voices(units, 'tokyo')).toEqual(['other', 'other']);
  });
});

describe('round 7: a country as the writer imagines it', () => {
  it('"A Japan that…", "an America whose…" hold no view', () => {
    expect(voices(['A Japan that believed it was being volunteered for a war would not stay a willing host for long.'], 'washington')).toEqual(['author']);
    expect(voices(['What worries me is a Tokyo that waits to hear Washington\'s view before forming its own.'], 'washington')).toEqual(['author']);
  });
  it('a side\'s people after an indefinite article still hold their view', () => {
    expect(voices(['A Japanese diplomat said the alliance had never been closer.'], 'washington')).toEqual(['tokyo']);
  });
});

describe('round 7: letters signed with a name and a place (rule 2)', () => {
  it('the signature\'s place gives the letter its side, whatever the page\'s side', () => {
    expect(voices(['We are still paying for their defence and they still sell us the cars. — Walter Pruett, Dayton, Ohio'], 'tokyo')).toEqual(['washington']);
    expect(voices(['If the Americans decide we are ungrateful, who will protect us? — Kenji Mori, Fukuoka'], 'washington')).toEqual(['tokyo']);
  });
  it('a signature with no side\'s place leaves the decision to the rest of the unit', () => {
    expect(voices(['Saying no on car parts is easy. — Aiko Fujimura, Lisbon'], null)).toEqual(['author']);
  });
});

describe('round 7: more holders and acts', () => {
  it('U.S. services and commands, cabinet secretaries and successive administrations are Washington', () => {
    expect(voices(['The Navy says the carrier carries no nuclear weapons.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['Successive administrations have said the treaty covers the islands.'], 'tokyo')).toEqual(['washington']);
  });
  it('asking a government or both governments to act states a position (rule 4)', () => {
    expect(voices(['Beijing has asked both governments to state that Taiwan is excluded.'], 'washington')).toEqual(['other']);
  });
  it('unions hold views like other bodies', () => {
    expect(voices(['Fishermen\'s unions say the compensation offered is an insult.'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('round 7: earlier presidents, commentaries, reports and bills as holders', () => {
  it('an administration named by an earlier president is Washington (レーガン政権は…働きかけた)', () => {
    expect(voices(['カーター政権は、同盟国に五輪のボイコットを強く呼びかけていた。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['Mr. Nixon told reporters that the alliance would outlast the war.'], 'tokyo')).toEqual(['washington']);
  });
  it('a commentary goes on in the voice of the side that issued it (同論評は…と主張した)', () => {
    const units = ['中国の国営通信は論評を配信し、日本の動きを批判した。', '論評は、日本が米国の戦略の先兵になっていると主張した。'];
    expect(voices(units, 'tokyo')).toEqual(['other', 'other']);
  });
  it('a bill that demands is the view of the side that drafted it', () => {
    const units = ['米議会の共和党議員は「日本の負担は足りない」と批判し、新たな法案を提出した。', '法案は、日本が経費の半分以上を負担しなければ兵力を削減するよう求めている。'];
    expect(voices(units, 'tokyo')[1]).toBe('washington');
  });
});

describe('round 7: a side\'s claim reported only to be answered is the writer\'s (rule 3)', () => {
  it('と説明するが、…; と繰り返すばかりだ; と胸を張る。ならば…', () => {
    expect(voices(['政府は「負担軽減のためだ」と説明するが、言い値をのまされた印象はぬぐえない。'], 'tokyo')).toEqual(['author']);
    expect(voices(['外相は「運用の改善で対処したい」と繰り返すばかりで、物申す気概はうかがえない。'], 'tokyo')).toEqual(['author']);
    expect(voices(['政府は関係がかつてなく良好だと胸を張る。ならば、足元の問題でこそ成果を見せてほしい。'], 'tokyo')).toEqual(['author']);
  });
  it('a quoted speaker answering a claim inside the quotation is still that speaker', () => {
    expect(voices(['野党議員の一人は「日本自身の判断だと言われるが、中身は国防総省の注文通りだ」と述べた。'], 'tokyo')).toEqual(['tokyo']);
  });
  it('a claim reported with no answer keeps the side', () => {
    expect(voices(['政府は「負担軽減のためだ」と説明している。'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('round 7: a witness who can only report what they hear frames the relay (rule 3)', () => {
  it('"I can only report what I hear, which is that Foreign Minister X told…" relays the minister\'s side', () => {
    expect(voices(['MS. CHOI: I can only report what I hear, which is that Foreign Minister Ueda told the Secretary he was satisfied.'], 'washington')).toEqual(['tokyo']);
  });
  it('a witness giving their own view keeps their side', () => {
    expect(voices(['MS. CARVER: I think the consultations went well for both sides.'], 'washington')).toEqual(['washington']);
  });
});

describe('round 7: Japanese, asked and answering', () => {
  it('asked about something, then answering with a quotation, is the last speaker', () => {
    const units = ['米国防長官は「同盟は揺るがない」と述べた。', '地元の反対について問われると「懸念は理解するが、計画を変える考えはない」と答えた。'];
    expect(voices(units, 'tokyo')).toEqual(['washington', 'washington']);
  });
  it('米 before a chief delegate (米首席代表は) is the United States', () => {
    expect(voices(['米首席代表は会合後、「日本の立場を全面的に支える」と記者団に明言した。'], 'tokyo')).toEqual(['washington']);
  });
});

describe('round 7: third parties further afield in Japanese', () => {
  it('Australian officials and places, TASS (豪国防相は, キャンベラの元外交官は, タス通信も)', () => {
    expect(voices(['豪国防相は会見で「日米の結束はかつてなく固い」と述べた。'], 'tokyo')).toEqual(['other']);
    expect(voices(['キャンベラの元外交官は取材に「今の日本は自ら動く」と語った。'], 'tokyo')).toEqual(['other']);
    expect(voices(['タス通信も、米国が日本に負担を無理強いしていると伝えた。'], 'tokyo')).toEqual(['other']);
  });
});

describe('round 7: third parties further afield in English', () => {
  it('Malaysian, Filipino, Whitehall, the Foreign Office, London, Hong Kong', () => {
    expect(voices(['A Malaysian participant asked whether Japan would ever lead in Asia without checking with Washington.'], null)).toEqual(['other']);
    expect(voices(['A defence analyst in London added that the promises were made under American pressure.'], null)).toEqual(['other']);
    expect(voices(['Post by @hk_watcher (Hong Kong): Japan only talks tough because it knows the Seventh Fleet will fight.'], null)).toEqual(['other']);
  });
});

describe('round 7: reports and resolutions, pressing a government, "in this town"', () => {
  it('a report or a resolution that urges or calls on a side is its authors\' view', () => {
    const units = ['WASHINGTON — A study group of former officials released its recommendations on Tuesday.', 'The report urges Japan to lift its ban on collective self-defense.'];
    expect(voices(units, 'washington')[1]).toBe('washington');
  });
  it('pressing a government to act states a position (rule 4)', () => {
    expect(voices(['From the start the Pentagon pressed the new Japanese government to keep its ships in the Indian Ocean.'], 'washington')).toEqual(['washington']);
  });
  it('"in this town" is where the report is filed', () => {
    expect(voices(['It has become fashionable in this town to say that the alliance is the strongest it has ever been.'], 'washington')).toEqual(['washington']);
  });
});
