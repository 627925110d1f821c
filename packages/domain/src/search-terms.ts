import { MAKES } from './vehicles.ts';

/**
 * Words people use for the same part. Each group is one meaning; a multi-word entry is matched as a phrase. The make
 * aliases of the vehicle table (VW = Volkswagen, Chevy = Chevrolet) join them, so free text knows what the filters know.
 */
export const PART_SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['hood', 'bonnet'],
  ['trunk', 'boot', 'trunk lid', 'boot lid'],
  ['fender', 'wing'],
  ['headlight', 'head light', 'headlamp', 'head lamp'],
  ['taillight', 'tail light', 'tail lamp', 'rear light'],
  ['wing mirror', 'side mirror', 'door mirror', 'mirror'],
  ['tire', 'tyre'],
  ['rim', 'wheel', 'alloy'],
  ['windshield', 'windscreen'],
  ['muffler', 'silencer', 'exhaust box'],
  ['transmission', 'gearbox'],
  ['ecu', 'ecm', 'engine computer'],
  ['radiator', 'rad'],
  ['alternator', 'generator'],
  ['gas tank', 'fuel tank', 'petrol tank'],
  ['turbo', 'turbocharger'],
  ['sway bar', 'anti roll bar', 'stabilizer bar'],
];

/** Letters and digits only, lower case, accents folded: the tokens of the full-text index. */
export function searchTokens(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Every group of words that mean the same, as token lists: part synonyms, then each make with its aliases. */
const GROUPS: string[][][] = [...PART_SYNONYMS, ...MAKES].map((group) => [...new Set(group.map((w) => searchTokens(w).join(' ')))].map((w) => w.split(' ')));
const LONGEST_ENTRY = Math.max(...GROUPS.flat().map((entry) => entry.length));
const groupByPhrase = new Map<string, string[][]>();
for (const group of GROUPS) for (const entry of group) if (!groupByPhrase.has(entry.join(' '))) groupByPhrase.set(entry.join(' '), group);

/**
 * One thing a person typed, with everything it may also be written as: each alternative is a phrase of tokens.
 * "f150" may be "f 150" (the index splits "F-150"); "vw" may be "volkswagen"; "head light" may be "headlamp".
 */
/** A term of a search: the words as typed, and every phrase that counts as a match for them (the typed ones included). */
export type SearchTerm = { typed: string[]; alternatives: string[][] };

/** A letter run glued to a digit run ("f150", "a4", "w204") is also the two apart, as "F-150" is indexed. */
function spellings(token: string): string[][] {
  const parts = token.match(/\p{L}+|\p{N}+/gu) ?? [token];
  return parts.length > 1 ? [[token], parts] : [[token]];
}

/** What someone typed, as terms that must all match, each widened by its synonyms and spellings. At most 8 terms. */
export function searchTerms(text: string): SearchTerm[] {
  const tokens = searchTokens(text).slice(0, 12);
  const terms: SearchTerm[] = [];
  for (let i = 0; i < tokens.length && terms.length < 8; ) {
    let matched = false;
    for (let n = Math.min(LONGEST_ENTRY, tokens.length - i); n >= 1 && !matched; n--) {
      const group = groupByPhrase.get(tokens.slice(i, i + n).join(' '));
      if (!group) continue;
      terms.push({ typed: tokens.slice(i, i + n), alternatives: group });
      i += n;
      matched = true;
    }
    if (!matched) {
      terms.push({ typed: [tokens[i]!], alternatives: spellings(tokens[i]!) });
      i += 1;
    }
  }
  return terms;
}
