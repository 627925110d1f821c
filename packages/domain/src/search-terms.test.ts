import { describe, expect, it } from 'vitest';
import { searchTerms } from './search-terms.ts';
import { sameMake } from './vehicles.ts';

const alternatives = (text: string) => searchTerms(text).map((t) => t.alternatives.map((a) => a.join(' ')).sort());

describe('searchTerms', () => {
  it('knows the make aliases the make filter knows', () => {
    expect(alternatives('vw golf')).toEqual([['vee dub', 'volkswagen', 'volkswagon', 'vw'], ['golf']]);
    expect(alternatives('chevy')[0]).toContain('chevrolet');
    // the filter and the search read the same table
    expect(sameMake('chevy', 'Chevrolet')).toBe(true);
  });

  it('spells a letter-digit model both glued and apart, as the index splits "F-150"', () => {
    expect(alternatives('f150 tailgate')).toEqual([['f 150', 'f150'], ['tailgate']]);
  });

  it('widens part names to their synonyms, matching multi-word names as one term', () => {
    expect(alternatives('hood')[0]).toEqual(['bonnet', 'hood']);
    expect(alternatives('head light passat')[0]).toEqual(['head lamp', 'head light', 'headlamp', 'headlight']);
    expect(alternatives('wing mirror')).toHaveLength(1);
    expect(alternatives('wing mirror')[0]).toContain('door mirror');
    expect(alternatives('tire')[0]).toEqual(['tire', 'tyre']);
    expect(alternatives('tyre')[0]).toEqual(['tire', 'tyre']);
  });

  it('keeps only letters and digits, folds accents and case, and stops at eight terms', () => {
    expect(alternatives('"Škoda" OR NEAR(x)')).toEqual([['skoda'], ['or'], ['near'], ['x']]);
    expect(searchTerms('a b c d e f g h i j k')).toHaveLength(8);
    expect(searchTerms('  -- ')).toEqual([]);
  });
});
