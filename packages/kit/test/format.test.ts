import { describe, expect, it } from 'vitest';
import { age, answersWithin, describeChange, listingStatus, photoDescription } from '../src/format.ts';

describe('what people read', () => {
  it('describes a photo by what it has, with no stray separator', () => {
    expect(photoDescription({ caption: null, angle: 'rear' })).toBe('rear view');
    expect(photoDescription({ caption: 'Label side', angle: null })).toBe('Label side');
    expect(photoDescription({ caption: 'Label side', angle: 'rear' })).toBe('Label side · rear view');
    expect(photoDescription({ caption: null, angle: null })).toBe('');
  });

  it('says how soon a seller answers in the unit a person would use', () => {
    expect(answersWithin(null)).toBeNull();
    expect(answersWithin(12)).toBe('usually answers within an hour');
    expect(answersWithin(61)).toBe('usually answers within 2 hours');
    expect(answersWithin(23 * 60)).toBe('usually answers within 23 hours');
    expect(answersWithin(24 * 60)).toBe('usually answers within 1 day');
    expect(answersWithin(50 * 60)).toBe('usually answers within 3 days');
  });

  it('says how long something waited in days once it is days', () => {
    const now = new Date('2030-01-14T12:00:00Z');
    expect(age(new Date('2030-01-01T00:00:00Z'), now)).toBe('13 days');
    expect(age(new Date('2030-01-14T07:00:00Z'), now)).toBe('5 hours');
    expect(age(new Date('2030-01-14T11:59:00Z'), now)).toBe('1 minute');
  });

  it('puts an audit change in words', () => {
    expect(describeChange('listing', { status: 'active' }, { status: 'removed' })).toBe('Status: for sale → removed by the marketplace');
    expect(describeChange('user', { role: 'buyer' }, { role: 'seller' })).toBe('Role: buyer → seller');
    expect(describeChange('fitment_log', { reviewed: false }, { reviewed: true, reviewNote: 'Checked' })).toBe('Reviewed: no → yes; Review note: nothing → Checked');
    expect(describeChange('user', null, null)).toBe('No change recorded');
    expect(describeChange('user', { status: 'active' }, { status: 'suspended' })).toBe('Status: active → suspended');
    expect(listingStatus('active')).toBe('For sale');
  });
});
