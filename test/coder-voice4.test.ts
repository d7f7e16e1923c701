import { describe, expect, it } from 'vitest';
import { runCoder, voicesOf } from './helpers/coder.js';

const voices = voicesOf;

describe('leading phrases before the subject', () => {
  it('a subject after a longer leading phrase still holds the view', () => {
    // The same holder is found whether the leading phrase is one the earlier list knew or a new one.
    // A holder with no side of its own ("local assembly members") must open the clause to hold the view, on the document's side.
    for (const lead of ['Ever since the crash', 'With the election over', 'Despite the new treaty', 'Under the new budget', 'This spring']) {
      expect(voices(['The prefecture held a ceremony.', `${lead}, local assembly members have been complaining that the bases never shrink.`], 'tokyo')[1]).toBe('tokyo');
    }
  });
  it('"This" opens a leading phrase only with a time word ("This spring,"), not as a subject\'s determiner', () => {
    // "This spring" carries no one's view on from the unit before.
    expect(voices(['American officials insist the treaty covers the islands.', 'This spring, the prefecture held its annual ceremony.'], 'tokyo')).toEqual(['washington', 'author']);
  });
});

describe('headings and paraphrase frames', () => {
  it('a title-case heading ("Editorial:") is the writer\'s piece, not a speaker', () => {
    expect(voices(['Editorial: The government has once more bowed to an American request.'], 'tokyo')).toEqual(['author']);
    expect(voices(['Opinion: The alliance has rarely been in better shape.'], 'washington')).toEqual(['author']);
  });
  it('"described in Washington as" reports Washington\'s view of something done elsewhere', () => {
    expect(voices(['The cabinet\'s decision was described in Washington as a long-overdue step.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['The new budget is being portrayed in Tokyo as a declaration of independence.'], 'washington')).toEqual(['tokyo']);
  });
});

describe("the writer's verdict on a side's view (rule 1)", () => {
  it('"has reason to", "is right to", "arguably" make the sentence the writer\'s', () => {
    expect(voices(['Tokyo has good reason to fear a deal struck over its head.'], 'washington')).toEqual(['author']);
    expect(voices(['Japanese officials are right to worry about American staying power.'], 'washington')).toEqual(['author']);
    expect(voices(['Washington has arguably said too little about its commitment.'], null)).toEqual(['author']);
    // Without the verdict, the same subject holds the view.
    expect(voices(['Japanese officials worry about American staying power.'], 'washington')).toEqual(['tokyo']);
  });
  it('a pronoun carrying a view on is stopped by the writer\'s verdict', () => {
    const v = voices(['Japanese officials fear that Washington will deal with Beijing alone.', 'They are right to worry: great powers settle things between themselves.'], 'washington');
    expect(v).toEqual(['tokyo', 'author']);
  });
});

describe('questions opening with an auxiliary', () => {
  it("an interviewer's yes/no question about a side's act carries no view (rule 2)", () => {
    const v = voices(['Q: Did the President raise the steel deal with the prime minister?', 'A: He raised it, and we explained our position.'], 'tokyo');
    expect(v[0]).toBe('author');
    // A question that reports a view held on a side still takes it.
    expect(voices(['Q: Japanese officials say they were not consulted. Is that fair?'], 'washington')).toEqual(['tokyo']);
  });
});

describe('a side relaying the other side (rule 3)', () => {
  it('a Japanese speaker reporting what the White House assured is Washington\'s position', () => {
    expect(voices(['Chief Cabinet Secretary Kato said the White House had assured Tokyo that the treaty still applies.'], 'tokyo')).toEqual(['washington']);
  });
  it('only the other side as the subject of its own active verb relays', () => {
    // A passive ("had been briefed") or a side's thing ("American friendship") reports no position of that side.
    expect(voices(['A senior U.S. official said Japan had been briefed at the appropriate time.'], 'washington')).toEqual(['washington']);
    expect(voices(['The prime minister said American friendship does not include advance notice.'], 'tokyo')).toEqual(['tokyo']);
    // The speaker's evidence names the relayed side's cue.
    const d = runCoder(['Foreign Minister Hayashi said Washington had promised that it would consult Tokyo.'], { docSide: 'tokyo' })[0];
    expect(d?.voice.voice).toBe('washington');
    expect(d?.voice.cue?.text).toBe('Washington');
  });
});

describe("a side's people as the subject, without a verb of saying (rules 4–5)", () => {
  it('an attitude or a request held by a side\'s people takes that side', () => {
    expect(voices(['Japanese diplomats were noticeably cooler after the summit.'], 'washington')).toEqual(['tokyo']);
    expect(voices(['U.S. negotiators had pushed for years for a larger Japanese share.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['The Americans want the rice market opened before the election.'], 'tokyo')).toEqual(['washington']);
    // A clause set off by commas or a participle between subject and predicate is skipped.
    expect(voices(['Japanese officials traveling with the minister could barely hide their relief.'], 'washington')).toEqual(['tokyo']);
  });
  it('an event, a nationality used as an adjective, or the writer\'s advice is no view', () => {
    expect(voices(['Japanese officials arrived in Washington on Monday for two days of talks.'], 'washington')).toEqual(['author']);
    expect(voices(['The Japanese prime minister was across town at the time.'], 'washington')).toEqual(['author']);
    expect(voices(['Japanese officials should stop pretending nothing has changed.'], 'washington')).toEqual(['author']);
  });
});

describe("the writer's own circle", () => {
  it('"my neighbour" speaks from where the writer is, not for the side last quoted', () => {
    const v = voices(['American officials insist the treaty covers the islands.', 'My neighbour says we can never say no to them on anything.'], 'tokyo');
    expect(v).toEqual(['washington', 'tokyo']);
  });
});

describe('a side as the object of a verb is no holder', () => {
  it('a side right after another verb of its clause is its object, not a later verb\'s subject', () => {
    const v = voices(['Opponents saw American fingerprints on the bill, pointing to pressure from the allies.'], 'tokyo');
    expect(v).toEqual(['tokyo']);
    // Next to the verb it governs, the side still holds the view ("heard Tokyo politicians say").
    expect(voices(['For years we have heard Tokyo politicians say that the bases are a fair price.'], null)).toEqual(['tokyo']);
  });
  it('holders "here" are where the report comes from; a writer "teaching in Fukuoka" is placed there', () => {
    expect(voices(['TOKYO — Chinese officials protested the drills.', 'Security scholars here note that each study has reached the same conclusion.'], null)).toEqual(['other', 'tokyo']);
    expect(voices(["I'm an American teaching English in Fukuoka.", 'My students mostly think their country does what it is told.'], null)).toEqual(['author', 'tokyo']);
  });
});

describe('views held where a place leads, by a crowd split, or by someone made to react', () => {
  it('"In Tokyo, …" opening a sentence reports how things are seen there', () => {
    expect(voices(['In Tokyo, the decision stirred memories of an earlier betrayal.'], 'washington')).toEqual(['tokyo']);
    // Without the comma the place is only where something happened.
    expect(voices(['In Tokyo the two ministers signed the agreement.'], 'washington')).toEqual(['author']);
  });
  it('"half the room", "the other half" hold views on the document\'s side; "no one in the room" is left to rule 5', () => {
    const v = voices(['Half the room thought the alliance was lopsided.', 'The other half said that was outdated.'], 'tokyo');
    expect(v).toEqual(['tokyo', 'tokyo']);
    expect(voices(['No one in the room suggested that the treaty should be revised.'], 'tokyo')).toEqual(['author']);
  });
  it('the one a thing "makes wince" holds the reaction', () => {
    expect(voices(['The phrase "new model of relations" makes Japanese diplomats wince.'], 'washington')).toEqual(['tokyo']);
  });
});

describe('holders with no side of their own', () => {
  it('"Its diplomats" are the people of the last sentence\'s subject', () => {
    const v = voices(['American officials want Japan to send ships.', 'Japan has refused so far.', 'Its diplomats insist that the constitution ties its hands.'], 'washington');
    expect(v[2]).toBe('tokyo');
  });
  it('ordinary people are met where the report is filed, not on the side last quoted', () => {
    expect(voices(['American officials said the drills would go ahead.', 'Residents near the base said they feared another accident.'], 'tokyo')).toEqual(['washington', 'tokyo']);
    expect(voices(['米国務省は「訓練は予定通り行う」と述べた。', '基地近くの住民は「また事故が起きないか心配だ」と話した。'], 'tokyo')).toEqual(['washington', 'tokyo']);
    // An official with no side named goes on for the side last quoted.
    expect(voices(['American officials said the drills would go ahead.', 'Officials added that the schedule was fixed.'], 'tokyo')).toEqual(['washington', 'washington']);
  });
  it('a holder named before "they" is who "they" are', () => {
    expect(voices(['Chinese officials protested the deployment.', 'Residents near Misawa said they worried about becoming a target.'], 'tokyo')).toEqual(['other', 'tokyo']);
  });
});

describe('Japanese: 政府 under a foreign dateline, and parties', () => {
  it('only 政府 itself as the subject turns to the dateline\'s side; 政府内, 政府関係者 stay the paper\'s own', () => {
    const lead = ['【ワシントン】米下院軍事委員会は５日、公聴会を開いた。', '議員らは、日本の防衛費が少なすぎると批判した。'];
    expect(voices([...lead, '政府は、同盟国に負担増を求める方針を変えていない。'], 'tokyo')[2]).toBe('washington');
    expect(voices([...lead, '政府内では「今度こそ人を出さねば」との焦りが広がる。'], 'tokyo')[2]).toBe('tokyo');
    expect(voices([...lead, '同行した政府関係者の一人は「日本が最前線に立つということだ」と漏らした。'], 'tokyo')[2]).toBe('tokyo');
  });
  it('a Japanese party\'s leader speaks for Tokyo; a member shouting a quotation holds it', () => {
    expect(voices(['"Tomorrow it will be wherever the Americans are fighting," a Socialist member shouted from the floor.'], null)).toEqual(['tokyo']);
    expect(voices(['米国務省は「支援を歓迎する」と述べた。', '一方、社民党の党首は「米国の一言で派遣を急ぐのはおかしい」と反発した。'], 'tokyo')).toEqual(['washington', 'tokyo']);
  });
});

describe('Japanese turn tags remembered', () => {
  it('a katakana name met before with a third country keeps that side in later turns', () => {
    const v = voices(['豪州の戦略研究所・ハーパー氏：日米の結束は地域の重しです。', 'ハーパー氏：ただ、日本も豪州も脇役に回されるかもしれない。'], 'tokyo');
    expect(v).toEqual(['other', 'other']);
  });
  it('a party in brackets (民主) decides every turn of the same member, not the title 議員', () => {
    const v = voices(['ロペス議員（民主）　日本の防衛の穴を埋めるのは米国の納税者だ。', 'ロペス議員（民主）　日本には、もっと国防費を求めるべきだ。'], 'washington');
    expect(v).toEqual(['washington', 'washington']);
  });
});

describe('requests and promises made to the other side (rule 4)', () => {
  it('a request with a longer gap before "to", and a promise made to a side, are the asker\'s and the promiser\'s', () => {
    expect(voices(['Washington has asked Tokyo several times since 2015 to join the patrols.'], null)).toEqual(['washington']);
    expect(voices(['Japan has promised Washington that it will raise nothing in Pyongyang without consulting it.'], null)).toEqual(['tokyo']);
    // A pledge to act is an announcement, not a view.
    expect(voices(['Prime Minister Ishikawa on Monday pledged to raise defense outlays faster than planned.'], null)).toEqual(['author']);
  });
});

describe('verb letters used as nouns', () => {
  it('after a determiner, "voice" and "calls" are nouns: no verb of saying for the side before them', () => {
    expect(voices(['Japan hosts our fleet and pays for its upkeep, yet its voice in our decisions is faint.'], 'washington')).toEqual(['author']);
    expect(voices(['That envy was not misplaced; Japanese diplomats really did get their calls returned faster than anyone else.'], 'washington')).toEqual(['author']);
  });
  it('a view noun spelt like a verb still gives its holder ("their argument", "the suggestion")', () => {
    const v = voices(['Many people in my office agreed with him.', 'Their argument is that a lopsided treaty keeps Japan a junior partner.'], 'tokyo');
    expect(v).toEqual(['tokyo', 'tokyo']);
  });
});

describe('more holders and verbs', () => {
  it('denials, titled officers, a bill\'s sponsor and "what surprises them" report the holder\'s view', () => {
    expect(voices(['American officials insist nothing has changed.', 'Officials denied that the increase had been made at anyone\'s insistence.'], 'washington')).toEqual(['washington', 'washington']);
    expect(voices(['The committee held its hearing on Thursday.', 'Admiral Nash replied that U.S. resolve to defend Japan was beyond question.'], 'washington')[1]).toBe('washington');
    expect(voices(['The bill would require Japan to pay half the cost.', '"Our allies have enjoyed our protection for free," its sponsor said.'], 'washington')[1]).toBe('washington');
    expect(voices(['Japanese students visit the base every year.', 'What surprises them is how little say Japan has over its own bases.'], 'tokyo')).toEqual(['author', 'tokyo']);
  });
  it('"Both governments", "Neither side" speak for no one side (rule 5)', () => {
    expect(voices(['Japanese officials said they were not consulted.', 'Both governments deny any such plan.'], 'washington')).toEqual(['tokyo', 'author']);
  });
});

describe('speech in quotation marks, "To Japanese officials", holders of a place', () => {
  it('someone speaking in the first person inside quotation marks is a voice reported, on the side being heard', () => {
    const v = voices(['In Ohio, American voters are losing patience with allies.', 'Brennan shook his head. "If anybody ever hits Japan, I\'d want us there."'], 'washington');
    expect(v).toEqual(['washington', 'washington']);
    // A short quoted phrase without a first person is not someone speaking.
    expect(voices(['The remark that Japan could "watch on a Sony television" dominated the news.'], 'tokyo')).toEqual(['author']);
  });
  it('"To Japanese officials, …", "For many Americans …" is how that side\'s people see it', () => {
    expect(voices(['To Japanese officials the message is hard to miss: protection now has a price.'], 'washington')).toEqual(['tokyo']);
    expect(voices(['For many Americans the bases are simply a bargain.'], 'tokyo')).toEqual(['washington']);
  });
  it('a holder of a side\'s place ("everyone in Tokyo", "voices in Tokyo") is that side\'s', () => {
    const v = voices(['Washington welcomed the decision.', 'Not everyone in Tokyo is charmed. Critics there say the prime minister signed on to everything.'], 'washington');
    expect(v).toEqual(['washington', 'tokyo']);
  });
});

describe("the writer's verdict and the writer's own first person", () => {
  it('"Her fear is understandable but overdrawn", "The charge is mostly unfair" are the writer\'s', () => {
    const v = voices(['The Japanese ambassador worries that Washington will talk to Beijing over her head.', 'Her fear is understandable but overdrawn; every senior American official has stopped in Tokyo.'], 'washington');
    expect(v).toEqual(['tokyo', 'author']);
  });
  it('a claim quoted by a writer who answers it in the first person is not a voice reported', () => {
    expect(voices(['Two: "We get nothing out of it." We get the forward bases that make us a Pacific power.'], 'washington')).toEqual(['author']);
  });
  it('a pronoun before the verb is its subject, not a side named before it; "The Japanese I talked to" are people', () => {
    expect(voices(['MOSCOW — Pravda devoted half a page to the American bases in Japan, which it called a relic of the occupation.'], null)).not.toEqual(['tokyo']);
    expect(voices(['The Japanese I talked to are terrified of becoming a launch pad.'], 'washington')).toEqual(['tokyo']);
  });
});

describe('a speaker relaying the other side, announcements (rules 3 and 4)', () => {
  it('"I would add that many Japanese fear…", "I have met Japanese officials who wonder…": the first person only frames the relayed view', () => {
    expect(voices(['MR. PELLEW: I would add that many Japanese fear a larger military would drag them into our rivalries.'], 'washington')).toEqual(['tokyo']);
    expect(voices(['REP. VANCE: With respect, I have met Japanese officials who wonder whether we would come.'], 'washington')).toEqual(['tokyo']);
    // A conclusion of the speaker's own in the first person keeps the speaker's voice.
    expect(voices(['REP. VANCE: I think Japanese officials fear the wrong thing.'], 'washington')).toEqual(['washington']);
  });
  it('voices "on the Japanese right" are Tokyo\'s', () => {
    expect(voices(['MR. PELLEW: And there are voices on the Japanese right who would welcome a bigger military.'], 'washington')).toEqual(['tokyo']);
  });
  it('announcing one\'s own act is an event, but "He" next is still its announcer', () => {
    const v = voices(['TOKYO — The defense minister said today that his government would begin paying part of the wages.', 'He described the payments as a gesture of goodwill toward an ally.'], 'washington');
    expect(v).toEqual(['author', 'tokyo']);
  });
});

describe('posts in square brackets, perception in a place, owners of holders', () => {
  it('a post tag "[@handle · Place]" takes the place\'s side; an unknown place the document\'s', () => {
    expect(voices(['[@pacificvet · San Diego] Sailed with their navy last year. Best allies we have.'], null)).toEqual(['washington']);
    expect(voices(['[@navywife_yoko · Yokosuka] If there is a war, this base is the first target.'], null)).toEqual(['tokyo']);
    expect(voices(['[@someone · Atlantis] The alliance is fine.'], null)).toEqual(['author']);
  });
  it('"followed closely in Tokyo" is how it is watched there', () => {
    expect(voices(['The state visit was followed closely in Tokyo, where officials have grown touchy.'], 'washington')).toEqual(['tokyo']);
  });
  it('a side owning the holder ("China\'s foreign ministry says") and lower-case senators', () => {
    expect(voices(["Q: China's foreign ministry says Japan is preparing a breakout. Your response?"], 'washington')).toEqual(['other']);
    expect(voices(['Some senators, for their part, want assurances that Japan will do more.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['Analysts in Singapore said the commentary was aimed at a domestic audience.'], 'tokyo')).toEqual(['other']);
  });
});

describe('things, not holders: passives, compounds, prepositions; ambassadors posted abroad', () => {
  it('the subject of a passive act ("was welcomed") is not the one who welcomes; "greeted as" is still a reception', () => {
    expect(voices(['WASHINGTON — President Jiang of China was welcomed on the South Lawn today with a salute.'], 'washington')).toEqual(['author']);
    expect(voices(['In Washington, the decision was greeted as proof of a partnership in its prime.'], 'tokyo')).toEqual(['washington']);
  });
  it('a side in a compound of sides or after "by"/"behind" is no holder', () => {
    expect(voices(['TOKYO — The Japan-U.S. security treaty was extended automatically at midnight, officials confirmed.'], null)).not.toEqual(['tokyo']);
    expect(voices(['Documents released by the Foreign Ministry on Tuesday confirm that the ports were open.'], null)).toEqual(['author']);
    expect(voices(['The anti-Japan mood of those years was fed by fear of Japanese economic power.'], null)).toEqual(['author']);
  });
  it('an ambassador "to Japan" in a tag speaks for the side that sent him, and later turns too', () => {
    const v = voices(['MR. HARTE (former ambassador to Japan): I understand the anger, but nothing has changed.', 'MR. HARTE: Japan is doing more every year.', 'MR. HARTE: What Japanese leaders fear most is our impatience.'], 'washington');
    expect(v).toEqual(['washington', 'washington', 'tokyo']);
  });
});

describe('Japanese: both governments, compounds, relayed appraisals, local officials, plans conveyed', () => {
  it('日米両政府 speak for no one side; 声 inside 声明 is no view noun', () => {
    expect(voices(['日米両政府は5月末までに共同声明をまとめる方向で調整している。'], 'tokyo')).toEqual(['author']);
  });
  it('an appraisal received from the other side (米国防長官からは…との評価をいただいております) is that side\'s (rule 3)', () => {
    expect(voices(['○防衛大臣　米国防長官からは、日本の決断は歴史的だとの評価をいただいております。'], 'tokyo')).toEqual(['washington']);
  });
  it('a foreign paper that 評した holds its view; a mayor or a former superior speaks from where the report is', () => {
    expect(voices(['韓国の有力紙は社説で、日本の防衛政策は「ワシントンの台本どおり」だと評した。'], 'tokyo')).toEqual(['other']);
    expect(voices(['米国防総省は「訓練は続ける」と述べた。', '横須賀市長も「役割を引き続き果たしていく」とあいさつした。'], 'tokyo')).toEqual(['washington', 'tokyo']);
    expect(voices(['かつての上官は「アメリカは来るか分からない」とよく言っていた。'], 'tokyo')).toEqual(['tokyo']);
  });
  it('a plan conveyed (方針を知事に伝えた) is an act reported, not a view (rule 4)', () => {
    expect(voices(['首相はきのう来県し、移設先を辺野古とする方針を知事に伝えた。'], 'tokyo')).toEqual(['author']);
    expect(voices(['首相は「辺野古しかない」と知事に伝えた。'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('Japanese transcripts: titles, chairs, relays received, titles introduced', () => {
  it('the longest side word in a tag decides (国防長官 over 長官); a speaker met before keeps the side', () => {
    const v = voices(['（米上院軍事委員会の公聴会記録より）', 'ワーナー議員：日本は艦船を出すべきだ。', '国防長官：日本の憲法上の制約は理解している。', 'ワーナー議員：日本は傍観者でいられるのか。'], 'washington');
    expect(v.slice(1)).toEqual(['washington', 'washington', 'washington']);
  });
  it('a bare title (委員長, 議員) in a hearing reported from Washington speaks for Washington', () => {
    expect(voices(['ある委員：日本製の自動車にもっと高い関税をかけるべきだ。'], 'washington')).toEqual(['washington']);
    expect(voices(['○中川委員　日本はもっと主張すべきだ。'], 'tokyo')).toEqual(['tokyo']);
  });
  it('a chair\'s procedure carries no view (rule 2)', () => {
    expect(voices(['○委員長　日米関係の現状について質疑を行います。', '○佐野委員　これを日本外しと言わずして何と言うのですか。'], 'tokyo')).toEqual(['author', 'tokyo']);
  });
  it('an explanation received from the other side, or from 先方, relays that side (rule 3)', () => {
    expect(voices(['○外務大臣　米側からは、日本を素通りしたものではないとの説明を受けております。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['○外務大臣　頭越しに処理することはないと、先方から明確な説明を受けております。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['政府は、寄港する原潜は核兵器を積んでいないとの米側の説明を受けていると繰り返した。'], 'tokyo')).toEqual(['washington']);
  });
  it('a tag\'s title introduced with a side before it (来日中の米国務省高官 → 高官：) speaks for that side', () => {
    const v = voices(['来日中の米国務省高官に本紙記者が話を聞いた。', '記者：沖縄の基地はどうなるのか。', '高官：我々は日本を守るという約束をきちんと果たす。'], 'tokyo');
    expect(v[2]).toBe('washington');
  });
});

describe('Japanese letters, posts and media', () => {
  it('an answer signed in brackets with occupation, age and place takes the place\'s side (rule 2)', () => {
    expect(voices(['（会社員　三十四歳　千葉市）返還は喜ばしいが、基地つきでは主権が戻ったとは言えない。'], null)).toEqual(['tokyo']);
    expect(voices(['（商社・常務・大阪）通商では何を言われても飲み込んできた。'], null)).toEqual(['tokyo']);
    // A source note in brackets with nothing after it is no tag.
    expect(voices(['（一九九〇年九月、米上院軍事委員会の公聴会記録より）'], 'washington')).toEqual(['author']);
  });
  it('a post signed with a nickname and a place (【ken・東京】, 【Steve・シカゴ】) is no dateline', () => {
    expect(voices(['【ｋｅｎ・東京】結局、日本はアメリカの保護国のまま。'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['【Ｓｔｅｖｅ・シカゴ】アメリカ人として心から謝りたい。'], 'tokyo')).toEqual(['washington']);
  });
  it('newspapers, broadcasts and reports hold the views they print; a commentary published is an event', () => {
    expect(voices(['韓国の新聞は、日本は米国の指示がなければ何も決められない国だと論評した。'], null)).toEqual(['other']);
    expect(voices(['北朝鮮の放送は、この発言を「日本が核大国を目指している証拠だ」と非難した。'], null)).toEqual(['other']);
    expect(voices(['中国の人民日報は、日本で成立した法律について論評を掲載した。'], null)).toEqual(['author']);
    expect(voices(['中国の国営メディアは、米国はいずれ日本を見捨てるだろうとする論評を掲載している。'], null)).toEqual(['other']);
  });
});

describe('Japanese holders: 米 compounds, parts of a side, more titles, board posts', () => {
  it('米 opening a holder\'s compound (米農務長官, 米空軍の報道担当者) is the United States', () => {
    expect(voices(['米農務長官は、合意を「米国の生産者の勝利だ」と評価した。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['米空軍の報道担当者は「影響を最小限にするよう努めている」とコメントした。'], 'tokyo')).toEqual(['washington']);
    // 日米 is both sides, not the United States.
    expect(voices(['日米協会の会長は「友情は損なわれない」と語った。'], 'tokyo')).not.toEqual(['washington']);
  });
  it('一部の与党議員 are a part of a side\'s people; 一部の識者 are some experts anywhere', () => {
    expect(voices(['米国務省は「配慮している」と述べた。', '一部の与党議員は「対抗措置も辞さない姿勢を示すべきだ」と主張した。'], 'tokyo')).toEqual(['washington', 'tokyo']);
  });
  it('a board post signed with a place (【掲示板・大阪の会社員】) takes the place\'s side', () => {
    expect(voices(['【掲示板・大阪の会社員】結局、言われたら出すんだろうな。'], null)).toEqual(['tokyo']);
  });
});
