import { describe, expect, it } from 'vitest';
import { END, pickSections, replaceBlock, START } from './readme-section';

const report = ['# Accuracy bench', 'intro', '## Smile vs neutral', '| a |', '### AUC by gender', '| g |', '## Other cues', 'x', '## Time per photo', '| t |'].join('\n');

describe('README accuracy section', () => {
  it('picks the named sections with their sub-sections, in report order', () => {
    const picked = pickSections(report, ['Smile vs neutral', 'AUC by gender', 'Time per photo']);
    expect(picked).toBe('## Smile vs neutral\n| a |\n\n### AUC by gender\n| g |\n\n## Time per photo\n| t |');
  });
  it('replaces only the text between the markers, one heading level lower', () => {
    const readme = `# Selfview\nbefore\n${START}\nold numbers\n${END}\nafter\n`;
    const out = replaceBlock(readme, '## Smile\n| 1 |');
    expect(out).toBe(`# Selfview\nbefore\n${START}\n\n### Smile\n| 1 |\n\n${END}\nafter\n`);
    expect(replaceBlock(out, '## Smile\n| 2 |')).toContain('| 2 |');
    expect(replaceBlock(out, '## Smile\n| 2 |')).not.toContain('| 1 |');
  });
  it('refuses a README without the block rather than appending somewhere', () => {
    expect(() => replaceBlock('# Selfview\n', 'x')).toThrow(/no "<!-- accuracy:start/);
  });
});
