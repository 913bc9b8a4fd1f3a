/**
 * Issue 6 in a real Chromium against the real server and its built client: a chair agrees a paragraph, freezes the
 * text into snapshot 1, downloads it in every format (each file checked by its first bytes), verifies a downloaded
 * file against its signature file in the browser (verified) and a tampered copy (NOT verified), compares the
 * snapshot with the live text after an edit (the redline and its download), and opens the progress report and
 * downloads it as Word. A delegate sees the snapshot, verified, but no form to take one. Screenshots go to
 * tests/artifacts/screenshots/snapshots-NN-*.png to be looked at.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectNoSeriousAxeViolations, firstParagraph, openDocument, personAt, typeAtEnd, closeStage, openStage, screenshotDirectory, type OpenedStage } from '../utils/browserPeople.ts';

const live = { timeout: 15_000 };

let stage: OpenedStage;
let downloads: string;

beforeAll(async () => {
  stage = await openStage('snapshots');
  downloads = mkdtempSync(path.join(tmpdir(), 'concord-e2e-downloads-'));
});

afterAll(async () => {
  await closeStage(stage);
  rmSync(downloads, { recursive: true, force: true });
});

const shoot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(screenshotDirectory, `snapshots-${name}.png`), fullPage });

/** Clicks a download link and saves what the browser receives; answers the file's name and path. */
async function download(page: Page, link: Locator): Promise<{ name: string; file: string }> {
  const [received] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
  const name = received.suggestedFilename();
  const file = path.join(downloads, name);
  await received.saveAs(file);
  return { name, file };
}

/** The first bytes of a file, as text. */
const opening = (file: string, length: number) => readFileSync(file).subarray(0, length).toString('latin1');

