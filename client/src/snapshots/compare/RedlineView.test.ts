import { beforeAll, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { SnapshotBlock, SnapshotContent } from '@concord/shared';
import { compareContent } from '@concord/shared/snapshots/compareContent';
import { allResources as resources } from '../../i18n/allResources.ts';
import { RedlineView } from './RedlineView.tsx';

const none = { proposes: [], supports: [], opposes: [], reservation: [] };
const block = (id: string, text: string, overrides: Partial<SnapshotBlock> = {}): SnapshotBlock => ({
  id,
  kind: 'paragraph',
  status: 'draft',
  role: 'operative',
  level: 0,
  alternativeOf: null,
  label: { number: '', alternative: 0 },
  runs: text === '' ? [] : [{ text, marks: [] }],
  items: [],
  attribution: { originator: null, contributors: [] },
  positions: none,
  ...overrides,
});
const content = (...blocks: SnapshotBlock[]): SnapshotContent => ({ documentId: 'doc-1', title: 'T', kind: 'other', session: 'S', blocks });
const numbered = (number: string) => ({ label: { number, alternative: 0 } });

/** The redline as the screen renders it, without the words only screen readers hear. */
const render = (before: SnapshotContent, after: SnapshotContent) =>
  renderToStaticMarkup(createElement(RedlineView, { comparison: compareContent(before, after) })).replace(/<span class="visually-hidden">[^<]*<\/span>/g, '');

describe('the redline screen', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({ resources, lng: 'en', ns: ['common', 'snapshots'], defaultNS: 'common', interpolation: { escapeValue: false } });
  });

  it('strikes deleted words, underlines inserted ones, and names moves, renumbering and status changes', () => {
    const html = render(
      content(block('para-000001', 'Welcomes the declarations;', numbered('1.')), block('para-000002', 'Decides to remain seized of the matter.', numbered('2.'))),
      content(block('para-000002', 'Decides to remain actively seized of the matter.', numbered('1.')), block('para-000001', 'Welcomes the declarations;', { ...numbered('2.'), status: 'agreed' })),
    );
    expect(html).toContain('Decides to remain <ins>actively </ins>seized of the matter.');
    expect(html).toMatch(/data-kind="(moved|changed)"/);
    expect(html).toContain('(formerly 1.)');
    expect(html).toContain('<span class="redline-status redline-status--draft">Draft</span><span aria-hidden="true"> → </span><span class="redline-status redline-status--agreed">Agreed</span>');
    expect(html).toContain('<li>2. — Draft → Agreed</li>');
  });

  it('keeps hostile text as text, shows no status on unchanged headings and leaves out empty outline paragraphs', () => {
    const hostile = 'Notes <script>alert(1)</script> & <w:p/>';
    const heading = block('head-000001', 'Mandate', { kind: 'heading', role: 'text', level: 1 });
    const html = render(content(heading, block('para-000001', ''), block('para-000002', hostile)), content(heading, block('para-000001', ''), block('para-000002', `${hostile} again`)));
    expect(html).toContain('Notes &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;w:p/&gt;<ins> again</ins>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<h4 class="redline-entry__text redline-entry__text--heading" dir="auto">Mandate</h4>');
    expect(html.match(/redline-status--draft/g)).toHaveLength(1);
    expect(html.match(/data-testid="redline-entry"/g)).toHaveLength(2);
  });

  it('says when two versions are identical', () => {
    const same = content(block('para-000001', 'Welcomes the declarations;'));
    expect(render(same, same)).toContain('The two versions are identical.');
  });
});
