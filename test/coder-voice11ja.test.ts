import { describe, expect, it } from 'vitest';
import { voicesOf } from './helpers/coder.js';

const voices = voicesOf;

describe('round 11 (ja): a reporter at a press conference (rule 2)', () => {
  // The integration kept LABELS.md rule 2 as dev.jsonl reads it: a reporter's question that carries no view is the writer's (author).
  it('記者： asking with no view is author, in a Japanese document and in a U.S. briefing in translation', () => {
    expect(voices(['記者：来月の日米外相会談の議題は固まりましたか。', '官房長官：現在、調整中でございます。'], 'tokyo')).toEqual(['author', 'tokyo']);
    expect(voices(['記者：来月の日米外相会談の議題は固まりましたか。', '報道官：まだ申し上げられる段階にありません。'], 'washington')).toEqual(['author', 'washington']);
  });
  it('a reporter asking about a claim relays nothing received (…要請を受けたものだとの指摘もありますが)', () => {
    const units = ['記者：今回の購入は米国からの要請を受けたものだとの指摘も一部にありますが。'];
    expect(voices(units, 'tokyo')).not.toEqual(['washington']);
  });
});

describe('round 11 (ja): translation notes and interview intros', () => {
  it('（日本語訳） in a tag names no side: a U.S. senator stays American in later turns', () => {
    const units = ['○上院議員（公聴会での発言・日本語訳）　同盟国の負担は、まだ十分とは言えません。', '○上院議員　日本は防衛費をさらに増やすべきです。'];
    expect(voices(units, 'washington')).toEqual(['washington', 'washington']);
  });
  it('an intro naming whom the paper asked (…氏に、…について聞いた) gives the answers after ―― their side', () => {
    const units = [
      '米国の元国防次官、トーマス・グレイ氏（仮名）に、在日米軍の将来について聞いた。',
      '――在日米軍は今後、縮小されるのでしょうか。',
      'その心配はいりません。太平洋での態勢はむしろ厚くなります。',
    ];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author', 'washington']);
  });
  it('…a post the guest held that names the other side (元米国務省日本部長) is the guest\'s office, not their side', () => {
    const units = ['元米国務省日本部長のエレン・ポーター氏（仮名）への聞き取りの要旨である。', '――同盟の現状をどう見ますか。', '非常に安定しています。'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author', 'washington']);
  });
  it('…while an intro naming a Japanese guest leaves the answers Japanese', () => {
    const units = ['元外務審議官の藤井和彦氏（仮名）に、対米交渉の経験を聞いた。', '――当時の交渉はどうでしたか。', '米側の要求は厳しかったが、譲らなかった。'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author', 'tokyo']);
  });
  it('インタビュー： opening a piece is its heading, not a speaker', () => {
    expect(voices(['インタビュー：元米海軍作戦部長ロバート・ヒル氏（日本語訳）'], 'tokyo')).toEqual(['author']);
  });
  it('a translated editorial\'s heading (（米紙社説・本紙翻訳）, 米紙論説（仮訳）：) makes the piece its writer\'s (rule 1), not a U.S. speaker\'s', () => {
    expect(voices(['（米紙社説・本紙翻訳）日本の防衛費の倍増は、同盟にとって朗報である。', '日本ほど頼りになる同盟国は、ほかに見当たらない。'], 'washington')).toEqual(['author', 'author']);
    expect(voices(['米紙論説（仮訳）：同盟の重荷を誰が担うのか', '日本はすでに多くを負担している。'], 'washington')).toEqual(['author', 'author']);
    // …while a statement's tag still speaks for the office that issued it.
    expect(voices(['米国務省報道官：日本の決定を全面的に支持する。'], 'washington')).toEqual(['washington']);
  });
  it('a speech\'s heading with a translation note (…演説（ホワイトハウス発表・仮訳）) makes the text after it the speaker\'s', () => {
    const units = ['米国務長官の対日政策演説（国務省発表・仮訳）', '日米の友情は、私たちの最も大切な財産の一つです。'];
    expect(voices(units, 'washington')).toEqual(['author', 'washington']);
  });
  it('a foreign name alone as a tag (ヒル：) answers for the guest the heading introduced', () => {
    const units = ['【インタビュー】元米海軍作戦部長、ロバート・ヒル氏に聞く', '聞き手：当時の判断を振り返ってください。', 'ヒル：迷いはありませんでした。日本は大切な友人です。'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author', 'washington']);
  });
});

describe('round 11 (ja): a minister relaying the other side, or concluding (rule 3)', () => {
  it('the giver named inside what was given (確約を米国から得ております, 反応が米側から寄せられ) or before a title (米国務長官からも)', () => {
    expect(voices(['○外務大臣　尖閣諸島を守り抜くとの確約を米国から得ております。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['○防衛大臣　我が国の決定を支持するとの反応が米側から寄せられております。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['○外務大臣　米国務長官からも、拉致問題の解決に協力するとの約束を得ております。'], 'tokyo')).toEqual(['washington']);
  });
  it('…but a denial that anything was given, or a polite denial closing the turn, is the speaker\'s own', () => {
    expect(voices(['官房長官：米側から増額の要請を受けたという事実はございません。'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['○防衛大臣　現時点で、米側からそのような要求は受けておりません。'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['官房長官：米側は拉致問題を繰り返し取り上げており、米国が日本を置き去りにすることは考えられません。'], 'tokyo')).toEqual(['tokyo']);
  });
  it('a respondent who reports the other side and then judges it (…と思います, 信じています) keeps their side', () => {
    expect(voices(['回答者（松江・47歳）：アメリカは日本を守ると言っていますが、本音は別だと思います。'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['回答者（松江・47歳）：アメリカは日本を守ると約束しているし、私はそれを信じています。'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('round 11 (ja): holders named by institution', () => {
  it('people of a home institution or trade in kanji (県幹部, 漁業関係者, 外務次官) are Japanese, whoever spoke before', () => {
    const units = ['米国務省の報道官は「同盟は揺るがない」と述べた。', '漁業関係者は「米国の言葉だけでは安心できない」と語った。'];
    expect(voices(units, 'tokyo')).toEqual(['washington', 'tokyo']);
  });
  it('…but not the same official again (同局長は) nor a foreign office (中国外務省の副報道局長)', () => {
    const units = ['中国外務省の副報道局長は記者会見で日本を批判した。', '同局長は「日本は米国の駒になる」と述べた。'];
    expect(voices(units, 'tokyo')).toEqual(['other', 'other']);
  });
  it('米 opening a subject\'s compound before a quotation (米通商代表は「…」と) is the United States', () => {
    const units = ['政府は交渉の妥結を発表した。', '米通商代表は「日本の譲歩を歓迎する」と述べた。'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'washington']);
  });
});

describe('round 11 (ja): continuation', () => {
  it('同時に、 or そのうえで、 with a demand and no quotation goes on with the last holder', () => {
    const units = ['米国防総省は新たな戦略で、日米同盟を地域の要と位置付けたと説明した。', 'そのうえで、日本に対し、弾薬の備蓄をさらに増やすよう求めた。'];
    expect(voices(units, 'tokyo')).toEqual(['washington', 'washington']);
  });
});

describe('round 11 (ja): verbs and view nouns the lists lacked', () => {
  it('示唆した, と繰り返した and a mood (…という空気があった) report the holder\'s view', () => {
    expect(voices(['米上院の有力議員は、日本が負担を増やさなければ駐留の見直しもあり得ると示唆した。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['当時の米国防長官は、日本が自らの海を守るべきだと繰り返した。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['米政府内には、日本に資金だけで済ませてもらっては困るという空気があった。'], 'tokyo')).toEqual(['washington']);
  });
  it('…but a mood with no holder named stays the writer\'s', () => {
    expect(voices(['会場には和やかな空気が流れていた。'], 'tokyo')).toEqual(['author']);
  });
});

describe('round 11 (ja): survey tags', () => {
  it('a base town ending in 生 (福生) is the respondent\'s place, a student (大学生) is no place', () => {
    expect(voices(['回答者（福生・41歳）：夜の騒音にはもう慣れました。'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['回答者（大学生・20歳）：同盟のことはよく分かりません。'], 'tokyo')).toEqual(['author']);
  });
});

describe('round 11 (ja): the writer\'s advice (rule 1)', () => {
  it('a side told what it should do, with no view of its own after it, is no holder', () => {
    expect(voices(['同盟国への遠慮は美徳ではない、と政府はもっと自覚すべきだ。'], 'tokyo')).toEqual(['author']);
    // …while a side saying what should be done is its view.
    expect(voices(['政府は、米側がもっと説明すべきだと主張している。'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('round 11 (ja): third parties', () => {
  it('a side\'s word owned by another side (韓国の世論調査では) is the owner\'s, but not an embassy in a capital (北京の米国大使館は)', () => {
    expect(voices(['韓国の世論調査では、日米同盟を評価する回答が半数を超えた。'], 'tokyo')).toEqual(['other']);
    expect(voices(['北京の米国大使館は「同盟は取引ではない」との声明を出した。'], 'tokyo')).toEqual(['washington']);
  });
});