describe('snapshots, exports, verification, comparison and the progress report', () => {
  let documentId: string;
  let chair: Page;
  const agreed = 'Recalling Security Council resolutions 255 (1968) and 984 (1995),';
  const operative = 'Calls upon the nuclear-weapon States to reaffirm their assurances';
  const files = new Map<string, string>();

  beforeAll(async () => {
    documentId = await stage.server.createDocument('Negative security assurances: draft recommendations');
    chair = await personAt(stage, 'chair', { kind: 'delegation', delegationCode: 'KWT' }, 'Chair of the committee');
    await openDocument(chair, stage.server.url, documentId);
  });

  it('1. the chair agrees a paragraph and freezes the text: snapshot 1, its fingerprint verified in the browser', async () => {
    await typeAtEnd(chair, agreed);
    await chair.keyboard.press('Enter');
    await chair.keyboard.type(`${operative}.`, { delay: 10 });
    await chair.getByText('All changes saved').waitFor(live);
    await firstParagraph(chair).click();
    await chair.getByLabel('Status').selectOption('agreed');
    await chair.getByText('All changes saved').waitFor(live);

    await chair.getByRole('link', { name: 'Snapshots and exports' }).click();
    await chair.getByRole('heading', { name: 'Snapshots and exports', level: 1 }).waitFor();
    await chair.getByText('No snapshot has been taken yet.', { exact: false }).waitFor(live);
    await chair.getByLabel('Name of the snapshot').fill('After the first reading');
    await chair.getByRole('button', { name: 'Freeze the text now' }).click();
    await chair.getByText('Snapshot 1 “After the first reading” was taken.', { exact: false }).waitFor(live);

    const row = chair.getByTestId('snapshot-row');
    await expect.poll(() => row.count(), live).toBe(1);
    const cells = await row.locator('td, th').allInnerTexts();
    expect(cells[0]).toBe('1');
    expect(cells[1]).toBe('After the first reading');
    expect(cells[2]).toContain('by Chair of the committee (KWT)');
    expect(cells[3]).toMatch(/^1 of \d+$/);
    expect(cells[4]).toMatch(/^[0-9a-f]{8}…[0-9a-f]{8}/);
    await expect.poll(() => row.getByTestId('snapshot-check').getAttribute('data-state'), live).toBe('verified');
    // The panel of the snapshot just taken is open, ready to download.
    await chair.getByRole('group', { name: 'Downloads of snapshot 1' }).waitFor();
    await shoot(chair, '01-snapshot-taken', true);
  });

  it('2. downloads the snapshot in every format, each file what its format says, and a signature file', async () => {
    const panel = chair.getByRole('group', { name: 'Downloads of snapshot 1' });
    const expected: Record<string, string> = { docx: 'PK', pdf: '%PDF-', html: '<!DOCTYPE', akn: '<?xml', markdown: 'NPT/NSA', json: '{' };
    for (const [format, start] of Object.entries(expected)) {
      await panel.getByLabel('Format').selectOption(format);
      const { name, file } = await download(chair, panel.getByTestId('export-download'));
      expect(name).toMatch(/^NPT-NSA-\d{4}-[A-Z]+-1_agreed_en\.(docx|pdf|html|md|xml|json)$/);
      expect(opening(file, start.length), `${format}: ${name}`).toBe(start);
      files.set(format, file);
    }
    await panel.getByLabel('Format').selectOption('html');
    const signature = await download(chair, panel.getByTestId('export-signature'));
    expect(signature.name).toBe(`${path.basename(files.get('html') ?? '')}.signature.json`);
    files.set('signature', signature.file);
    expect(JSON.parse(readFileSync(signature.file, 'utf8'))).toMatchObject({ concordExportSignature: 1, format: 'html', mode: 'agreed', language: 'en' });

    // The live text downloads too, as an unsigned draft.
    const draft = await download(chair, chair.getByRole('group', { name: 'Downloads of the live text (draft)' }).getByTestId('export-download'));
    expect(draft.name).toMatch(/-DRAFT_compilation_en\.docx$/);
    expect(opening(draft.file, 2)).toBe('PK');
  });

  it('3. verifies the downloaded file in the browser, and refuses a copy changed by one character', async () => {
    const verify = chair.getByTestId('verify-panel');
    await verify.getByTestId('verify-file').setInputFiles(files.get('html') ?? '');
    await verify.getByTestId('verify-signature').setInputFiles(files.get('signature') ?? '');
    await verify.getByRole('button', { name: 'Verify' }).click();
    const verdict = verify.getByTestId('verdict');
    await expect.poll(() => verdict.textContent(), live).toMatch(/^Verified: “NPT-NSA-.*_agreed_en\.html” is exactly the file that was signed\.$/);
    const details = await verify.locator('.verdict__details').innerText();
    expect(details).toContain('Snapshot 1: After the first reading');
    expect(details).toContain('Negative security assurances: draft recommendations');
    expect(details).toContain('Web page (HTML) · Agreed text · English');
    await shoot(chair, '02-file-verified');

    const html = readFileSync(files.get('html') ?? '', 'utf8');
    expect(html).toContain('Recalling Security Council');
    const tampered = path.join(downloads, 'tampered.html');
    writeFileSync(tampered, html.replace('Recalling Security Council', 'Recalling Security Counsel'));
    await verify.getByTestId('verify-file').setInputFiles(tampered);
    await verify.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => verdict.textContent(), live).toBe('NOT verified: “tampered.html” cannot be relied on.');
    expect(await verify.getByTestId('verdict-reason').textContent()).toMatch(/^The file was changed after it was signed.*Its SHA-256 fingerprint is [0-9a-f]{64}; the signature is for [0-9a-f]{64}\.$/);
    await shoot(chair, '03-tampered-not-verified');
  });

  it('4. compares the snapshot with the live text after an edit: the new words underlined, the old struck through', async () => {
    await chair.getByRole('link', { name: 'Drafting room', exact: true }).click();
    await chair.locator('.ProseMirror').waitFor();
    await chair.getByText(/All changes saved|Connected/).first().waitFor(live);
    await chair.locator('.ProseMirror > p', { hasText: operative }).click();
    await chair.keyboard.press('End');
    // "assurances." becomes "commitments and to make them legally binding.".
    for (let character = 0; character < 'assurances.'.length; character += 1) await chair.keyboard.press('Backspace');
    await chair.keyboard.type('commitments and to make them legally binding.', { delay: 10 });
    await chair.getByText('All changes saved').waitFor(live);

    await chair.getByRole('link', { name: 'Snapshots and exports' }).click();
    await chair.getByTestId('compare-later').waitFor();
    expect(await chair.getByTestId('compare-later').inputValue()).toBe('live');
    await chair.getByRole('button', { name: 'Compare', exact: true }).click();
    const redline = chair.getByTestId('redline');
    await redline.waitFor(live);
    expect(await chair.locator('#compare-result-title').textContent()).toBe('Snapshot 1: After the first reading compared with Live text (draft, now)');
    expect(await redline.getByTestId('redline-counts').innerText()).toMatch(/1\s+paragraph changed/);
    const changed = redline.locator('[data-testid="redline-entry"][data-kind="changed"]');
    await expect.poll(() => changed.count(), live).toBe(1);
    expect(await changed.locator('ins').allInnerTexts()).toEqual([expect.stringMatching(/commitments and to make them legally binding/)]);
    expect(await changed.locator('del').allInnerTexts()).toEqual([expect.stringMatching(/assurances/)]);
    expect(await changed.innerText()).toContain('Calls upon the nuclear-weapon States to reaffirm their');
    const unchangedAgreed = redline.locator('[data-testid="redline-entry"][data-kind="unchanged"]', { hasText: agreed });
    expect(await unchangedAgreed.locator('.redline-status--agreed').textContent()).toBe('Agreed');
    await chair.locator('#compare').scrollIntoViewIfNeeded();
    await shoot(chair, '04-redline');

    const file = await download(chair, chair.getByTestId('redline-download'));
    expect(file.name).toMatch(/_redline_live_en\.html$/);
    expect(opening(file.file, 9)).toBe('<!DOCTYPE');
    expect(readFileSync(file.file, 'utf8')).toContain('commitments and to make them legally binding');
    await expectNoSeriousAxeViolations(chair, 'snapshots and exports');
  });

  it('5. a delegate sees the snapshot verified and may download it, but has no form to take one', async () => {
    const egypt = await personAt(stage, 'delegate', { kind: 'delegation', delegationCode: 'EGY' }, 'Delegate of Egypt');
    await egypt.goto(`${stage.server.url}/documents/${documentId}/snapshots`);
    await egypt.getByRole('heading', { name: 'Snapshots and exports', level: 1 }).waitFor();
    const row = egypt.getByTestId('snapshot-row');
    await expect.poll(() => row.getByTestId('snapshot-check').getAttribute('data-state'), live).toBe('verified');
    expect(await egypt.getByRole('button', { name: 'Freeze the text now' }).count()).toBe(0);
    await row.getByRole('button', { name: 'Download… (snapshot 1)' }).click();
    const panel = egypt.getByRole('group', { name: 'Downloads of snapshot 1' });
    await panel.getByLabel('Format').selectOption('docx');
    await panel.getByLabel('Language of the file').selectOption('fr');
    const french = await download(egypt, panel.getByTestId('export-download'));
    expect(french.name).toMatch(/_agreed_fr\.docx$/);
    expect(opening(french.file, 2)).toBe('PK');
  });

  it('6. opens the progress report of this year and downloads it as Word', async () => {
    // Straight from the document: the committee-wide sections stay in the header's first row.
    await chair.getByRole('link', { name: 'Progress report' }).click();
    await chair.getByRole('heading', { name: 'Progress report', level: 1 }).waitFor();
    const year = new Date().toISOString().slice(0, 4);
    await expect.poll(() => chair.getByTestId('report-period').textContent(), live).toMatch(new RegExp(`^Period: January 1, ${year} to .+ \\(both included, UTC\\)\\.$`));
    expect(await chair.getByRole('button', { name: 'This year' }).getAttribute('aria-pressed')).toBe('true');
    const documentRow = chair.getByTestId('report-documents').locator('tr', { hasText: 'Negative security assurances: draft recommendations' });
    expect(await documentRow.locator('td').allInnerTexts()).toEqual(['Test session', '2', expect.stringMatching(/^1\s*\(50\s?%\)$/), '0', '1', '1']);
    expect(await chair.getByTestId('report-participation').innerText()).toContain('Chair and Secretariat');
    const chart = chair.getByTestId('participation-chart');
    expect(await chart.getByRole('img').getAttribute('aria-labelledby')).not.toBeNull();
    await chart.getByTestId('chart-table-toggle').click();
    await chart.getByRole('table').waitFor();
    await shoot(chair, '05-progress-report', true);
    await expectNoSeriousAxeViolations(chair, 'progress report');

    const word = await download(chair, chair.getByTestId('report-download-docx'));
    expect(word.name).toMatch(new RegExp(`^progress-report_${year}-01-01_${year}-\\d{2}-\\d{2}_en\\.docx$`));
    expect(opening(word.file, 2)).toBe('PK');

    await chair.getByRole('button', { name: 'Last year' }).click();
    await expect.poll(() => chair.getByTestId('report-period').textContent(), live).toContain(`January 1, ${Number(year) - 1} to December 31, ${Number(year) - 1}`);
    expect(new URL(chair.url()).search).toBe(`?from=${Number(year) - 1}-01-01&to=${Number(year) - 1}-12-31`);
  });

  it('raised no page error and no CSP violation', () => {
    expect(stage.problems).toEqual([]);
  });
});
