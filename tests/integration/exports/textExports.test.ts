/** The JSON and Markdown exports: golden files from the fixed sample, escaping, and the two modes. */
import { describe, expect, it } from 'vitest';
import { jsonExporter } from '../../../server/src/exports/jsonExporter.ts';
import { escapeMarkdown, markdownExporter } from '../../../server/src/exports/markdownExporter.ts';
import { sampleExportSource } from '../../../server/src/exports/sampleExportSource.ts';
import { expectGolden } from '../../utils/golden.ts';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('the Markdown export', () => {
  it.each(['agreed', 'compilation'] as const)('matches its golden file in %s mode', async (mode) => {
    expectGolden(`exports/markdown-${mode}.md`, decode(await markdownExporter.render(sampleExportSource(mode))));
  });

  it('marks a live document as a draft, in the export language', async () => {
    const markdown = decode(await markdownExporter.render(sampleExportSource('compilation', 'fr', false)));
    expect(markdown).toContain('PROJET : texte non agréé');
    expect(markdown).toContain('Proposé par EGY');
    expect(markdown).not.toContain('SHA-256');
  });

  it('keeps agreed mode clean: agreed paragraphs only, renumbered, no brackets or positions', async () => {
    const markdown = decode(await markdownExporter.render(sampleExportSource('agreed')));
    expect(markdown).not.toMatch(/reaffirm|Alt 1|Proposed by|Agreed ad referendum|\\\[/);
    expect(markdown).toContain('**1\\.** Takes note');
    expect(markdown).toContain('**2\\.** \\<script\\>');
  });

  it('escapes every character that could become markup', () => {
    expect(escapeMarkdown('<script>alert(1)</script> **bold** [link](javascript:x) # not a heading')).toBe(
      '\\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\* \\[link\\](javascript:x) \\# not a heading',
    );
    expect(escapeMarkdown('- not a list\n1. not numbered\n> not a quote')).toBe('\\- not a list\n1\\. not numbered\n\\> not a quote');
  });
});

describe('the JSON export', () => {
  it.each(['agreed', 'compilation'] as const)('matches its golden file in %s mode', async (mode) => {
    expectGolden(`exports/json-${mode}.json`, decode(await jsonExporter.render(sampleExportSource(mode))));
  });

  it('says whether it is a draft and keeps hostile text as data', async () => {
    const draft = JSON.parse(decode(await jsonExporter.render(sampleExportSource('compilation', 'en', false)))) as { draft: boolean; snapshot: unknown; blocks: Array<{ runs: Array<{ text: string }> }> };
    expect(draft.draft).toBe(true);
    expect(draft.snapshot).toBeNull();
    expect(draft.blocks.flatMap((block) => block.runs.map((run) => run.text))).toContain('<script>alert("x")</script> & <w:p/> ]]> {{constructor}} **not bold** <img src=x onerror=alert(1)>');
  });
});
