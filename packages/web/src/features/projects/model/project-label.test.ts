import { describe, expect, it } from 'vitest';
import { projectLabel } from './project-label.ts';

const t = (key: string) => (key === 'projects.personal' ? '个人' : key);

describe('project labels', () => {
  it('names team projects as they are and personal ones by their owner', () => {
    expect(projectLabel(t, { name: 'Growth team', kind: 'team' })).toBe('Growth team');
    expect(projectLabel(t, { name: 'Bea (personal)', kind: 'personal' })).toBe('个人 · Bea');
  });
});
