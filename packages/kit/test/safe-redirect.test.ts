import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../src/index.ts';

/** What a browser would do with the Location header we send: resolve it against our page. */
const landsOn = (location: string) => new URL(location, 'https://shop.example/signin').origin;

describe('safeRedirect', () => {
  const refused = [
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r//evil.example',
    '/\u0000/evil.example',
    '%2F%2Fevil.example',
    'https://evil.example/',
    'HTTPS://evil.example',
    'javascript:alert(1)',
    ' /listings',
    '',
    null,
    undefined,
  ];
  it.each(refused.map((t) => [JSON.stringify(t), t]))('sends %s home', (_, target) => {
    expect(safeRedirect(target)).toBe('/');
  });

  it.each([
    ['/%09/evil.example', '/%09/evil.example'],
    ['/%5C/evil.example', '/%5C/evil.example'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('keeps the encoded path %s on our own site', (target, expected) => {
    expect(safeRedirect(target)).toBe(expected);
    expect(landsOn(safeRedirect(target))).toBe('https://shop.example');
  });

  it('keeps a real path with its query and fragment', () => {
    expect(safeRedirect('/listings/abc123defg?tab=photos#fit')).toBe('/listings/abc123defg?tab=photos#fit');
    expect(safeRedirect('/account')).toBe('/account');
  });

  it('never lets a refused target leave the site, whatever the browser does with it', () => {
    for (const target of refused) expect(landsOn(safeRedirect(target))).toBe('https://shop.example');
  });
});
