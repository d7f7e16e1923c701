/**
 * Codes and negation of one sentence (LABELS.md rules 6–11): code patterns with sense
 * exclusions, negation cues with a clause scope, outright denials, and back-references to a view
 * dismissed ("That complaint does not survive…"). Tone is decided in tone.ts.
 */
import { codeInfo, roleCode, type Codebook, type ScanHit } from '../codebook/index.js';
import type { CodeHit, Evidence } from '../types.js';
import { clauseOf, clauseStart, EN_SENTENCE_BREAK, EN_SENTENCE_BREAKS, evidence, hitsOf, sentenceSpans, wordIndex, type Prepared } from './sentence.js';

/** An English negation reaches this many words ahead at most (a relative clause's "never" does not reach the main verb's object). */
const FORWARD_WORDS = 12;
/** An English negation stops at a conditional or concessive clause it governs ("never once" is no clause) ("will not object if we ask them to pay more" keeps the demand) and at a relative ", where" or a reported ", saying" clause ("dismissed the idea…, saying the alliance would remain"); "not … because" still denies the reason. */
const EN_SUBORDINATE = /\b(?:if|unless|until|till|whether|although|though|(?<!^\s*|\b(?:never|not|at)\s+)once)\b|,\s*(?:where|which|saying|adding|arguing|insisting|because)\b|,\s*and\s+(?:I|we|they|he|she|it|Japan|Tokyo|Washington|America|the)\b|,\s*(?:and|but)\s+(?:insist|said|say|add|argu|stress|warn|repeat|note|told|call|describ|promis|vow|pledg|reaffirm)\w*/iu;
/** A second verb coordinated after the negated one ("shrugging off its restraints and reclaiming…", "was not worth the fight and left Japan…"): the negation stays with the first. */
const EN_AND_VERB = /\band\s+(?:[a-z]+ing|left|took|made|gave|sent|went|put|kept|let|decided|chose|turned|would|will|could|should|must|can)\b/u;
/** An English negation inside an indirect question ("asked whether Japan could afford to rule out a bomb") asks, it does not deny (rule 6). */
/** An English negation whose own phrase is closed by a comma ("a security umbrella it never has to open, paid for by…"): what follows the comma is outside its scope. A list ("make, hold or bring in") and a short parenthesis (", officials stressed,") do not close it. */
const EN_COMMA_CLOSED = /^\s*[^\s,]+[^,]*,\s(?!\s*(?:[\w'-]+\s+){1,2}(?:or|and|nor)\b|\s*(?:[^\s,]+\s+){0,4}[^\s,]+\s*,)/u;
/** A negation a few words before "without" in its clause makes a double negative ("cannot sneeze without its master's permission", "rarely moves without clearing it"): what follows is asserted. */
const EN_NEGATED_BEFORE = /\b(?:not|never|cannot|no|nothing|rarely|seldom|hardly)\b|n't\b/iu;
const EN_WITHOUT = /^without$/iu;
/** The other half of that double negative: a negation with "without" between it and the hit ("would never have dared to go ahead without Washington's blessing") asserts the hit. */
const EN_WITHOUT_BETWEEN = /\bwithout\b/iu;
/** A verb after "without" ends its phrase ("a United States without a Soviet enemy would lose interest"): the negation covers the noun phrase, not the clause. */
const EN_VERB_AFTER_WITHOUT = /\b(?:would|will|could|might|can|should|must|is|was|are|were|has|had|have)\b/iu;
/** A stand-alone answer ("No.", "Not at all.", "Never!"): it dismisses what was asked, it does not reach the next sentence. */
const EN_ANSWER_CUE = /^\s*[.!]/u;
const EN_INDIRECT_QUESTION = /\b(?:whether|asked if|asks if|ask if|wondered if|wonders if)\b/iu;
/** An English cue that introduces a complement ("no sign that", "nothing to suggest"): it reaches the whole clause, however long. */
/** A negated holder followed by a verb of belief, saying or proposing ("no one … believes Washington would leave them", "no responsible U.S. politician … has ever advocated X"): the denial reaches the whole complement, however long the holder (an abbreviation's period included). */
const EN_HOLDER_BELIEF = /^\s(?:(?:[^,;:.?!]|\.(?=\w|\s+[a-z]))*\s)?(?:believes?|believed|thinks?|thought|expects?|expected|imagines?|imagined|suggests?|suggested|plans?|planning|planned|intends?|intended|proposes?|proposed|advocates?|advocated|urges?|urged|favou?rs?|favou?red|seriously\s+\w+)\s/iu;
/** The quantifier cues that name a holder ("no one", "nobody", "none of"). */
const EN_HOLDER_CUE = /^(?:no one|nobody|none|no|few|hardly anyone|scarcely anyone|almost nobody|almost no one|very few)$/iu;
export const EN_COMPLEMENT_CUE = /\b(?:that|of|suggests?|indicates?|shows?|means|implies)$/iu;
/** A Japanese coordinate clause closed by its own predicate (…であり、 …ており、 …するだけで、 …求めるばかりで、): a negation after it does not reach back into it. */
const JA_COORDINATE = /(?:あり|おり|おります|ており|ます|せず|だけで|ばかりで)、/u;
/** A Japanese clause closed by a て/で/く-form and a comma (強固で、 緊密で、 良好であり、), with a new clause after it. */
const JA_TE_CLOSED = /^[^、。「」]{0,3}(?:で|て|く|であり)、/u;
/** A concern's own wording closed by a bare て/で and a comma: the clause after it is another clause. */
const JA_TE_COMMA = /^[でて]、/u;
/** A Japanese conditional, concessive or reason clause (…なら、 …のに、 …ので、): a negation after it does not reach back into it (対等だと言うのなら、言われっぱなしではなく). */
const JA_SUBORDINATE = /(?:なら|ならば|れば|ても|(?<!ま)でも|たら|のに|(?<!も)ので|から|ながら)、/u;
/** What may stand between a topic and the quotation that speaks of it (核武装については「…」). */
const JA_TOPIC_BEFORE_QUOTE = /^[^、。「」]{0,12}(?:については|について|に関しては|は|も)、?$/u;
/** What may stand between a Japanese quotation and the cue that denies it (「…」との批判は, 「…」みたいな話, 「巻き込まれる」ことを過度に恐れる, 「追従」の一言で片づける). */
const QUOTE_TO_CUE = /^(?:(?:と|との|という|って|とか|は|みたいな|のような|といった|なんて|など|こと|の)[^、。「」]{0,14})?$/u;
/** A claim reported as a stock view with no holder: …という話/見方/声, "the idea that …". */
/** Also a claim put in the mouth of unnamed people (…なんて言う人もいる, …とか言う人いる, …という人もいる, …という意見もある): no holder is named (rule 6). */
const JA_STOCK_CLAIM = /^[^。「」]{0,8}?(?:(?:という|との|って)(?:話|見方|声|説|議論|主張|批判|指摘|意見|通説)|(?:という|とか|なんて|って|と)(?:言う|いう)?人(?:も|が)?(?:いる|います|おり|多い))/u;
const EN_STOCK_CLAIM = /\bthe\s+(?:idea|claim|notion|talk|story|suggestion|charge|complaint|myth|fear|assumption|belief|caricature|stereotype)\s+(?:that|of)\s+[^,;:.?!]*$/iu;
/** A predicate that declares a stock claim false ("the story that … has never been true", "the idea that … is simply wrong", "the fear … proved unfounded", "… It has yet to happen"). */
const EN_FALSITY = /\b(?:(?:has|have|had)\s+never\s+been\s+true|(?:is|was|are|were)\s+(?:simply\s+|just\s+|largely\s+|badly\s+|long\s+|hopelessly\s+)?(?:not\s+true|untrue|false|wrong|a\s+myth|mistaken|outdated|out\s+of\s+date|overblown|exaggerated|unfounded|baseless|groundless)|(?:did|does|do)\s+not\s+survive|(?:has|have)\s+yet\s+to\s+happen|never\s+happened|proved\s+(?:unfounded|wrong|false|groundless|baseless|mistaken)|(?:has|have)\s+not\s+(?:come\s+true|materiali[sz]ed|happened))\b/iu;

/**
 * Round 10b: a claim put in the mouth of nobody in particular ("People say …", "Some folks say …", "It is often said that
 * …", "Some ask whether …"), or listed as a myth ("Myth two: …"), and answered in the next sentence of the same unit
 * ("I don't buy it.", "It does not;", "We aren't.", "Not this one;", "The record says otherwise."): a stock claim dismissed (rule 6).
 */
const EN_GENERIC_CLAIM = /^\s*(?:(?:(?:Some|Many|Lots of|A lot of|Plenty of)\s+)?(?:people|folks)\b|(?:Some|Others|Everyone|Everybody)\s+(?:\w+\s+)?(?:say|says|ask|asks|think|thinks|claim|claims|believe|believes|insist|insists|keep saying)\b|(?:It is|It's)\s+(?:often\s+|sometimes\s+|commonly\s+|widely\s+|still\s+)?(?:said|claimed|argued|assumed|suggested)\b|(?:You|We|I)\s+(?:often\s+|still\s+|sometimes\s+|keep\s+)?(?:hear|hearing)\b)/iu;
/** Round 11: a ", but" later in the same sentence (the answer to a claim of nobody in particular). */
const EN_BUT_SAME_SENTENCE = /^[^.;!?]*?,\s*but\b/u;
/**
 * Round 11: a stock claim quoted at the head of the unit with no holder ("Japan pays us nothing for protecting them." False: …;
 * "Japan can never say no to Washington." It has, on whaling …), then answered by a rebuttal in the next sentence (rule 6).
 * `EN_QUOTED_CLAIM` matches the body's opening quotation (a list label may stand before it); `EN_QUOTE_REBUTTAL` the answer's start.
 */
const EN_QUOTED_CLAIM = /^\s*(?:(?:One|Two|Three|Four|Five|Six|Seven|Myth(?:\s+\w+)?|Claim(?:\s+\w+)?)\s*:\s*)?["\u201c][^"\u201d]{8,220}?[.!]["\u201d]\s+(?=[A-Z])/u;
const EN_QUOTE_REBUTTAL = /^(?:Not\b|No\b|False\b|Wrong\b|Nonsense\b|Come on\b|Hardly\b|Untrue\b|Misleading\b|There (?:is|was|has been) no\b|There's no\b|Nothing\b|None\b|Every\b|Experts\b|(?:It|They|Japan|Tokyo) (?:has|have|did|does),|(?:It|That|This) (?:is not|isn't|was not|wasn't)\b|That's not\b|Far from\b)[^?]*?(?:[.!](?:\s|$)|$)/u;
/** Round 11: a fact-check entry ("CLAIM: … VERDICT: False.", "Claim three: '…' Verdict: no evidence; …"): the claim is denied (rule 6). */
const EN_CLAIM_LABEL = /^\s*(?:CLAIM|Claim(?:\s+\w+)?)(?:,[^:]{0,40})?\s*:/u;
const EN_VERDICT_FALSE = /\bVERDICT\s*:\s*(?:false|no evidence|untrue|wrong|baseless|unfounded)\b/iu;
const EN_MYTH_LABEL = /^\s*Myth(?:\s+(?:one|two|three|four|five|six|seven|\d+))?\s*:/iu;
/**
 * Round 11: "People who say Japan freeloads haven't looked at the numbers", "Anyone who thinks Japan is being dragged into a
 * war has not been paying attention", "Whoever says they're freeloading should look at the bill": a claim held by anyone
 * at all (no named holder), answered in the same sentence by sending its holders to the facts, is dismissed (rule 6).
 * `EN_ANYONE_WHO_SAYS` is matched on the sentence before the code's wording, `EN_GO_LOOK` on the sentence after it.
 */
const EN_ANYONE_WHO_SAYS = /(?:^|[.;:!?/]\s*|,\s+)(?:(?:The\s+)?(?:people|anyone|anybody|everyone|everybody)\s+who|whoever)\s+(?:still\s+|keeps?\s+|likes?\s+to\s+)?(?:says?|said|talks?\s+about|thinks?|claims?|calls?|insists?|believes?|complains?)\b[^.;:!?]*$/iu;
/** Round 11: the ally named by a favourable epithet ("your best friend", "our closest ally", "a valued partner"). */
const EN_ALLY_EPITHET = /\b(?:best|closest|most\s+important|most\s+valued|valued|most\s+trusted|trusted|dearest|oldest|most\s+reliable|staunchest|indispensable)\s+(?:friend|friends|friendship|ally|allies|partner|partners)\b/iu;
/** Round 11: nothing but a copula, determiners and adverbs between a negation and an epithet ("is not our closest ally"): the epithet itself is denied. */
const EN_COPULA_ONLY = /^\s*(?:(?:is|are|was|were|be|been|being|become|becomes|became|any|longer|really|truly|exactly|quite|necessarily|always|yet|so|such|the|a|an|our|its|their|your|his|her|my|America's|Japan's|Washington's|Tokyo's)\s+)*$/iu;
const EN_GO_LOOK = /^[^.;!?]*?\b(?:(?:haven't|hasn't|have\s+not|has\s+not|never)\s+(?:\w+\s+)?(?:looked|seen|read|checked|visited|been\s+paying\s+attention|paid\s+attention|lived|served|met)|(?:should|ought\s+to|needs?\s+to|must)\s+(?:\w+\s+)?(?:look|come|go|read|check|visit|spend|talk|see|stand)|(?:doesn't|does\s+not|don't|do\s+not)\s+(?:really\s+)?(?:understand|know\s+(?:much|what|how|the))|(?:is|are)\s+(?:simply\s+|just\s+|badly\s+)?(?:wrong|mistaken|misinformed))\b/iu;
const EN_REBUTTAL_NEXT = /^\s*(?:(?:I|We)\s+(?:don't|do not|didn't|did not|never|can't|cannot)\s+(?:see|buy|believe|think|accept|agree)\b|(?:It|They|We|That|This|He|She)(?:\s+(?:does|do|did|is|are|was|were|will|would|has|have))?(?:n't|\s+not)(?=\s*[.,;:!\u2014\u2013]|\s+(?:and|but)\b)|(?:It|They|We|That)(?:'s|'re)\s+not(?=\s*[.,;:!\u2014\u2013])|Not\s+(?:this|that|so|true|really|here|us|anymore)\b|No[.;,!]|(?:False|Nonsense|Wrong|Hardly|Rubbish)\b|(?:That|This|It)(?:'s|\s+is)\s+(?:a\s+myth|false|untrue|wrong|nonsense)\b|(?:The|Its|Their|Our)\s+[^.;]{0,40}?\b(?:says?|suggests?|shows?|tells?)\s+(?:otherwise|a different story))/u;
/**
 * Round 10b: "Asked whether Japan might build the bomb, he said no / shook his head / said nobody wanted it": a concern
 * asked about in a leading "Asked whether/if/about …," clause and answered in the negative by the main clause is denied.
 * "said only that …" is an evasion, no answer.
 */
const EN_ASKED_CLAUSE = /^\s*(?:When\s+|And\s+)?asked\s+(?:whether|if|about)\b[^,]*,/iu;
const EN_ASKED_ANSWER_NO = /\b(?:no|not|never|nobody|nothing|none|no one)\b|n't\b|\bshook\s+(?:his|her|their)\s+heads?\b|\blaughed\b/iu;
const EN_ASKED_EVASION = /\b(?:said|replied|answered)\s+only\b|\bonly\s+that\b|\bdeclined\b|\bno,\s+(?:only|just|merely|but)\b/iu;
/** A negation under a modal of doubt ("might not", "may not", "would not", "wouldn't", "won't"), ending the text it is tested on. */
const EN_MODAL_NEGATION = /\b(?:(?:might|may|would|could|will)\s+not|wouldn't|won't|mightn't|couldn't)$/iu;
/** Round 10c: "anti-American(ism)" as the negated wording of nationalism. */
const EN_ANTI_AMERICAN = /^anti-American/iu;
/** Round 10c: a call to assert or equalise beside the disclaimer ("should have the same rights", "we only ask", "simply fair"). */
const EN_NATIONALIST_CALL = /\b(?:should|ask|asks|asking|sovereign|fair|rights|equal|a say)\b/iu;
/** Round 10c: the ally's promise reported ("the U.S. side has assured us that … will", "the Secretary told his counterpart that … would"), ending the text before a denied abandonment. */
const EN_ALLY_PROMISE = /\b(?:U\.S\.(?=\s)|(?:American|Americans|Washington|United States|Secretary|White House|State Department|Pentagon)\b)(?:[^.;:?]|(?<=[A-Z])\.){0,60}?\b(?:assured|assures|promised|promises|pledged|pledges|vowed|vows|told|tells|guaranteed|said|says|insisted|insists)\b(?:[^.;:?]|(?<=[A-Z])\.)*$/u;
/** A promise's modal ("will", "would"), in the sentence after the reporting verb. */
const EN_PROMISE_MODAL = /\b(?:will|would|shall|won't|wouldn't)\b/u;
/** Round 10c: the ally's commitment named as a bare noun ("the American commitment", "our commitment to Japan's defense"). */
const EN_COMMITMENT_NOUN = /^(?:(?:the|our|its|their|America's|Washington's|American|U\.S\.)\s+)*commitments?\b/iu;
/** A commitment restated, honoured or made ("did not restate the American commitment") is the reassurance itself, ending the text before it. */
const EN_COMMITMENT_VERB_BEFORE = /\b(?:restate[sd]?|restating|reaffirm(?:s|ed|ing)?|renew(?:s|ed|ing)?|honou?r(?:s|ed|ing)?|repeat(?:s|ed|ing)?|keep|kept|make|made|give|gave|offer(?:s|ed)?)\s+(?:\S+\s+){0,2}$/iu;
/** A commitment to a course ("commitment to close a base") rather than to Japan or its defence, opening the text after it. */
const EN_COMMITMENT_TO_COURSE = /^\s+to\s+(?!defend\b|protect\b|Japan\b|Tokyo\b|the\b|its\b|our\b|their\b|an?\b)[a-z]+/u;
/**
 * Round 10b: the host's payments set against a complaint of a one-sided bargain ("Congressman, Japan pays about
 * three-quarters of the cost…", "Tokyo already pays most of the cost, Senator."): in a reply to a legislator, or after a
 * unit that raised one_way, the figures answer the complaint and negate one_way (rule 10 counts the bargain, rule 6 the rebuttal).
 */
const EN_HOST_PAYS = /\b(?:Japan|Tokyo|they|the Japanese|our host|it)\s+(?:already\s+|now\s+|also\s+|actually\s+)?(?:pays|covers|is paying|shoulders|paid|has paid)\s+(?:for\s+)?(?:most|the bulk|the large majority|a large share|a larger share|the larger share|a huge share|a big share|roughly|about|around|nearly|more|much|three-quarters|billions|the whole|a fair share|\d+)/iu;
const EN_LEGISLATOR_VOCATIVE = /\b(?:Congressman|Congresswoman|Senator|Mr\. Chairman|Madam Chair)\b/u;

/** Is this code hit the content of a stock claim (…という話, "the idea that …"), which a later flat dismissal in the unit negates? */
function stockClaim(p: Prepared, h: { start: number; end: number }): boolean {
  if (p.lang === 'ja') return JA_STOCK_CLAIM.test(p.text.slice(h.end, h.end + 16));
  return EN_STOCK_CLAIM.test(p.text.slice(Math.max(0, h.start - 80), h.start));
}

/** What follows an English back-reference word that makes it no back-reference: its own content ("the idea that …", "the fear of …", "the comparison with France") or an object ("… that worry me"). */
const EN_NOT_BACK_REFERENCE = /^\s+(?:that|of|about|whether|with|between|me|us|them|him|her|you|everyone|many|some|people)\b/iu;

/**
 * An English unit that opens with a bare dismissal of what was just said or asked ("No.", "It is not.", "That will not
 * happen.", "We do not.", "I never believed it."): its subject or object is the previous unit's claim, so with no concern
 * of its own the unit negates the previous unit's concerns (rule 6). Checked on the body's start, after any speaker tag.
 */
const EN_REF_ANSWER = /^\s*(?:[A-Z][\w.' -]{0,30}(?:\([^)]{1,60}\))?:\s+)?(?:(?:Well|Frankly|Honestly|Simply|Again|Senator|Congressman|Congresswoman|Sir|Madam)[,.]?\s+)?(?:(?:No|None|Nope|Never|Hardly|Wrong|False|Nonsense|Not (?:yet|very|much|quite|so|to me|really)|(?:Worried|Afraid|Concerned|Scared|Anxious), no)(?:\s+(?:whatever|whatsoever|at all))?(?=[.,;!:]|\s+[-—–])|(?:It|That|This|He|She|They|We|I)(?:'s|'re|'ll|'ve| is| are| was| were| does| do| did| has| have| had| will| would| can| could)?\s*(?:n't|not|never)(?:\s+(?:really|just|simply|quite))?(?:\s+(?:happen(?:ed|ing)?|true|so|the case|come true|think so|think (?:it|that|so) (?:is|was|will|would|does|did)(?: happen)?|believe (?:it|that|so)|see (?:it|that)|share (?:it|that)|buy (?:it|that)))?(?:\s+(?:anymore|any more|now|yet))?(?=[.,;!:]|\s+[-—–])|(?:It|That|This)(?:'s| is| was)\s+(?:simply\s+|just\s+|quite\s+)?(?:false|untrue|wrong|mistaken|nonsense|inaccurate|a myth)(?=[.,;!:])|(?:I|We)\s+(?:have\s+)?never\s+(?:believed|shared|bought|accepted)\s+(?:it|that|this)\b)/u;

/** An English unit that opens by affirming the ally will stand by Japan ("Yes.", "They would.", "They are." after "Are they wrong?"): it answers a doubt about the ally (abandonment) raised by the previous unit. */
const EN_REF_YES = /^\s*(?:[A-Z][\w.' -]{0,30}(?:\([^)]{1,60}\))?:\s+)?(?:Yes|They would|They will|They are|It will|It would|Absolutely|Of course)(?:,\s+(?:without (?:any|a) doubt|absolutely|certainly|of course))?[.!]/u;

/** A topic fronted before the main clause ("As for …,", "When it comes to …,"). */
const EN_TOPIC = /^\s*(?:As for|As to|When it comes to|On the (?:question|matter|subject) of)\b/u;

/** A prohibition among the ignored phrases ("must never", 〜てはならない). */
const PROHIBITION = /^(?:must|mustn't|should never|ought never)\b|^(?:て|で)は(?:ならない|いけない|いけません)/iu;
/** A verb of choosing between a Japanese code and its prohibition (核武装を選んではならない, 核保有という道を歩んではいけない): the course chosen is the code's. */
const JA_CHOICE_BEFORE_PROHIBITION = /^(?:の道|という道|道|こと|という選択|という選択肢|への道)?(?:だけ|など)?(?:を|に|は)(?:選ん|選択し|目指し|進ん|歩ん|追求し|追い求め|求め|踏み出し|踏み切っ)$/u;
/** A denial that nothing changed (変化はない, "no change in") affirms a favourable code rather than denying it. */
const NO_CHANGE_CUE = /変化|変更|変わ|\bchang/iu;
/** A harm that a denial says will not befall a favourable code ("will not damage the alliance", 絆を損なうことはない): the denial affirms it. */
const HARM_BETWEEN = /\b(?:damag|harm|hurt|undermin|weaken|eroding|erode|shak|jeopardi|endanger|threaten|sour|strain|alter|affect|reduc|diminish|dilut)\w*|損な|傷つ|揺る?が|揺ら|壊|弱め|悪化|冷え込|ひびが|影響/iu;

/** English: a denial that something bears on, is doubted beside or ranks ahead of a favourable code ("no bearing on America's commitment", "never doubts our commitment", "nothing … comes ahead of our treaty obligations") affirms it. */
const EN_HARM_BETWEEN = /\b(?:bearing|impact|effect|reflect\w*|doubt\w*|question\w*|ahead\s+of|comes?\s+before|for\s+sale)\b/iu;
/** A change the cue follows ("will change nothing in the friendship"): the denial affirms a favourable code. */
const EN_CHANGE_BEFORE = /\b(?:change|changes|changed|alter|alters|altered)\s+$/iu;
/** A change the favourable wording is the subject of ("Nothing about our commitment to Japan has changed"): the denial affirms it. */
const EN_CHANGE_AFTER = /^[^,;:.]{0,20}?\b(?:has|have|had|is|are|was|were|will|would)\s+(?:\w+\s+){0,2}?(?:changed|changing|change|altered|shifted|moved|weakened|wavered)\b/iu;
/** English: a negation before a comparative or a past beyond imagining affirms a favourable code ("no more loyal ally", "never worked with a more dependable partner", "could not have imagined … side by side", "never heard them speak as warmly"). */
const EN_FAVOURABLE_AFFIRM = /\bmore\b|\bhave\s+(?:imagined|believed|dreamed|dreamt|thought|predicted|guessed)\b|\b(?:heard|seen|known|met|worked)\b/iu;
/** A reason clause after a determiner's negation ("has no need of the bomb because their umbrella is not going anywhere") lies outside it; a verb's negation still denies the reason ("did not send the ships because Washington asked"), and so does "not because" and "…, but because". */
const EN_BECAUSE = /\bbecause\b/iu;
const EN_DETERMINER_CUE = /^(?:no|none|nothing|nobody|no one)$/iu;
const EN_NOT_BECAUSE = /^\s*(?:(?:just|only|simply|merely)\s+)?because\b/iu;
const EN_BUT_BECAUSE = /\bbut\s+(?:\w+\s+)?because\b|;\s*(?:it|they|Japan|Tokyo|we)\b/iu;
/** A relative ", which" inside an English hit ("the security relationship, which both sides describe as excellent"): a negation before it covers the head noun only. */
const EN_WHICH_IN_HIT = /,\s*which\b/iu;

/** A negation cue that is itself a rhetorical question (誰が本気で言えるだろうか, "who seriously believes"): it denies even inside a question. */
const RHETORICAL_CUE = /(?:誰が|人[がは].{0,4}いる(?:だろう|でしょう)?か|いようか|\bwho\b|\banyone\b(?:\s+\w+)?\s+(?:really|seriously|honestly)\b)/iu;
/** What follows a Japanese hit that makes it a condition (核を持てば, 持ったら, 持つなら): an argument's premise, not a stance. */
const JA_CONDITION_AFTER = /^(?:ば|ても|たら|なら|とすれば|とすると|としたら)/u;
/** An English clause opening that makes what follows it a condition ("as if" compares, it does not set a condition). */
const EN_CONDITION_BEFORE = /\b(?:(?<!\bas\s)if|unless|were\s+\w+\s+to)\b/iu;

/** One short question at the head of a Japanese unit with no question particle (日本が蚊帳の外？, 対等？): a claim echoed, not asked. */
const JA_ECHO_QUESTION = /^[\s「『]*[^？?。！!「」『』、]{1,30}?(?<!か|の|かな|かね|だろう|でしょう|っけ)[」』]?[？?][\s\u3000]*/u;

/**
 * Where the echoed questions at the head of a Japanese unit end (対等？\u3000自主？\u3000…), when an answer follows them in the
 * unit; -1 when the unit does not open so. A genuine question (…のか？, …だろうか？) or a lone question is no echo.
 *
 * @example
 * jaEchoQuestionEnd('日本が蚊帳の外？実際は違う。', 0); // 8
 */
export function jaEchoQuestionEnd(text: string, from: number): number {
  let at = from;
  for (let m = JA_ECHO_QUESTION.exec(text.slice(at)); m; m = JA_ECHO_QUESTION.exec(text.slice(at))) at += m[0].length;
  return at > from && /[^\s。！!？?」]/u.test(text.slice(at)) && !JA_ECHO_UPHELD.test(text.slice(at)) ? at : -1;
}

/** An answer that takes the echoed worry up (それが心配だ, そう思うのも無理はない) upholds it; a worry word denied (そんな心配はしていない) is left to the dismissals. */
const JA_ECHO_UPHELD = /心配|不安|怖|恐ろし|恐れ|懸念|無理はない|無理もない|あり得る|ありうる|その通り|現実味|危な|危う|ぞっと/u;
/**
 * Round 12 (ja): also a claim said of nobody in particular in the passive (…とよく言われますが、…; …という言い方がされますが、…;
 * …と心配する人は多かったけれど、…; …との批判が強かったのですが、…).
 * Round 11 (ja): a claim put in unnamed mouths, then answered in the same unit (…とか言う人もいるけど、…; …って騒ぐ人も多いけど、…;
 * …という話はよく聞きますが、実感としてはありません; …とか言ってる人、…見てから言って). The match ends where the answer begins.
 */
const JA_STOCK_ANSWERED = /^[^。「」]{0,8}?(?:(?:という|とかいう|って|みたいな)(?:話|説)(?:は|も|を|が|ばかり)?[^。、]{0,14}?(?:けど|けれど|けれども|が)、|(?:という|とか|なんて|って|と)(?:言う|いう|言って(?:る|いる)|騒ぐ|騒いでる|騒いでいる|言い出す)?人(?:たち)?(?:も|が)?(?:いる|います|いますが|多い|多いです)?(?:けど|けれど|けれども|が)?、|と(?:よく|しばしば)?言われ(?:ます|る|ている|ています|てきた|てきました|がちです|がちだ)?(?:が|けど|けれど|けれども)、|という言い方がされ(?:ます|る)(?:が|けど|けれど)、|と(?:心配|批判|懸念)する人(?:は|も)?(?:多かった|多い|いる|いた)(?:が|けど|けれど|けれども)、|との(?:批判|懸念|指摘)(?:が|も)(?:強かった|多かった|あった)(?:のです|んです)?(?:が|けど|けれど)、)/u;
/** Round 11 (ja): a denial asked about, not made (…ではないか, …ないのか, …ないでしょうか). */
/** …or urged against (核保有の議論を封印すべきではない: a call to discuss it). */
const JA_DENIAL_ASKED = /^(?:か|のか|のでは|んじゃ|んですか|のですか|でしょうか|だろうか|(?:す|する)?べきで(?:は)?な)/u;
/** Round 11 (ja): a denial denied again right after it (…ないとは言えない, …ないとまでは言い切れまい, …ないとは限らない). */
const JA_DENIED_AGAIN = /^(?:と(?:まで)?は(?:言い切れ|言いきれ|言え|いえ|限ら|考えにく|考え難|思えな|思えま)|とも限ら)/u;
/** An outer denial of "that … not" (…なかったとは考えにくい, …ないとは言えない). */
const JA_OUTER_NEGATION = /^(?:と(?:まで)?は|とも)/u;
/** …only of a thing's existence (心配がない, 要請がなかった, 根拠がまったくない), not a verb's (帳尻が合わない, the concern itself). */
const JA_NEGATIVE_BEFORE = /[がはも](?:まったく|全く|一切|特に|何も)?(?:な(?:い|かった)|ありません|ございません)$/u;
/** An answer that only asks in its turn (そうなったら周りの国との関係はどうなるのでしょうか) leaves the claim standing. */
const JA_ANSWER_ASKS = /(?:でしょうか|だろうか|のでしょう|のか)[」』]?\s*$/u;
/** An answer that grants the claim keeps it raised (その通り, 一理ある, 気持ちはわかる). */
const JA_STOCK_GRANTED = /その通り|一理|わかる|分かる|同感|無理はない|無理もない|心配だ|心配です|不安だ|不安です|怖い/u;

/** Round 12 (ja): an official's turn in a hearing or briefing (○外務大臣, 官房長官：, 報道官：, 国務次官補：, 証人：): the answering side. */
const JA_ANSWERER = /(?:大臣|長官|報道官|総理|政府参考人|次官|次官補|証人|高官|大使|局長|審議官|政務官|参事官)$/u;
/** Round 12 (ja): a sentence of the body closed by a negative predicate (…ございません。 …考えておりません。 …ことはない。). */
const JA_NEGATIVE_CLOSE = /(?:ません|ない|ぬ|ず)(?:でした|のです|んです|です|と考えております|と考えています|と思います)?[」』]?$/u;
/** …that affirms instead (否定できない, 変わりはない, 変更はない, 否定するものではない). */
const JA_NEGATIVE_AFFIRMS = /否定(?:でき|し得|しえ|する(?:もの|わけ|つもり))|(?:変わり|変更|変化)(?:は|も)|変わら(?:ない|ず)|ほかならない|他ならない|に違いない|欠かせない|かけがえのない|揺るぎない|惜しまない|いとわない|厭わない|ためらわない|躊躇しない/u;
/** Round 12 (ja): a negation that judges a claim (早計, 無理がある, 的を射ていない, 根拠に乏しい, 当てはまらない, 事実と違う, 打ち消す). */
const JA_VERDICT_CUE = /早計|無理が|的を射|的外れ|一面的|とは限ら|根拠|当てはまら|と違|とは違|誤り|間違い|誤解|打ち消|否定|退け|一蹴|考えにく|見込み|公算|聞かれ|に及ば|には及|意味で|杞憂|取り違え|逆さま|短絡|言い過ぎ|大げさ|ずれ|見当たら|成り立た|通用し|幻想|神話|俗説/u;
/** Round 12 (ja): an answer's sentence that points at what was asked (そのような, そうした, ご指摘の, 同列に, 報道にあるような). */
const JA_ANSWER_REFERS = /そのよう|そうした|そういう|そういった|そんな|ご指摘|御指摘|ご懸念|ご心配|同列|報道にある|報道の|お尋ね/u;
/** Round 12 (ja): a question reported as asked (…ではないかとの質問に、 …かとの問いには): what precedes it is the concern asked about. */
const JA_ASKED_MARK = /(?:か|のでは)(?:と|との|という)(?:質問|問い|問いかけ)(?:に|には|に対し|に対して)[、,]?/u;
/** …and the quoted answer that follows it, with its verb of saying (「そうした事実はない」と答えた, 「…」と否定した). */
const JA_QUOTED_ANSWER = /^[^。「」]{0,20}「[^「」]{1,80}」と(?:答え|述べ|否定し|強調し|説明し|語っ|話し|応じ)/u;
/** A quoted answer that says no (ない, ません, なかった, あり得ない, 否定した, 違う, 当たらない). */
const JA_ANSWER_NO = /ない|ません|なかった|あり得|ありえ|否定|違う|違います|当たら/u;
/** Round 12 (ja): a word that refers back to what was just said (それは, その見方, そうした, あの訪中). */
const JA_REFERENT = /それ|その|そうした|そういう|そういった|そんな|あの|こうした|これ|この/u;
/** Round 12 (ja): a unit opening by turning against what was just said (だが、 しかし、 もっとも、 ただ、 とはいえ、). */
const JA_CONTRAST_OPEN = /^[\s「]*(?:だが|しかし|もっとも|ただ|ただし|とはいえ|とはいっても|けれども|でも|いや|いえ|いいえ)、?/u;

/**
 * Round 12 (ja): how a unit with no concern of its own denied may deny the previous unit's by reference: an official's answer
 * closed by a negative, a negation whose clause refers back (それは…, その見方は…), or one in a unit opening against what was said.
 */
function jaReferenceDenial(p: Prepared, cues: readonly ScanHit[], ownCodes: boolean): { start: number; end: number; rule: string } | undefined {
  const body = p.text.slice(p.bodyStart);
  if (p.tag && JA_ANSWERER.test(p.tag.name)) {
    for (const { start, end } of sentenceSpans(body)) {
      const s = body.slice(start, end);
      const t = s.replace(/[。！？!?\s]+$/u, '');
      if (JA_NEGATIVE_CLOSE.test(t) && !JA_NEGATIVE_AFFIRMS.test(t.split('、').pop() ?? t) && JA_ANSWER_REFERS.test(t) && !/[？?]$/u.test(s.trim())) return { start: p.bodyStart + start, end: p.bodyStart + end, rule: 'negation:ja-answer' };
    }
  }
  if (ownCodes) return undefined;
  for (const c of cues) {
    if (c.start < p.bodyStart || !JA_VERDICT_CUE.test(p.text.slice(c.start, c.end))) continue;
    // The cue's own clause before it: a harm denied there (同盟が揺らぐわけではない) speaks of the relationship, not of the claim.
    const before = p.text.slice(clauseStart(p, c.start), c.start);
    if (HARM_BETWEEN.test(before) || JA_NEGATIVE_AFFIRMS.test(p.text.slice(Math.max(0, c.start - 6), c.end + 4))) continue;
    if (JA_REFERENT.test(before)) return { start: c.start, end: c.end, rule: 'negation:ja-ref-cue' };
    if (JA_CONTRAST_OPEN.test(body)) return { start: c.start, end: c.end, rule: 'negation:ja-contrast-cue' };
  }
  return undefined;
}

/** A Japanese cue that notes something was not said or done (触れなかった, 口にしなかった, ございませんでした, 聞かれなかった). */
const JA_ABSENCE_CUE = /なかっ|ませんでした|聞かれ|見られ/u;

const NONE: ReadonlySet<string> = new Set();

/** The hit kinds that can make a code decision (tone is decided in tone.ts). */
const CODE_KINDS = ['code', 'deny', 'anaphora', 'dismissal'];

/** The codes decided for one sentence (its tone is decided by `decideTone` in tone.ts). */
export interface CodeDecision {
  raised: CodeHit[];
  negated: CodeHit[];
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

interface NegCue {
  hit: ScanHit;
  dir: 'forward' | 'backward' | 'absence';
  /** The code hit whose own wording holds the cue ("would never leave"): it negates only other codes' hits overlapping that wording. */
  wording?: ScanHit;
  /** A prohibition: it negates only codes whose own tone is neutral (a course of action, not a concern). */
  prohibition?: boolean;
  /** The code hit whose verb the cue inflects (見捨てない): it negates only hits overlapping that verb (尊重し、…約束を決して破らない keeps 尊重). */
  own?: ScanHit;
}

/** A pattern whose own wording is negative (ノーと言えない, 当てにならない): its hit is the concern, not its denial. */
const JA_NEGATIVE_WORDING = /(?:ない|なかった|ません|ず|ぬ)=?$/u;
/** A negative ending after a verb's stem (な|い, ら|れない, ま|せん, た|ず), not かねない (may) nor ずに (without). */
const JA_NEGATIVE_TAIL = /^(?:(?:ら?れ|させ|せ)?な(?:い|かっ)|(?:ら?れ)?ませ(?:ん)|(?:ら?れ)?ず(?!に))/u;
/** What follows a negative form that makes it a plea (見捨てないで), a question (見捨てないか), a condition (持たない限り), a purpose (移らないよう) or a doubt (外されない保証はない), not a denial. */
// Round 11: …ないと言い切れない, …ないとは言えない deny the denial (a double negative).
const JA_NOT_DENIAL = /^(?:で|か|のか|のでは|んじゃ|だろうか|限り|かぎり|よう|保証|確証|とは限ら|とも限ら|と(?:は|まで|までは)?(?:言い切れ|言いきれ|言え|いえ))/u;

/**
 * The negative inflection of a Japanese verb or adjective pattern's own hit (`見捨てる` hit as 見捨てない),
 * as a cue span, or undefined. Patterns written with their negation keep it as wording.
 *
 * @example
 * negativeInflection('米国は日本を見捨てない。', { start: 6, end: 10, entry: { text: '見捨てる' } }); // { start: 9, end: 11 }
 */
export function negativeInflection(text: string, hit: { start: number; end: number; entry: { text: string } }): { start: number; end: number } | undefined {
  if (JA_NEGATIVE_WORDING.test(hit.entry.text) || hit.end - hit.start < 2) return undefined;
  // The inflection may begin with the hit's last character (見捨てな|い) or right after it (持た|ず).
  for (const at of [hit.end - 1, hit.end]) {
    const m = JA_NEGATIVE_TAIL.exec(text.slice(at, at + 8));
    if (!m) continue;
    if (JA_NOT_DENIAL.test(text.slice(at + m[0].length, at + m[0].length + 8))) return undefined;
    return { start: at, end: at + m[0].length };
  }
  return undefined;
}

/** Does a clause start at `pos` (only spaces, quotes or a dash since the last clause end or the body's start)? */
function opensClause(p: Prepared, pos: number): boolean {
  const from = clauseStart(p, pos);
  // A Japanese clause may open with a short adverb before the dismissal (今回それはなかった, 正直ないない).
  // Or after a subordinate clause of its own (岩国に住んでたら、そんな話ありえない; …なんだから、そんな心配はしていません).
  // An English answer may carry its speaker's tag inside the unit ("Q: Will they stay? A: Not that I can see.").
  return (p.lang === 'ja' ? /^[\s"'」』”’—―-]*(?:[^\s、。「」？！?!]{0,4}|[^。「」？！?!]{1,40}、)$/u : /^[\s"'」』”’—―-]*(?:[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2}:\s*)?$/u).test(p.text.slice(from, pos));
}

/** The character that ends the clause containing `pos`, to tell questions. */
function clauseEndsWithQuestion(p: Prepared, pos: number): boolean {
  const next = p.boundaries.find((b) => b >= pos);
  const ch = next === undefined ? p.text.trimEnd().slice(-1) : p.text[next];
  if (ch === '?' || ch === '？') return true;
  // A Japanese clause that ends in か (…のか。 …ですか) asks.
  if (p.lang === 'ja' && next !== undefined) {
    const tail = p.text.slice(Math.max(0, next - 8), next + 1);
    // ではありませんか / ではないか assert rather than ask.
    if (/(?:ではありませんか|ではないか|じゃないか|ではないですか)[。？?]?$/u.test(tail)) return false;
    if (/か[。]?$/u.test(tail)) return true;
  }
  return false;
}

/**
 * Whether a code hit is the premise of a condition: a Japanese hit followed by ば/たら/なら, an
 * English hit after "if"/"unless" in its clause.
 *
 * @example
 * isCondition(prepare('核を持てば孤立する。', cb), hit); // true for the hit 核を持て
 */
export function isCondition(p: Prepared, h: { start: number; end: number }): boolean {
  if (p.lang === 'ja') return JA_CONDITION_AFTER.test(p.text.slice(h.end, h.end + 4)) || JA_CONDITION_AFTER.test(p.text.slice(h.end - 1, h.end + 3));
  // The clause starts after the last boundary before the hit.
  let from = 0;
  for (const b of p.boundaries) if (b < h.start) from = b;
  return EN_CONDITION_BEFORE.test(p.text.slice(from, h.start));
}

/**
 * Decide raised and negated codes for one sentence.
 *
 * @example
 * decideCodes(prepare('Nobody raised Japan passing.', cb), cb, []).negated[0]?.code; // 'japan_passing'
 */
export function decideCodes(p: Prepared, cb: Codebook, previousRaised: readonly string[]): CodeDecision {
  // Without a code, denial, back-reference or tone word nothing below can be raised, negated or lend tone.
  // The codes the structural rules speak of, by role (codebook `role:`); a role no code holds turns its rules off.
  const fear = roleCode(cb, 'abandonment');
  const pledge = roleCode(cb, 'reassurance');
  const call = roleCode(cb, 'call');
  const imbalance = roleCode(cb, 'imbalance');
  const refAnswer = p.lang === 'en' && previousRaised.length > 0 && EN_REF_ANSWER.test(p.text.slice(p.bodyStart));
  const refYes = p.lang === 'en' && fear !== undefined && previousRaised.includes(fear) && EN_REF_YES.test(p.text.slice(p.bodyStart));
  const hostPays = p.lang === 'en' && imbalance !== undefined && EN_HOST_PAYS.exec(p.text.slice(p.bodyStart));
  const paysAnswer = hostPays && (previousRaised.includes(imbalance as string) || EN_LEGISLATOR_VOCATIVE.test(p.text.slice(p.bodyStart))) ? hostPays : null;
  // Round 12 (ja): a unit with only a negation cue may still deny the previous unit's concern by reference.
  const jaRefPossible = p.lang === 'ja' && previousRaised.length > 0 && (p.byKind.has('neg-backward') || p.byKind.has('neg-forward') || p.byKind.has('neg-absence'));
  if (!refAnswer && !refYes && !paysAnswer && !jaRefPossible && !CODE_KINDS.some((k) => p.byKind.has(k))) return { raised: [], negated: [] };
  const inBody = (h: ScanHit): boolean => h.start >= p.bodyStart;
  const excludes = hitsOf(p, 'exclude');
  // Exclusions (other senses) and denials (more specific wordings) both override a raising hit they overlap.
  // An English denial asked about ("Was Japan informed in advance?") denies nothing: the question raises what it asks (rule 6).
  // Round 11 (ja): so is a Japanese one closed by a question particle (米国から求められたものではないか, …わけではないのか).
  const denies = hitsOf(p, 'deny').filter((h) => !(p.lang === 'en' && clauseEndsWithQuestion(p, h.end)) && !(p.lang === 'ja' && JA_DENIAL_ASKED.test(p.text.slice(h.end, h.end + 8))));
  const overridden = (h: ScanHit): boolean => excludes.some((x) => x.entry.owner === h.entry.owner && overlaps(x, h)) || denies.some((x) => x.entry.owner === h.entry.owner && overlaps(x, h));
  const codeHits = hitsOf(p, 'code').filter((h) => inBody(h) && !overridden(h));
  const ignores = hitsOf(p, 'neg-ignore');
  const ignored = (h: { start: number; end: number }): boolean => ignores.some((x) => overlaps(x, h));
  const cues: NegCue[] = [];
  // Round 11 (ja): an outer "that … not" (…なかったとは考えにくい, …ないとは言えない) after a thing's absence, outside any code's wording.
  const jaDeniesADenial = (start: number, end: number): boolean => {
    const from = p.text[start - 1] === 'と' && /^[はも]/u.test(p.text.slice(start, start + 1)) ? start - 1 : start;
    return JA_OUTER_NEGATION.test(p.text.slice(from, end)) && JA_NEGATIVE_BEFORE.test(p.text.slice(Math.max(0, from - 12), from)) && !codeHits.some((c) => c.start < from && c.end >= from - 2);
  };
  const addCues = (kind: string, dir: NegCue['dir']): void => {
    for (const h of hitsOf(p, kind)) {
      // An English cue inside a Japanese sentence ("NO" of 「NOと言える日本」) is a title or a loanword, no negation.
      if (!inBody(h) || ignored(h) || (p.lang === 'ja' && h.entry.lang === 'en')) continue;
      // A negation word inside a code's own wording ("cannot say no") is part of that wording.
      const wording = codeHits.find((c) => c.start <= h.start && c.end >= h.end);
      // Round 11 (ja): a double negative affirms (心配がないとは言えない, 根拠がないとまでは言い切れまい, 要請がなかったとは考えにくい):
      // the inner denial is denied again, and the outer one denies a denial, not the concern (a negative inside a code's own wording,
      // 帳尻が合わないとまでは言えない, is that code's and still denied).
      if (p.lang === 'ja' && !wording && (JA_DENIED_AGAIN.test(p.text.slice(h.end, h.end + 8)) || jaDeniesADenial(h.start, h.end))) continue;
      cues.push(wording ? { hit: h, dir, wording } : { hit: h, dir });
    }
  };
  // A prohibition ("must never build one", 持つことはあってはならない) is no denial of a concern, but it does deny a course of action (a code whose own tone is neutral).
  for (const h of ignores) {
    if (!inBody(h) || !PROHIBITION.test(p.text.slice(h.start, h.end))) continue;
    // Japanese: only "X があってはならない" (X must not happen) or the code's own verb (核を持っ|てはならない), not 忘れてはならない nor なくてはならない.
    if (p.lang === 'ja' && !p.text.slice(h.start - 2, h.start).endsWith('あっ') && !codeHits.some((c) => (c.end >= h.start - 2 && c.end <= h.start) || (c.end < h.start && JA_CHOICE_BEFORE_PROHIBITION.test(p.text.slice(c.end, h.start))))) continue;
    cues.push({ hit: { ...h, entry: { ...h.entry, kind: 'neg-prohibition' } }, dir: p.lang === 'ja' ? 'backward' : 'forward', prohibition: true });
  }
  addCues('neg-forward', 'forward');
  addCues('neg-backward', 'backward');
  addCues('neg-absence', 'absence');
  // A Japanese code verb in its negative form (見捨てない, 持たず) carries its own negation.
  if (p.lang === 'ja') {
    for (const h of codeHits) {
      const span = negativeInflection(p.text, h);
      if (span && !ignored(span)) cues.push({ hit: { entry: { ...h.entry, kind: 'neg-backward', rule: `${h.entry.rule}/negative-form` }, start: span.start, end: span.end }, dir: 'backward', own: h });
    }
  }

  // A Japanese negation outside a quotation reaches into it only when the quotation is the claim being denied (「…」との批判は事実に反する, 「…」は言い過ぎ).
  const quoteAllows = (span: { start: number; end: number }, cue: { start: number; end: number }): boolean => {
    if (p.lang !== 'ja') return true;
    const q = p.quotes.find(([s, e]) => span.start >= s && span.end <= e);
    // A negation inside a quotation speaks of the quotation only: 外相は「核兵器を持つことはあり得ない」 does not deny the 支持 before it.
    // It still reaches the topic its speaker was asked about (日本の核武装については「…とは思わない」).
    if (!q) return !p.quotes.some(([s, e]) => cue.start >= s && cue.end <= e && span.end <= s && !JA_TOPIC_BEFORE_QUOTE.test(p.text.slice(span.end, s)));
    if (cue.start >= q[0] && cue.end <= q[1]) return true;
    if (cue.start < q[1]) return true;
    return QUOTE_TO_CUE.test(p.text.slice(q[1], cue.start));
  };
  // 「核を持てば…孤立する。現実的な選択肢ではない」と退ける: a cue right after a quotation denies the whole quotation, whatever its sentences.
  const afterQuote = (span: { start: number; end: number }, cue: { start: number }): boolean => {
    if (p.lang !== 'ja') return false;
    const q = p.quotes.find(([s, e]) => span.start >= s && span.end <= e);
    return q !== undefined && cue.start >= q[1] && QUOTE_TO_CUE.test(p.text.slice(q[1], cue.start));
  };
  // 日本の核武装を懸念する声について「…」と退けた: a cue right after a quotation reaches the topic set before it.
  const topicOfQuote = (span: { start: number; end: number }, cue: { start: number }): boolean => {
    if (p.lang !== 'ja') return false;
    const q = p.quotes.find(([s]) => s >= span.end && JA_TOPIC_BEFORE_QUOTE.test(p.text.slice(span.end, s)));
    return q !== undefined && cue.start >= q[1] && QUOTE_TO_CUE.test(p.text.slice(q[1], cue.start));
  };
  const complementCue = (h: ScanHit): boolean => EN_COMPLEMENT_CUE.test(p.text.slice(h.start, h.end));
  // "No one in the government I have spoken to believes Washington would leave": the holder may be long, the belief verb carries the denial over.
  const holderBelief = (h: ScanHit, span: ScanHit): boolean => EN_HOLDER_CUE.test(p.text.slice(h.start, h.end)) && EN_HOLDER_BELIEF.test(p.text.slice(h.end, span.start));
  // The text of the cue's own clause before it.
  const clauseBefore = (at: number): string => p.text.slice(clauseStart(p, at), at);
  // A topic (非核三原則は国是であり、…揺らぐことはない) is the subject of both clauses, so the negation still reaches it.
  const coordinateBetween = (from: number, to: number): boolean => {
    const gap = p.text.slice(from, to);
    return JA_COORDINATE.test(gap) && !/^[はも]/u.test(gap);
  };
  // "As for being dragged into America's wars, I have never met a sailor who…": the main clause's negation covers the topic set before it.
  const frontedTopic = (span: ScanHit, h: ScanHit): boolean => {
    if (p.lang !== 'en' || h.start < span.end || clauseOf(p, h.start) !== clauseOf(p, span.start)) return false;
    const from = clauseStart(p, span.start);
    const comma = p.text.indexOf(',', span.end);
    return comma >= 0 && comma < h.start && EN_TOPIC.test(p.text.slice(from, span.start)) && !p.text.slice(from, comma).includes(',') && wordIndex(p, h.start) - wordIndex(p, comma) <= 4;
  };
  const info = codeInfo(cb);
  const negationOf = (hit: ScanHit): NegCue | undefined => {
    const favourable = info.get(hit.entry.owner)?.tone === 'positive';
    // "no bearing on the relationship, which both sides describe as excellent": the predicate after ", which" lies outside the negation.
    const which = p.lang === 'en' ? EN_WHICH_IN_HIT.exec(p.text.slice(hit.start, hit.end)) : null;
    const span = which ? { ...hit, start: hit.start + which.index + which[0].length } : hit;
    const question = clauseEndsWithQuestion(p, span.end);
    const cl = clauseOf(p, span.start);
    let best: NegCue | undefined;
    for (const c of cues) {
      const h = c.hit;
      // A question raises what it asks about, unless the negation is the rhetorical question itself.
      if (question && !RHETORICAL_CUE.test(p.text.slice(h.start, h.end))) continue;
      // "would never leave Japan alone": the reassurance's negation covers the abandonment it overlaps, not the reassurance itself nor the rest of the clause.
      if (c.wording && (c.wording.entry.owner === span.entry.owner || !overlaps(c.wording, span))) continue;
      if (c.prohibition && info.get(span.entry.owner)?.tone !== 'neutral') continue;
      if (c.own && !overlaps(c.own, span)) continue;
      // 防衛協力は強固で、…見方は事実に基づかない: praise closed by its own て/で/く-form is asserted; a later denial speaks of the next clause.
      if (favourable && p.lang === 'ja' && h.start >= span.end && JA_TE_CLOSED.test(p.text.slice(span.end, h.start))) continue;
      // Round 11 (ja): a concern closed by its own て/で-form and a comma (合わせて動くだけで、…持っていない) is asserted too; the later denial speaks of the next clause.
      if (!favourable && p.lang === 'ja' && h.start >= span.end && JA_TE_COMMA.test(p.text.slice(span.end, h.start))) continue;
      // "No change in its commitment" (変化はない) affirms what is favourable.
      if (favourable && NO_CHANGE_CUE.test(p.text.slice(h.start, h.end))) continue;
      // The harm may be the favourable wording's own last word (同盟の土台が揺らぐ|ことはない).
      if (favourable && HARM_BETWEEN.test(h.start > span.start ? p.text.slice(span.start, h.start) : p.text.slice(h.end, span.start))) continue;
      // "you do not bully your best friend", "not going to negotiate with our closest ally through the press": the negation
      // falls on an act toward the ally its epithet names, not on the praise (round 11); "Japan is not our closest ally" still denies.
      if (favourable && p.lang === 'en' && h.end <= span.start && EN_ALLY_EPITHET.test(p.text.slice(span.start, span.end)) && !EN_COPULA_ONLY.test(p.text.slice(h.end, span.start))) continue;
      if (favourable && p.lang === 'en' && h.end <= span.start && (EN_HARM_BETWEEN.test(p.text.slice(h.end, span.start)) || EN_FAVOURABLE_AFFIRM.test(p.text.slice(h.end, span.start)) || EN_CHANGE_BEFORE.test(p.text.slice(Math.max(0, h.start - 12), h.start)) || EN_CHANGE_AFTER.test(p.text.slice(span.end, span.end + 60)))) continue;
      const ok =
        c.dir === 'forward'
          ? (h.end <= span.start && clauseOf(p, h.start) === cl && (p.lang === 'ja' || ((complementCue(h) || holderBelief(h, span) || (wordIndex(p, span.start) - wordIndex(p, h.end - 1) <= FORWARD_WORDS && !EN_COMMA_CLOSED.test(p.text.slice(h.end, span.start)))) && !EN_ANSWER_CUE.test(p.text.slice(h.end, h.end + 2)) && !EN_SUBORDINATE.test(p.text.slice(h.end, span.start)) && !(EN_DETERMINER_CUE.test(p.text.slice(h.start, h.end)) && EN_BECAUSE.test(p.text.slice(h.end, span.start)) && !EN_NOT_BECAUSE.test(p.text.slice(h.end, span.start)) && !EN_BUT_BECAUSE.test(p.text.slice(h.end))) && !EN_AND_VERB.test(p.text.slice(h.end, span.end)) && !EN_INDIRECT_QUESTION.test(clauseBefore(h.start)) && !(EN_WITHOUT.test(p.text.slice(h.start, h.end)) && EN_VERB_AFTER_WITHOUT.test(p.text.slice(h.end, span.start))) && !(EN_WITHOUT.test(p.text.slice(h.start, h.end)) && EN_NEGATED_BEFORE.test(clauseBefore(h.start).split(/\s+/u).slice(-7).join(' '))) && !(!EN_WITHOUT.test(p.text.slice(h.start, h.end)) && EN_WITHOUT_BETWEEN.test(p.text.slice(h.end, span.start)))))) || frontedTopic(span, h)
          : c.dir === 'backward'
            ? h.end > span.end && h.start > span.start && ((clauseOf(p, h.start) === clauseOf(p, span.end - 1) && !(p.lang === 'ja' && (coordinateBetween(span.end, h.start) || JA_SUBORDINATE.test(p.text.slice(Math.max(span.start, span.end - 3), h.start))))) || afterQuote(span, h) || topicOfQuote(span, h))
            : clauseOf(p, h.start) === cl || clauseOf(p, h.end - 1) === cl;
      if (ok && !quoteAllows(span, h)) continue;
      if (ok && (!best || best.dir !== 'absence')) best = c;
    }
    return best;
  };

  const raised = new Map<string, CodeHit>();
  const negated = new Map<string, CodeHit & { absence: boolean }>();
  // Codes raised only as the premise of a condition ("if Japan went nuclear, it would be isolated"): a denial in the same unit outweighs them.
  const firmlyRaised = new Set<string>();
  // A later reading of the whole unit (a dismissal, an echoed question, a claim declared false or answered): the code is denied after all.
  const denyAfterAll = (code: string, ev: Evidence, negation: Evidence): void => {
    raised.delete(code);
    firmlyRaised.delete(code);
    negated.set(code, { code, evidence: ev, negation, absence: false });
  };
  // Another clause follows the question in the unit (an answer, a comment).
  const answeredLater = (at: number): boolean => p.boundaries.some((b) => b > at && b < p.text.trimEnd().length - 1);
  for (const h of codeHits) {
    const ev = evidence(p, h.start, h.end, h.entry.rule);
    const neg = negationOf(h);
    // Japanese: the ally's pledge (an affirmation, LABELS.md rule 7) under a denial that does not note its absence (防衛義務が変わるわけではない, 関与の後退を意味しない,
    // 無条件に支持しているわけではございません) neither affirms nor is denied (rule 7); only "was never said" (触れなかった,
    // 口にしなかった, 明記されなかった) negates it.
    if (neg && p.lang === 'ja' && h.entry.owner === pledge && neg.dir !== 'absence' && !JA_ABSENCE_CUE.test(p.text.slice(neg.hit.start, neg.hit.end))) continue;
    // English (round 10b): a commitment the ally "might not" or "would not" keep ("the United States might not defend Japan",
    // "Washington would not stand by Japan") voices the fear of abandonment; it denies no reassurance.
    if (neg && p.lang === 'en' && fear && h.entry.owner === pledge && neg.dir === 'forward' && !negated.has(fear) && EN_MODAL_NEGATION.test(p.text.slice(Math.max(0, neg.hit.start - 12), neg.hit.end))) {
      if (!raised.has(fear)) raised.set(fear, { code: fear, evidence: evidence(p, h.start, h.end, 'negation:commitment-in-doubt') });
      firmlyRaised.add(fear);
      continue;
    }
    // English (round 10c): the ally's commitment named as a noun under a denial ("no concern about the American commitment",
    // "no one suggested the commitment would be reduced", "They say nothing about our commitment") denies a doubt about it:
    // abandonment is negated, not the reassurance (rule 7). A commitment restated or made, or one to a course, keeps its negation.
    if (neg && p.lang === 'en' && fear && h.entry.owner === pledge && neg.dir === 'forward' && !raised.has(fear) && EN_COMMITMENT_NOUN.test(p.text.slice(h.start, h.end)) && !EN_COMMITMENT_VERB_BEFORE.test(p.text.slice(Math.max(0, h.start - 40), h.start)) && !EN_COMMITMENT_TO_COURSE.test(p.text.slice(h.end, h.end + 24))) {
      if (!negated.has(fear)) negated.set(fear, { code: fear, evidence: ev, negation: evidence(p, neg.hit.start, neg.hit.end, neg.hit.entry.rule), absence: false });
      continue;
    }
    if (neg) {
      if (!negated.has(h.entry.owner)) negated.set(h.entry.owner, { code: h.entry.owner, evidence: ev, negation: evidence(p, neg.hit.start, neg.hit.end, neg.hit.entry.rule), absence: neg.dir === 'absence' });
      continue;
    }
    // English: praise or a commitment only asked about, with no answer after it in the unit ("Do you trust the United States to defend Japan?"), affirms nothing (rule 7).
    if (p.lang === 'en' && info.get(h.entry.owner)?.tone === 'positive' && clauseEndsWithQuestion(p, h.end) && !answeredLater(h.end)) continue;
    if (!raised.has(h.entry.owner)) raised.set(h.entry.owner, { code: h.entry.owner, evidence: ev });
    // English: a concern only asked about ("Is Japan going to spend more? Probably, but not because anyone asked.") yields to a denial later in the unit.
    if (!isCondition(p, h) && !(p.lang === 'en' && clauseEndsWithQuestion(p, h.end) && answeredLater(h.end))) firmlyRaised.add(h.entry.owner);
  }
  for (const h of denies) {
    // An exclusion sets a denial aside too: "it is Japan's decision, and we respect it" affirms support, it denies no dependence.
    if (!inBody(h) || negated.has(h.entry.owner) || excludes.some((x) => x.entry.owner === h.entry.owner && overlaps(x, h))) continue;
    const ev = evidence(p, h.start, h.end, h.entry.rule);
    negated.set(h.entry.owner, { code: h.entry.owner, evidence: ev, negation: ev, absence: false });
  }
  // English (round 10c): the ally's promise that it will not act over Japan's head or walk away ("the U.S. side has assured us
  // that no decision will be taken behind Japan's back") affirms its commitment: reassurance is raised beside the denial (rule 7).
  const deniedAbandonment = fear === undefined ? undefined : negated.get(fear);
  const enAllyPromise = (at: number): boolean => {
    const before = p.text.slice(0, at).split(EN_SENTENCE_BREAK).pop() ?? '';
    const frame = EN_ALLY_PROMISE.exec(before);
    if (!frame) return false;
    const rest = p.text.slice(at).split(EN_SENTENCE_BREAK)[0] ?? '';
    return EN_PROMISE_MODAL.test(before.slice(frame.index) + ' ' + rest);
  };
  if (p.lang === 'en' && pledge && deniedAbandonment && !raised.has(pledge) && !negated.has(pledge) && deniedAbandonment.negation && enAllyPromise(Math.min(deniedAbandonment.evidence.start, deniedAbandonment.negation.start))) {
    raised.set(pledge, { code: pledge, evidence: deniedAbandonment.evidence });
    firmlyRaised.add(pledge);
  }
  // English (round 10c): "I am not anti-American. I only ask for a say over our own land": the disclaimer introduces a call to
  // assert or equalise (rule 9), which it does not deny; alone ("They weren't anti-American; they just wanted quiet") it denies.
  const deniedCall = call === undefined ? undefined : negated.get(call);
  if (p.lang === 'en' && call && deniedCall && !raised.has(call) && EN_ANTI_AMERICAN.test(deniedCall.evidence.text) && EN_NATIONALIST_CALL.test(p.text.slice(p.bodyStart))) {
    negated.delete(call);
    raised.set(call, { code: call, evidence: deniedCall.evidence });
    firmlyRaised.add(call);
  }
  // "A bomb? Absolutely not.", 「…」？ ないない: a claim asked or quoted, then flatly dismissed in the same unit, is negated (rule 6).
  for (const d of hitsOf(p, 'dismissal')) {
    if (!inBody(d) || clauseEndsWithQuestion(p, d.end) || !opensClause(p, d.start)) continue;
    for (const h of codeHits) {
      if (h.end > d.start || !(clauseEndsWithQuestion(p, h.end) || p.quotes.some(([s, e]) => h.start >= s && e <= d.start) || stockClaim(p, h))) continue;
      const code = h.entry.owner;
      if (negated.has(code)) continue;
      denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, d.start, d.end, d.entry.rule));
    }
  }
  // 日本だけが損してる？ 米軍がいなかったら…: a claim echoed as a bare question at the head of the unit and answered after it is dismissed (rule 6).
  if (p.lang === 'ja') {
    const echoEnd = jaEchoQuestionEnd(p.text, p.bodyStart);
    if (echoEnd > 0) {
      for (const h of codeHits) {
        const code = h.entry.owner;
        if (h.start < p.bodyStart || h.end > echoEnd || negated.has(code) || codeHits.some((x) => x.entry.owner === code && x.start >= echoEnd)) continue;
        denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, echoEnd - 1, echoEnd, 'negation:echo-question'));
      }
    }
  }
  // Round 11 (ja): a claim of nobody in particular answered after it in the same unit is dismissed (rule 6); a named holder's view still raises.
  if (p.lang === 'ja') {
    for (const h of codeHits) {
      const code = h.entry.owner;
      if (negated.has(code) || !raised.has(code) || info.get(code)?.tone === 'positive') continue;
      const m = JA_STOCK_ANSWERED.exec(p.text.slice(h.end, h.end + 48));
      if (!m) continue;
      const at = h.end + m.index + m[0].length;
      const answer = p.text.slice(at).split(/[。！!？?]/u)[0] ?? '';
      if (!/[^\s」』]/u.test(answer) || JA_STOCK_GRANTED.test(answer) || JA_ANSWER_ASKS.test(answer) || codeHits.some((x) => x.entry.owner === code && x.start >= at)) continue;
      denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, at - 1, at, 'negation:stock-claim-answered'));
    }
  }
  // A code a rebuttal may still deny: raised, not already denied (unless firmly raised too), and no favourable code (one guard for the English rebuttals below).
  const rebuttable = (code: string): boolean => !(negated.has(code) && !firmlyRaised.has(code)) && raised.has(code) && info.get(code)?.tone !== 'positive';
  // "The story that Japan gives nothing back has never been true": a stock claim declared false later in the unit is negated (rule 6).
  if (p.lang === 'en') {
    for (const h of codeHits) {
      const code = h.entry.owner;
      if ((negated.has(code) && !firmlyRaised.has(code)) || !stockClaim(p, h)) continue;
      const falsity = EN_FALSITY.exec(p.text.slice(h.end));
      if (!falsity) continue;
      const at = h.end + falsity.index;
      denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, at, at + falsity[0].length, 'negation:falsity'));
    }
  }
  // "People say the alliance will drag us into a war. I don't buy it.": a claim of nobody in particular, answered in the next sentence.
  if (p.lang === 'en') {
    for (const h of codeHits) {
      const code = h.entry.owner;
      if (!rebuttable(code)) continue;
      let from = p.bodyStart;
      for (const m of p.text.slice(p.bodyStart, h.start).matchAll(EN_SENTENCE_BREAKS)) from = p.bodyStart + m.index + m[0].length;
      const claim = p.text.slice(from, h.start);
      // Round 11: "People say Japan freeloads, but they pay for most of the bases": the answer may follow a ", but" in the same sentence.
      const but = EN_GENERIC_CLAIM.test(claim) ? EN_BUT_SAME_SENTENCE.exec(p.text.slice(h.end)) : null;
      if (but) {
        const at = h.end + but.index + but[0].length - 3;
        denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, at, at + 3, 'negation:generic-claim-rebutted'));
        continue;
      }
      const end = EN_SENTENCE_BREAK.exec(p.text.slice(h.end));
      if (!end) continue;
      const next = p.text.slice(h.end + end.index + end[0].length);
      const myth = EN_MYTH_LABEL.test(claim);
      if (!myth && !(EN_GENERIC_CLAIM.test(claim) && EN_REBUTTAL_NEXT.test(next))) continue;
      const at = h.end + end.index + end[0].length;
      denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, at, Math.min(p.text.length, at + 12), myth ? 'negation:myth' : 'negation:generic-claim-rebutted'));
    }
  }
  // "People who say Japan freeloads haven't looked at the numbers.": a claim of anyone at all, its holders sent to the facts (round 11).
  if (p.lang === 'en') {
    for (const h of codeHits) {
      const code = h.entry.owner;
      if (!rebuttable(code)) continue;
      if (!EN_ANYONE_WHO_SAYS.test(p.text.slice(p.bodyStart, h.start))) continue;
      const look = EN_GO_LOOK.exec(p.text.slice(h.end));
      if (!look) continue;
      const at = h.end + look.index + look[0].length;
      denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, Math.max(h.end, at - 24), at, 'negation:anyone-who-says'));
    }
  }
  // "CLAIM: Japan is secretly building a bomb. VERDICT: False.": a fact-checked claim (round 11).
  // The label may have been read as a speaker tag ("CLAIM:"), so it is looked for at the unit's start too.
  const verdict = p.lang === 'en' && (EN_CLAIM_LABEL.test(p.text) || EN_CLAIM_LABEL.test(p.text.slice(p.bodyStart))) ? EN_VERDICT_FALSE.exec(p.text) : null;
  if (verdict) {
    const at = verdict.index;
    for (const h of codeHits) {
      const code = h.entry.owner;
      if (h.end > at || !rebuttable(code)) continue;
      denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, at, at + verdict[0].length, 'negation:claim-verdict'));
    }
  }
  // "\"Japan pays us nothing for protecting them.\" False: …": a quoted stock claim answered in the next sentence (round 11).
  const quoted = p.lang === 'en' ? EN_QUOTED_CLAIM.exec(p.text.slice(p.bodyStart)) : null;
  if (quoted && EN_QUOTE_REBUTTAL.test(p.text.slice(p.bodyStart + quoted[0].length))) {
    const quoteEnd = p.bodyStart + quoted[0].length;
    for (const h of codeHits) {
      const code = h.entry.owner;
      if (h.end > quoteEnd || !rebuttable(code)) continue;
      denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, quoteEnd, Math.min(p.text.length, quoteEnd + 12), 'negation:quoted-claim-rebutted'));
    }
  }
  // "Asked whether Japan might build the bomb, he said no.": the concern asked about is denied by the answer (round 10b).
  const asked = p.lang === 'en' ? EN_ASKED_CLAUSE.exec(p.text.slice(p.bodyStart)) : null;
  if (asked) {
    const clauseEnd = p.bodyStart + asked.index + asked[0].length;
    const answer = p.text.slice(clauseEnd);
    const no = EN_ASKED_ANSWER_NO.exec(answer);
    if (no && !EN_ASKED_EVASION.test(answer)) {
      for (const h of codeHits) {
        const code = h.entry.owner;
        if (h.end > clauseEnd || (negated.has(code) && !firmlyRaised.has(code)) || info.get(code)?.tone === 'positive') continue;
        const at = clauseEnd + no.index;
        denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, at, at + no[0].length, 'negation:asked-answered-no'));
      }
    }
  }
  // Round 12 (ja): 「…のではないかとの質問に「そうした事実はない」と答えた」: the concern asked about is denied by the quoted answer (as "Asked whether…, he said no").
  const jaAsked = p.lang === 'ja' ? JA_ASKED_MARK.exec(p.text.slice(p.bodyStart)) : null;
  if (jaAsked) {
    const markAt = p.bodyStart + jaAsked.index;
    const answer = JA_QUOTED_ANSWER.exec(p.text.slice(markAt + jaAsked[0].length));
    if (answer && JA_ANSWER_NO.test(answer[0])) {
      const at = markAt + jaAsked[0].length + answer.index;
      for (const h of codeHits) {
        const code = h.entry.owner;
        if (h.end > markAt || !raised.has(code) || info.get(code)?.tone === 'positive') continue;
        denyAfterAll(code, evidence(p, h.start, h.end, h.entry.rule), evidence(p, at, at + answer[0].length, 'negation:ja-asked-answered-no'));
      }
    }
  }
  // A denial by reference (a back-reference, an answer, a verdict) negates the previous unit's concerns: a concern or a course of
  // action (nuclear) can be dismissed so; praise and reassurance cannot, and `kept` codes (raised firmly here) stay raised.
  const denyPrevious = (ev: Evidence, negation: Evidence, kept: ReadonlySet<string> = NONE): void => {
    for (const code of previousRaised) {
      if (info.get(code)?.tone === 'positive' || negated.has(code) || kept.has(code)) continue;
      negated.set(code, { code, evidence: ev, negation, absence: false });
    }
  };
  // "That complaint does not survive…": a dismissed back-reference negates the previous unit's concerns.
  const backRefs: Array<{ h: ScanHit; neg: ScanHit }> = [];
  for (const h of hitsOf(p, 'anaphora')) {
    // "the idea that America will leave" names its own content, and "the moods … that worry me" is a verb: neither refers back.
    if (p.lang === 'en' && EN_NOT_BACK_REFERENCE.test(p.text.slice(h.end, h.end + 12))) continue;
    const neg = negationOf(h);
    if (neg) backRefs.push({ h, neg: neg.hit });
  }
  for (const h of hitsOf(p, 'dismissal')) if (inBody(h) && !clauseEndsWithQuestion(p, h.end)) backRefs.push({ h, neg: h });
  // "The fear that America will walk away is not supported": a back-reference that names its own content denies only that.
  // English: a unit that raises a concern of its own speaks of that concern, not of the previous unit's (round 10).
  const ownDenials = negated.size > 0 || (p.lang === 'en' && [...raised.keys()].some((c) => info.get(c)?.tone !== 'positive'));
  for (const { h, neg } of ownDenials ? [] : backRefs) denyPrevious(evidence(p, h.start, h.end, h.entry.rule), evidence(p, neg.start, neg.end, neg.entry.rule));
  // "It is not.", "No." after a unit that raised a concern: with no concern of its own, the answer denies the previous unit's.
  // Where the body's answer opens, for the evidence of a reference answer.
  const answerAt = (): number => p.bodyStart + (/^\s*/u.exec(p.text.slice(p.bodyStart))?.[0].length ?? 0);
  if (refAnswer && negated.size === 0 && raised.size === 0) {
    const at = answerAt();
    const end = Math.min(p.text.length, at + 12);
    const ev = evidence(p, at, end, 'negation:reference-answer');
    denyPrevious(ev, ev);
  }
  // Round 12 (ja): an answer or a verdict that denies by reference: no concern of its own denied, the previous unit's denied.
  const jaRef = jaRefPossible && negated.size === 0 ? jaReferenceDenial(p, cues.map((c) => c.hit), raised.size > 0) : undefined;
  if (jaRef) {
    const ev = evidence(p, jaRef.start, jaRef.end, jaRef.rule);
    denyPrevious(ev, ev, firmlyRaised);
  }
  if (fear && refYes && negated.size === 0 && ![...raised.keys()].some((c) => info.get(c)?.tone !== 'positive')) {
    const at = answerAt();
    const ev = evidence(p, at, Math.min(p.text.length, at + 12), 'negation:reference-yes');
    negated.set(fear, { code: fear, evidence: ev, negation: ev, absence: false });
  }
  if (imbalance && paysAnswer && !negated.has(imbalance)) {
    const at = p.bodyStart + paysAnswer.index;
    const ev = evidence(p, at, at + paysAnswer[0].length, 'negation:host-pays');
    denyAfterAll(imbalance, ev, ev);
  }
  for (const code of [...raised.keys()]) {
    if (negated.has(code) && !firmlyRaised.has(code)) raised.delete(code);
    else negated.delete(code);
  }

  return {
    raised: [...raised.values()],
    negated: [...negated.values()].map(({ absence: _absence, ...hit }) => hit),
  };
}
