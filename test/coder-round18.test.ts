import { describe, expect, it } from 'vitest';
import { voicesOf } from './helpers/coder.js';

describe('round 18 (en): an affiliation in a speaker tag gives the side (rule 2)', () => {
  it('an American think tank, agency or university decides, whatever the surname looks like', () => {
    const units = ['Hearing of the Senate Foreign Relations Committee on the alliance, 2019.', 'DR. TAKEMURA (Brookings): The alliance is in better shape than the headlines say.', 'MS. ABERNATHY (USTR): We will keep pressing on rice and beef.'];
    expect(voicesOf(units, 'tokyo').slice(1)).toEqual(['washington', 'washington']);
  });
  it('a Japanese university, ministry or paper decides the other way', () => {
    const units = ['Panel on burden-sharing at a Washington think tank, 2020.', 'PROF. HARTWELL (Keio University): Most of my students think the bases are a fair bargain.', 'MR. OSBORNE (Asahi): My readers are less sure.'];
    expect(voicesOf(units, 'washington').slice(1)).toEqual(['tokyo', 'tokyo']);
  });
  it('…while a romanised Japanese surname with no affiliation still speaks for Tokyo', () => {
    expect(voicesOf(['Hearing on host-nation support, 2021.', 'MR. KANEMOTO: The figures are published every year.'], 'washington')[1]).toBe('tokyo');
  });
});
