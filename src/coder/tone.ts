/**
 * Tone of one sentence (LABELS.md rules 12–13): what the raised codes lend, what a denial lends
 * (clearing the ally of a fear is positive), and the codebook's tone terms, where a negated term
 * turns over ("not broken", 揺らいでいない read as favourable; "no longer trusted" as unfavourable). In English, a
 * reaction word judges a third party's doing only when a third country is the nearest named, and a bitter question
 * judges the ally even where no code or judging word was found.
 */
import { codeInfo, roleCode, type Codebook, type ScanHit } from '../codebook/index.js';
import type { CodeHit, Evidence, Tone } from '../types.js';
import { EN_COMPLEMENT_CUE } from './codes.js';
import { clauseOf, evidence, hitsOf, wordIndex, type Prepared } from './sentence.js';

/** The evidence rule of a code the learned model or the network raised: its wording is a feature, not a judgement. */
const LEARNED_RULE = /^(?:model|net):/u;
/** An English negation turns a tone term over only this close before it ("not really close"). */
const EN_NEG_WORDS = 3;
/** Farther away in its clause, a negation still takes the term's judgement away ("Nobody on the panel suggested a warming"). */
const EN_SCOPE_WORDS = 12;
/** A Japanese backward negation turns a term over only this close after it (信頼関係が良好とは言えない). */
const JA_NEG_CHARS = 8;
/** An object or a place between the term and the negation belongs to another predicate (強硬姿勢を崩していない). */
const JA_OTHER_PREDICATE = /[をにで]/u;
/** A term written as a verb or an adjective in its dictionary form. */
const JA_VERBAL = /[うくぐすつぬぶむるい]$/u;
/** A Japanese inflected term that is itself negative (揺らがない, 信頼できず, 良好とは言えません). */
const JA_NEGATIVE_FORM = /^[^、。]{0,3}?(?:ない|なく|なかっ|ません|ず(?![っつ])|ぬ)/u;
/** A Japanese verb phrase turned over by a negated potential or state (信頼できない, 揺らいでいない). */
const JA_NEG_AFTER = /^(?:れ|られ|い)?(?:ない(?!ため|よう)|なく|なかっ|ません|ず(?![っつ]))|^(?:れる|られる)?ことなく|^[^、。「」]{0,3}?(?:できない|できず|できません|ていない|ていません|ではない|ではありません|とは言えない|とはいえない|はない|がない|もない|もございません|はございません)/u;
/** The term's clause nominalised and denied (揺らぐようなものではありません, 損をしているということは決してございません, ぎくしゃくしているとは全く考えておりません); only kana between, so the denial is the term's own predicate (信頼関係に傷がついたわけではない is not). */
const JA_NOMINAL_NEG = /^[\u3041-\u3096]{0,8}?(?:(?:という|といった|ような|ように)?(?:こと|わけ|もの)(?:は|では|でも)(?:決して|全く|まったく|少しも|いささかも|何ら|必ずしも)?(?:ない|なく|なかっ|ありません|ありませんでし|ございません|ありえない|あり得ない)|とは(?:全く|まったく|少しも|決して)?(?:考えて|思って)(?:いない|おりません|いません|おらず))/u;
/** How far after a Japanese term a nominalised denial may end. */
const JA_NOMINAL_CHARS = 28;
/** A double negative (懸念材料がないわけではない) asserts the term after all. */
const JA_DOUBLE = /^[^、。「」]{0,8}?(?:ないわけでは|ないとは言え|なくはない|ないことはない)/u;

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** How a negation in its clause bears on a tone term. */
type Reading = 'as-is' | 'turned' | 'void';

/** A Japanese pattern that is itself a negative form (揺るぎない) is not turned over by its own ending. */
const JA_PATTERN_NEGATIVE = /(?:ない|なく|ません)=?$/u;

/** Does a negation turn this tone term over ("not broken", 揺らいでいない), take its judgement away ("Nobody suggested a warming"), or leave it? */
function reading(p: Prepared, h: ScanHit): Reading {
  const ignores = hitsOf(p, 'neg-ignore');
  // A cue inside the term's own wording ("never been closer") is part of it; an ignored phrase negates nothing.
  const live = (c: ScanHit): boolean => c.start >= p.bodyStart && !(c.start >= h.start && c.end <= h.end) && !ignores.some((x) => overlaps(x, c));
  const absent = hitsOf(p, 'neg-absence').some((c) => live(c) && clauseOf(p, c.start) === clauseOf(p, h.start));
  if (absent) return 'void';
  if (p.lang === 'ja') {
    const tail = p.text.slice(h.end, h.end + JA_NEG_CHARS + 4);
    if (JA_DOUBLE.test(tail)) return 'as-is';
    // An ichidan verb's match may stop inside its negative ending (支えな|い): the next character is read with it.
    const ownForm = !JA_PATTERN_NEGATIVE.test(h.entry.text) && JA_NEGATIVE_FORM.test(p.text.slice(Math.max(h.start, h.end - 3), h.end + (p.text.endsWith('な', h.end) ? 1 : 0)));
    if (ownForm || JA_NEG_AFTER.test(tail) || JA_NOMINAL_NEG.test(p.text.slice(h.end, h.end + JA_NOMINAL_CHARS))) {
      return ignores.some((x) => x.start >= h.start && x.start <= h.end + JA_NEG_CHARS) ? 'as-is' : 'turned';
    }
    // A verbal term (押しつける) modifies what follows; a negation further on is that predicate's (押しつける構図は変わっていない).
    const reach = JA_VERBAL.test(h.entry.text) ? 0 : JA_NEG_CHARS;
    const back = hitsOf(p, 'neg-backward').some(
      (c) => live(c) && c.start >= h.end && c.start - h.end <= reach && clauseOf(p, c.start) === clauseOf(p, h.end - 1) && !JA_OTHER_PREDICATE.test(p.text.slice(h.end, c.start)),
    );
    return back ? 'turned' : 'as-is';
  }
  const cl = clauseOf(p, h.start);
  let best: Reading = 'as-is';
  for (const c of hitsOf(p, 'neg-forward')) {
    if (!live(c) || c.end > h.start || clauseOf(p, c.start) !== cl) continue;
    const d = wordIndex(p, h.start) - wordIndex(p, c.end - 1);
    // "No sign that relations are improving", "None of this means the alliance is in trouble": the whole complement is denied.
    if (d <= EN_NEG_WORDS || (EN_COMPLEMENT_CUE.test(p.text.slice(c.start, c.end)))) return 'turned';
    if (d <= EN_SCOPE_WORDS) best = 'void';
  }
  const back = hitsOf(p, 'neg-backward').some((c) => live(c) && c.start >= h.end && clauseOf(p, c.start) === cl && wordIndex(p, c.start) - wordIndex(p, h.end - 1) <= EN_NEG_WORDS);
  return back ? 'turned' : best;
}

/** A request or demand reported ("asked Tokyo to", 引き上げるよう求めた, 増やすべきだと主張した). */
const EN_REQUEST = /\b(?:(?:be|being|been|is|are|was|were)\s+(?:asked|pressed|urged|expected)\s+to\b|ask|asks|asked|asking|urge|urges|urged|urging|press|presses|pressed|pressing|expect|expects|expected|expecting|want|wants|wanted|call(?:s|ed)? on|demand|demands|demanded|demanding|request|requests|requested|insist|insists|insisted|encourage|encourages|encouraged|encouraging)\s+(?:(?:the|its|their|our|his|her)\s+)?(?:Japan|Tokyo|Japanese|allies|ally|counterparts?|partners?|for|that)\b/iu;
const JA_REQUEST = /(?:求め|要求|要請|期待|促|働きかけ|打診)(?!に(?:応じ|従)|るべき|を(?:受け入れ|受諾|のむ|のん|呑|飲))|べきだと(?:主張|述べ|語|求め|訴え)|よう(?:に)?(?:言|伝え)|[わさ]せ(?:る(?!べき)|よう|ようと)|てくれと(?:言わ|頼ま|求め)/u;
/** A demand reported in indirect speech just before a code's wording ("has said Japan should", "argued that allies must"). */
const EN_SAID_SHOULD = /\b(?:say|says|said|argue|argues|argued|told)(?:\s[^.;:?!"“”]{0,30}?\sthat)?\s+(?:that\s+)?(?:Japan|Tokyo|(?:our |its |the )?allies)\s+(?:(?:should|must|needs? to|has to|had to|ought to)\s+(?:[^\s.;:?!]+\s+){0,2}["'“‘]?)?$/u;
/** Somebody's judgement of the demand (a worry, a complaint, a rhetorical どこまで): then it is more than reported. */
const JUDGED = /\b(?:worr|fear|concern|complain|resent|anxi|afraid|suspect|grumbl|protest|rall(?:y|ied)|march(?:ed|es)?\b)|懸念|警戒|不安|不満|反発|批判|指摘|困惑|どこまで|いつまで|集会|デモ|恐れ|危惧|憂慮|見透か/iu;
/** A Japanese unit that ends on the writer's own call (…要求すべきだ。, …交渉すべきである。): a judgement, not a report of someone's demand. */
const JA_OWN_CALL = /べき(?:だ|である|です|でしょう)?[。！!」』]*\s*$/u;
/** The speaker's own demand ("I want Tokyo spending…", 私は…求める) judges the ally: it is not only reported. */
const OWN_VOICE = /\b(?:I|I'm|I'd|we|We)\b|私|我々|われわれ/u;

/** A request made in the speaker's own voice that only asks or encourages ("we have urged", "I only ask that"): a report of the demand, not a judgement of the ally. */
const SOFT_REQUEST = /^(?:ask|urg|expect|encourag|request|hope|discuss)/iu;
/** "we have", "I only", "We are" just before the request verb: the speaker is the one asking. */
const OWN_SUBJECT = /\b(?:I|we|We)(?:\s+[a-z]+){0,2}\s*$/u;

/** Does the clause holding this offset of the original sentence end in a question mark? */
function askedAt(p: Prepared, at: number): boolean {
  const end = /[.!?。！？]/u.exec(p.original.slice(at));
  return end !== null && (end[0] === '?' || end[0] === '？');
}

/** Rule 12: a code raised by a demand that the unit only reports or asks about, with nobody's judgement in it, lends no tone. */
function reportedRequest(p: Prepared, r: CodeHit, demand: string | undefined): boolean {
  const body = p.text.slice(p.bodyStart);
  if (JUDGED.test(body) || (p.lang === 'ja' && JA_OWN_CALL.test(body))) return false;
  const re = p.lang === 'ja' ? JA_REQUEST : EN_REQUEST;
  // The learned model's (and the network's) evidence is a feature, not the demand's wording: in Japanese its request (求めた, 打診している) may stand anywhere in the unit.
  const model = LEARNED_RULE.test(r.evidence.rule);
  if (model && p.lang === 'ja' && JA_REQUEST.test(body) && !OWN_VOICE.test(body)) return true;
  // The request's wording is the code's own, or stands just before it ("asked Japan to raise…").
  const from = Math.max(0, r.evidence.start - 12);
  const m = re.exec(p.original.slice(from, r.evidence.end + (p.lang === 'ja' ? 8 : 24)));
  // "the President said Japan should pay more", "is reported to have said that Japan should show the flag": a demand reported in indirect speech.
  if (!m && p.lang === 'en' && r.code === demand) {
    const back = Math.max(0, r.evidence.start - 70);
    const said = EN_SAID_SHOULD.exec(p.original.slice(back, r.evidence.start));
    if (said) return !quoted(p.original, back + said.index) && !(OWN_VOICE.test(body) && !askedAt(p, r.evidence.end));
  }
  // The speaker's own demand judges the ally, unless the speaker only asks or encourages ("we have urged Japan to") or asks about it ("should we be pressing Tokyo to…?").
  if (m && OWN_VOICE.test(body) && !askedAt(p, r.evidence.end) && !(SOFT_REQUEST.test(m[0]) && OWN_SUBJECT.test(p.original.slice(Math.max(0, from + m.index - 24), from + m.index)))) return false;
  // A demand inside a quotation is its holder's own words (「求めているのは対等な同盟だ」), not a report of it.
  return m !== null && !quoted(p.original, from + m.index);
}

/** A demand in plain words, judging nothing by itself ("do more", "will keep asking", "Washington had sought"), unlike "made to pay", "checkbook", "shakedown". */
const EN_PLAIN_DEMAND = /^(?:do more|doing more|carry more of the load|(?:will|would) keep asking|(?:Washington|the Americans|America|the United States) (?:had )?(?:sought|asked)|press(?:es|ed|ing)? Tokyo to|pushed Tokyo to|lean(?:s|ed)? on Tokyo|asking for more|need to spend more|raise defense spending|(?:sought|seek|seeks|seeking) (?:a |an )?(?:(?:much|far|substantial|significant|sizable|larger|bigger|sharp|steep) )*increase)$/iu;

/** Rule 12: the demand code (role `demand`) raised by a plain demand lends no tone unless somebody judges it in the unit. */
function plainDemand(p: Prepared, r: CodeHit, demand: string | undefined): boolean {
  if (p.lang !== 'en' || r.code !== demand || LEARNED_RULE.test(r.evidence.rule)) return false;
  return EN_PLAIN_DEMAND.test(r.evidence.text.trim()) && !JUDGED.test(p.text.slice(p.bodyStart));
}

/** Is this offset of the original sentence inside a quotation (more quotes opened than closed before it)? */
function quoted(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const count = (re: RegExp): number => before.match(re)?.length ?? 0;
  return count(/[「『“]/gu) > count(/[」』”]/gu) || count(/"/gu) % 2 === 1;
}

/** Words of reaction or praise whose object may be anything (a trade deal, a domestic plan, a third country's move, 地域の安定に資する). */
const REACTION = /^(?:反発|不満|疑問|不安|非難|遺憾|困惑|失望|頼れ|歓迎|感謝|重要性|に資する|順調|と訴え|声を震わせ|ため息|納得|顧み|皮肉|と漏ら|都合|差し出)/u;
/** English words of reaction or praise whose object may be anything: a third country's move, a ceremony, a quarrel elsewhere. */
const EN_REACTION = /^(?:welcom|furi|fury|hail|s[ck]eptic|suspicio|scold|lectur|outrage|cynic|prais|applaud|thank|steadfast|warm|tension|bitter|anger|angry|alarm|stunn|disappoint|denounc|irritat|insult|humiliat|complain|frustrat|excessive|damag|soured|strain)/iu;
/** A country or capital named in an English clause: one of the two sides, or a third party. */
const EN_PARTY = /\b(?:(?<ally>Japan(?:ese|'s)?|Tokyo(?:'s)?|U\.S\.|United States|Americans?|America(?:'s)?|Washington(?:'s)?|Pentagon|White House|State Department|Okinawa(?:ns?|'s)?|alliance|allies|ally|bilateral)|(?<third>China|Chinese|Beijing(?:'s)?|Seoul(?:'s)?|(?:South |North )?Kore(?:a|an|ans|a's)|Pyongyang|Taiwan(?:ese|'s)?|Taipei|Australia(?:n|ns|'s)?|Canberra|Vietnam(?:ese)?|Hanoi|Russia(?:n|ns|'s)?|Moscow|Soviets?|India(?:n|ns|'s)?|New Delhi|Philippines?|Filipino|Manila|Europe(?:an|ans)?|Brussels|Blue House|Kremlin|Arab|Arabs|Iraq(?:i|is)?|Baghdad|Britain|British|London|Canad(?:a|ian|ians)|German(?:y|s)?|Berlin|France|French|Paris|Indonesia(?:n|ns)?|Jakarta|Singapore(?:an)?|Malaysia(?:n)?|Thai(?:land)?|Israel(?:i|is)?|Iran(?:ian|ians)?|Ukrain(?:e|ian|ians)|NATO))\b/gu;
/**
 * Does an English reaction word ("welcomed", "tensions", "disappointed") judge a third party's doing rather than the
 * relationship? The nearest country named in its clause decides ("tensions with China", "South Korea's president
 * welcomed the summit"); a clause naming none, or one of the two sides, leaves the judgement to the relationship (rule 12).
 */
function thirdPartyReaction(p: Prepared, h: ScanHit): boolean {
  const cl = clauseOf(p, h.start);
  // A third party judging the alliance itself ("praised the most coordinated U.S.-Japan diplomacy") judges the relationship (rule 12).
  if (EN_ALLIANCE_NAMED.test(p.text.slice(h.end, p.boundaries.find((b) => b > h.end) ?? p.text.length))) return false;
  let best: { d: number; third: boolean } | undefined;
  let before: { d: number; third: boolean } | undefined;
  for (const m of p.text.matchAll(EN_PARTY)) {
    const at = m.index;
    if (at < p.bodyStart || clauseOf(p, at) !== cl) continue;
    const d = at >= h.end ? at - h.end : h.start - (at + m[0].length);
    if (d < 0) continue;
    const third = m.groups?.third !== undefined;
    if (!best || d < best.d) best = { d, third };
    if (at < h.start && (!before || d < before.d)) before = { d, third };
  }
  // A welcome or a denunciation by a third party ("Australia's defense minister welcomed Japan's decision", "TAIPEI — Officials here welcomed…") is its own reaction, whatever it is about.
  if (EN_SUBJECT_REACTION.test(p.text.slice(h.start, h.end)) && (before?.third === true || (before === undefined && EN_THIRD_DATELINE.test(p.original)))) return true;
  return best?.third === true;
}
/** Reaction words whose subject is the one reacting (welcomed, hailed, praised, denounced, was furious). */
const EN_SUBJECT_REACTION = /^(?:welcom|hail|prais|applaud|thank|denounc|furi|fury|anger|angry|outrage|scold|lectur)/iu;
/** A news unit datelined in a third country's capital ("TAIPEI —", "SEOUL, Oct. 12 —"). */
const EN_THIRD_DATELINE = /^\s*(?:TAIPEI|SEOUL|BEIJING|HANOI|SYDNEY|CANBERRA|MANILA|NEW DELHI|MOSCOW|SINGAPORE|JAKARTA|LONDON|BRUSSELS|PYONGYANG)\b/u;
/** An English unit that notes nobody raised a concern ("No one at the table suggested that…", "We found no evidence that…"). */
const EN_ABSENT = /^\s*(?:(?:No|Nobody|No one|None)\b(?:\s+[\w'-]+){0,4}?\s+(?:suggested|took|expressed|raised|mentioned|proposed|argued)\b|We found no evidence\b)/u;
/** A unit opening on a greeting ("Welcome to World Today", "Welcome back"). */
const EN_GREETING = /^\s*Welcome (?:to|back)\b/u;
/** A welcome prescribed or asked about ("Washington should welcome the shift", "Would you welcome that?"): no welcome given. */
const EN_PRESCRIBED = /\b(?:should|ought to|Would you|would you)\s+$/u;
/** Bitterness of a quarrel or a war elsewhere ("two years of bitter argument", "turned bitter enemies into partners"). */
const EN_BITTER_OTHER = /^\s+(?:argument|arguments|debate|debates|enemies|enemy|rivals|rivalry|campaign|election|war|fighting|winter)\b/iu;
/** English words of pleasure that may only offer ("would be glad to"). */
const EN_OFFERED = /^(?:glad|pleased|delighted)/iu;
/** English words welcoming or applauding whatever they are about. */
const EN_WELCOME = /^(?:welcom|applaud|prais|hail|cheer)/iu;
/** The alliance or the two sides together named after a reaction word. */
const EN_ALLIANCE_NAMED = /\b(?:alliance|U\.S\.-Japan(?:ese)?|US-Japan(?:ese)?|Japan-U\.S\.|Japan-US|Japanese-American|American-Japanese|two allies|bilateral|(?:Japan|Tokyo) and (?:the United States|Washington|America)|(?:the United States|Washington|America) and (?:Japan|Tokyo))\b/u;
/** A welcome that is a greeting or a ceremony ("Welcome back to…", "was welcomed with a 21-gun salute"), not a judgement. */
const EN_CEREMONY_AFTER = /^\s+(?:back|with|on the|at the|to the)\b/iu;

/** The relationship or the ally named in a Japanese unit: the alliance, the two countries, the U.S. and its attitude to Japan. */
const JA_RELATIONSHIP = /日米|同盟|両国|両政府|米国|米政権|米政府|米側|米軍|アメリカ|対日|対米|安保/u;

/** A bitter question in English: asked only to accuse ("What exactly do we get for that?", "Whose parliament do you think this is?", "Is your defense policy made in Tokyo or in Washington?"). */
const EN_BITTER_Q = /\b(?:exactly|whose|for whom|then why|what(?:'s| is| was) the point|why (?:should|must|are|is|do|does|would|can't|don't|doesn't|won't)|or in (?:Washington|Tokyo)|is that what|supposed to|who(?:'s| is) the)\b[^.!?]*\?["'”’]?\s*$/iu;

/** A Japanese question closing a quotation (…のか」と, …ではないか」と, …だろうか」と): asked in someone's words, to complain. */
const JA_QUOTED_Q = /(?:のか|ないか|のですか|でしょうか|だろうか)[？?]?」と/u;

/** Praise reported in irony ("We are told this is a golden age", "the so-called cornerstone", "stop imagining it was indispensable"): no praise given. */
const EN_IRONY = /\b(?:we(?: are|'re|'ve been| were| have been) told|so-called|supposedly|stop imagining|pretend(?:s|ed|ing)? (?:that|to))\b[^.!?;]*$/iu;

/** A Japanese question or condition right after a term (…のか。, …ば, …なら). */
const JA_ASKED = /^[るいた]?(?:の(?:だろう|でしょう)?か[。？?」]|か[。？?」]|ば|なら|たら)/u;
/** A concession: the unfavourable term stands in a clause the main, favourable clause overrides. */
const JA_CONCEDED = /^[^。]{0,12}?(?:ても|でも|乗り越え|にもかかわらず|を経て)/u;
const EN_CONCEDED = /\b(?:despite|in spite of|for all|notwithstanding|overcame|overcome|weathered|survived|I understand|we understand)\s+(?:\S+\s+){0,4}$/iu;
function conceded(text: string, neg: Evidence, pos: Evidence): boolean {
  if (JA_CONCEDED.test(text.slice(neg.end, pos.start))) return true;
  return EN_CONCEDED.test(text.slice(Math.max(0, neg.start - 50), neg.start));
}

/** A fear, doubt or complaint named in a tone term ("fear that America…", "the complaint that Japan gets a free ride", 不安, 不満): answered by a denial, it is no blame. */
const FEAR = /^(?:fear|worr|grumbl|anxi|doubt|suspicion|wary|uneas|nervous|dread|misgiving|jitter|complain|grievance|不安|懸念|心配|危惧|恐れ|おそれ|不満)/iu;
/** A term naming an imposition or pressure on a side. */
const IMPOSED = /^(?:押し付|押しつ|突きつ|迫られ|強い要請|無理難題|under pressure|arm-twist|strong-arm|extort|bull)/iu;
/** A complaint denied in its own words ("without complaint") is turned over, not set aside. */
const COMPLAINT = /^(?:complain|grievance|不満)/iu;

/** Just before an English word of anger: the speaker acknowledges it ("I understand the", "some sympathy for the"; "I share the anger" holds it). */
const EN_ACKNOWLEDGED = /\b(?:understand|understands|understood|sympathy for|sympathize with|sympathise with)\s+(?:(?:the|their|his|her|your|my|our|this|that|some|of|colleague's|colleagues'|people's)\s+){0,3}$/iu;

/** A turn after a favourable judgement: ", but", "; yet", だが、, しかし, ただ、, ものの. */
const CONTRAST = /(?:,|;)\s+(?:but|yet|though|although)\s|\s(?:but|yet)\s+(?:said|says|noted|notes|added|warned|cautioned|insisted|doubted|doubt|worried|worry|questioned|complained)\b|[.!?]\s+(?:But|Yet)\s|\s(?:but|yet)\s+(?:that|not)\s|,\s+even (?:if|as|though)\s|\bI (?:just|only) wish\b|\b[Bb]oth (?:can be|things are|are) true\b|(?:だが|しかし|ただ|けれど|けれども|ものの)、/u;

/** Is there another favourable tone term or code after the turn (original offsets)? */
function posAfter(p: Prepared, pos: Evidence, from: number): boolean {
  const at = pos.end + from;
  return hitsOf(p, 'tone-positive').some((h) => evidence(p, h.start, h.end, '').start >= at);
}

/** A Japanese question about a worry, or one that asserts (…心配はありませんか, …ではないですか): it carries the concern. */
const JA_ASKS_WORRY = /懸念|心配|恐れ|おそれ|不安|ないですか|ありませんか|ではないか|ないのか/u;
/** A view reported as held by someone (critics say, officials are asking, "some read that as"): a question that reports it carries its judgement. */
const REPORTED_VIEW = /\b(?:say|says|said|saying|think|thinks|believe|believes|read|reads|asking|argue|argues|argued|complain\w*|critics?|accus\w*|call(?:s|ed)?\s+it)\b|との(?:声|見方|指摘|批判|懸念)|と(?:言って|指摘|批判)/iu;

/** A fear, a perception or a feeling held by someone, stated in English ("Japanese commentators worry that", "there's a perception in Tokyo that", "newspapers are calling it a snub"). */
const EN_HELD_VIEW = /\b(?:worry|worries|worried|fear|fears|feared|perception|assume|assumes|assumed|feel|feels|felt|calling|see (?:Japan|Tokyo|it|the alliance|us|them) as)\b/iu;

/**
 * Is this unit an interviewer's question (a `Q:` or `Moderator:` tag, a Japanese dash) that asks and reports no
 * one's view? It only asks about a demand or a concern: nobody judges the relationship in it (rule 12).
 *
 * @example
 * interviewerAsks(prepare('Q: Did he ask for a specific spending target?', cb)); // true
 */
export function interviewerAsks(p: Prepared): boolean {
  const tag = p.tag;
  if (!tag) return false;
  const q = tag.interviewer === true || hitsOf(p, 'interviewer').some((h) => h.start < tag.end && (h.start === 0 || tag.label.trim() === p.text.slice(h.start, h.end)));
  const jaAsks = p.lang === 'ja' && /か[。」]*\s*$/u.test(p.original) && !JA_ASKS_WORRY.test(p.text);
  if (!q || !(jaAsks || /[?？]["'”’」]?\s*$/u.test(p.original))) return false;
  const body = p.text.slice(p.bodyStart);
  // A fear or a perception stated before the question ("People in Tokyo worry that… Is that fear justified?") is reported, not asked ("Are you worried that…?" is asked).
  const stated = p.lang === 'en' ? body.slice(0, Math.max(0, body.search(/[.!]\s+[^.!?]*\?["'”’]?\s*$/u))) : '';
  return !REPORTED_VIEW.test(body) && !EN_HELD_VIEW.test(stated);
}

/** The rules' tone of one sentence, with its evidence; `negatedTerm` when the tone rests on a judging word a negation turned over. */
export interface RuleTone {
  tone: Tone;
  toneEvidence: Evidence[];
  negatedTerm?: boolean;
}

/**
 * Decide the tone of one prepared sentence from its raised and negated codes and its tone terms.
 * A code denied through an absence cue ("no one raised") lends nothing (rule 13).
 *
 * @example
 * const p = prepare('The alliance is strained, but it is not broken.', cb);
 * decideTone(p, cb, [], []).tone; // 'mixed'
 */
export function decideTone(p: Prepared, cb: Codebook, raised: readonly CodeHit[], negated: readonly CodeHit[]): RuleTone {
  // Judging words a negation turned over ("not broken", 亀裂は生じていない): a structural reading the tone model needs a wider margin to overrule.
  const turned = new Set<Evidence>();
  // Most sentences raise nothing and hold no tone term.
  if (raised.length === 0 && negated.length === 0 && !p.byKind.has('tone-positive') && !p.byKind.has('tone-negative') && !(p.lang === 'en' && p.original.includes('?')) && !(p.lang === 'ja' && JA_QUOTED_Q.test(p.text))) return { tone: 'neutral', toneEvidence: [] };
  const info = codeInfo(cb);
  // A call to assert or equalise (role `call`, rule 9): dev.jsonl reads such a call, reported or not, as a judgement of the
  // relationship (12 of 12 units non-neutral), so the reported-request reading of rule 12 does not apply to it.
  const call = roleCode(cb, 'call');
  const demand = roleCode(cb, 'demand');
  let pos: Evidence | undefined;
  let neg: Evidence | undefined;
  // A code the learned model or the network raised lends its tone only where the rules found none (its wording is a feature, not a judgement).
  let modelPos: Evidence | undefined;
  let modelNeg: Evidence | undefined;
  for (const r of raised) {
    const t = info.get(r.code)?.tone;
    const fromModel = LEARNED_RULE.test(r.evidence.rule);
    // Praise reported in irony ("We are told this is a golden age") lends no praise.
    if (t === 'positive' && p.lang === 'en' && EN_IRONY.test(p.original.slice(Math.max(0, r.evidence.start - 80), r.evidence.start))) continue;
    if (t === 'positive') {
      if (fromModel) modelPos ??= r.evidence;
      else pos ??= r.evidence;
    }
    if (t === 'negative' && (r.code === call || !(reportedRequest(p, r, demand) || plainDemand(p, r, demand)))) {
      if (fromModel) modelNeg ??= r.evidence;
      else neg ??= r.evidence;
    }
  }
  // "No participant suggested that…", "We found no evidence that…": an absence noted, as the absence cues (rule 13).
  const absent = p.lang === 'en' && EN_ABSENT.test(p.text.slice(p.bodyStart));
  for (const n of negated) {
    if (n.negation?.rule.startsWith('negation:absence') || absent) continue;
    const t = info.get(n.code)?.deniedTone;
    if (t === 'positive') pos ??= n.negation ?? n.evidence;
    if (t === 'negative') neg ??= n.negation ?? n.evidence;
  }
  const terms = [...hitsOf(p, 'tone-positive').map((h) => ({ h, positive: true })), ...hitsOf(p, 'tone-negative').map((h) => ({ h, positive: false }))];
  // Longer terms first, so that "never been closer" speaks before the "closer" inside it.
  terms.sort((a, b) => b.h.end - b.h.start - (a.h.end - a.h.start));
  // A term inside a code's or a denial's wording (ただ乗り, "free ride") already speaks through that code's decision.
  const taken: ScanHit[] = [...hitsOf(p, 'code'), ...hitsOf(p, 'deny')];
  // A judging word between a denied code and its denial (一方的に損をしている関係とは言えない) is denied with it: it speaks through the denial's tone.
  const deniedSpans = negated.flatMap((n) => (n.negation && !n.negation.rule.startsWith('negation:absence') ? [{ start: Math.min(n.evidence.start, n.negation.start), end: Math.max(n.evidence.end, n.negation.end) }] : []));
  // A reaction (反発, 不満, welcome) judges the relationship only in a unit about it: one raising a concern or naming the alliance.
  // A code that lends no tone of its own (nuclear: talk of the bomb) does not make the unit one about the relationship: a third party's 非難 of it judges the bomb talk.
  const aboutRelationship = p.lang === 'en' || raised.some((r) => info.get(r.code)?.tone !== 'neutral') || negated.length > 0 || JA_RELATIONSHIP.test(p.text);
  for (const { h, positive } of terms) {
    if (h.start < p.bodyStart || taken.some((t) => overlaps(t, h))) continue;
    if (!aboutRelationship && REACTION.test(p.text.slice(h.start, h.end))) continue;
    // 不安定 (unstable) is not 不安 (anxiety).
    if (p.lang === 'ja' && p.text.startsWith('不安定', h.start)) continue;
    if (p.lang === 'en' && EN_REACTION.test(p.text.slice(h.start, h.end))) {
      if (/^welcom/iu.test(p.text.slice(h.start, h.end)) && (EN_CEREMONY_AFTER.test(p.text.slice(h.end)) || EN_GREETING.test(p.text.slice(p.bodyStart)) || EN_PRESCRIBED.test(p.text.slice(Math.max(p.bodyStart, h.start - 16), h.start)))) continue;
      if (/^bitter/iu.test(p.text.slice(h.start, h.end)) && EN_BITTER_OTHER.test(p.text.slice(h.end))) continue;
      if (thirdPartyReaction(p, h)) continue;
    }
    // "I would be glad to…", "We'd be pleased to…": an offer, not a judgement.
    if (positive && p.lang === 'en' && EN_OFFERED.test(p.text.slice(h.start, h.end)) && /\b(?:would|'d|will) be\s+$/iu.test(p.text.slice(Math.max(p.bodyStart, h.start - 12), h.start))) continue;
    // A fear named in order to be answered ("The fear that America will walk away is not supported", "…: we are not going anywhere") is no blame.
    // "I doubt the Americans would ever…" denies rather than fears.
    const named = p.text.slice(h.start, h.end);
    if (!positive && FEAR.test(named) && (negated.length > 0 || raised.some((r) => info.get(r.code)?.tone === 'positive') || (!COMPLAINT.test(named) && [...hitsOf(p, 'neg-forward'), ...hitsOf(p, 'neg-ignore')].some((c) => overlaps(c, h))))) continue;
    // Anger acknowledged in order to answer it ("I understand the frustration, but…", "said he understood the anger") is no blame of the ally.
    if (!positive && p.lang === 'en' && EN_ACKNOWLEDGED.test(p.text.slice(Math.max(p.bodyStart, h.start - 40), h.start))) continue;
    taken.push(h);
    // A judging word inside a concern nobody raised ("None of them expressed concern that… any cooling") judges nothing.
    if (absent && clauseOf(p, h.start) === clauseOf(p, p.bodyStart)) continue;
    const r = reading(p, h);
    if (r === 'void') continue;
    if (r === 'as-is' && !positive && deniedSpans.length > 0) {
      const e = evidence(p, h.start, h.end, '');
      if (deniedSpans.some((d) => e.start >= d.start && e.end <= d.end)) continue;
    }
    // An imposition denied (押し付けられたものではございません, "not under pressure") is a side's own decision: neutral, not praise (rule 13).
    if (r === 'turned' && !positive && IMPOSED.test(named)) continue;
    // Praise asked about or supposed (本当に頼れるのか, 情報に頼れば) is no praise given.
    if (positive && p.lang === 'ja' && JA_ASKED.test(p.text.slice(h.end, h.end + 8))) continue;
    // Praise reported in irony ("we are told", "so-called") is no praise given.
    if (positive && p.lang === 'en' && EN_IRONY.test(p.text.slice(Math.max(p.bodyStart, h.start - 80), h.start))) continue;
    const reads = r === 'turned' ? !positive : positive;
    const ev = evidence(p, h.start, h.end, h.entry.rule);
    if (r === 'turned') turned.add(ev);
    if (reads) pos ??= ev;
    else neg ??= ev;
  }
  if (!pos && !neg) {
    pos = modelPos;
    neg = modelNeg;
  }
  // A bitter question judges the ally even where no code or judging word was found (its concern is in the asking).
  if (!neg && p.lang === 'en') {
    const q = EN_BITTER_Q.exec(p.text);
    if (q && q.index >= p.bodyStart) neg = evidence(p, q.index, q.index + q[0].length, 'tone:bitter-question');
  }
  // A question quoted as someone's words (「…のか」と, 「…ではないか」と語った) is asked to complain: it judges the ally, unless the unit only talks of the bomb (round 11).
  if (!neg && p.lang === 'ja' && !(raised.length > 0 && raised.every((r) => info.get(r.code)?.tone === 'neutral'))) {
    const q = JA_QUOTED_Q.exec(p.text);
    if (q && q.index >= p.bodyStart) neg = evidence(p, q.index, q.index + q[0].length, 'tone:quoted-question');
  }
  // A welcome of the concern itself ("nationalists would welcome any slight as proof…", "applauded… an equal alliance") is no praise of the relationship.
  if (pos && neg && p.lang === 'en' && pos.rule.startsWith('tone:') && neg.rule.startsWith('code:') && EN_WELCOME.test(pos.text) && !/\b(?:but|yet|while|though)\b/iu.test(p.original.slice(Math.min(pos.end, neg.end), Math.max(pos.start, neg.start)))) pos = undefined;
  // "Despite friction over trade, ties remain solid", 摩擦を乗り越えて…揺るぎない: a concession that the praise overrides is no blame.
  if (pos && neg && neg.rule.startsWith('tone:') && neg.end <= pos.start && conceded(p.original, neg, pos)) neg = undefined;
  // "The alliance is sound, but its future depends on one man's moods": praise then a turn with no praise of its own is mixed.
  if (pos && !neg) {
    const turn = CONTRAST.exec(p.original.slice(pos.end));
    if (turn && !posAfter(p, pos, turn.index + turn[0].length)) neg = evidence(p, 0, 0, 'tone:contrast');
  }
  // An interviewer's bare question judges nothing, whatever concern it names.
  if ((pos || neg) && interviewerAsks(p)) return { tone: 'neutral', toneEvidence: [] };
  const tone: Tone = pos && neg ? 'mixed' : pos ? 'positive' : neg ? 'negative' : 'neutral';
  const decisive = tone === 'positive' ? pos : tone === 'negative' ? neg : undefined;
  return { tone, toneEvidence: [pos, neg].filter((e): e is Evidence => e !== undefined), ...(decisive && turned.has(decisive) ? { negatedTerm: true } : {}) };
}
