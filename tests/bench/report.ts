import { mkdirSync, writeFileSync } from 'node:fs';

/** How a column's numbers are shown: milliseconds, CPU seconds per second, MB, a ratio, a count, a percentage, or text. */
export type ColumnFormat = 'ms' | 'cpu' | 'mb' | 'ratio' | 'count' | 'percent' | 'text';

export interface Column {
  key: string;
  header: string;
  format: ColumnFormat;
}

export type Cell = number | string | null;

/** One workload's figures: a table, plus notes that say how to read it. */
export interface WorkloadResult {
  id: number;
  title: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  notes: string[];
  /** Set when the workload failed; the run then exits non-zero. */
  error?: string;
}

export interface BenchReport {
  command: string;
  machine: Record<string, string | number>;
  options: Record<string, string | number | boolean>;
  startedAt: string;
  durationSeconds: number;
  workloads: WorkloadResult[];
}

function formatCell(value: Cell | undefined, format: ColumnFormat): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '-';
  switch (format) {
    case 'ms':
      return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
    case 'cpu':
      return value.toFixed(3);
    case 'mb':
      return (value / (1024 * 1024)).toFixed(1);
    case 'ratio':
      return `${value.toFixed(2)}x`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    case 'percent':
      return `${(value * 100).toFixed(value >= 0.9995 ? 0 : 2)}%`;
    case 'text':
      return String(value);
  }
}

function cells(result: WorkloadResult): string[][] {
  return result.rows.map((row) => result.columns.map((column) => formatCell(row[column.key], column.format)));
}

/** A fixed-width table for the terminal. */
export function renderText(result: WorkloadResult): string {
  const lines = [`\n(${result.id}) ${result.title}`];
  if (result.error) lines.push(`  FAILED: ${result.error}`);
  if (result.rows.length > 0) {
    const body = cells(result);
    const headers = result.columns.map((column) => column.header);
    const widths = headers.map((header, index) => Math.max(header.length, ...body.map((row) => (row[index] ?? '').length)));
    const line = (row: string[]): string => '  ' + row.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join('  ');
    lines.push(line(headers), '  ' + widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line));
  }
  for (const note of result.notes) lines.push(`  * ${note}`);
  return lines.join('\n');
}

function renderMarkdownTable(result: WorkloadResult): string {
  const lines = [`## (${result.id}) ${result.title}`, ''];
  if (result.error) lines.push(`**Failed:** ${result.error}`, '');
  if (result.rows.length > 0) {
    lines.push(`| ${result.columns.map((column) => column.header).join(' | ')} |`);
    lines.push(`|${result.columns.map((_column, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
    for (const row of cells(result)) lines.push(`| ${row.join(' | ')} |`);
    lines.push('');
  }
  for (const note of result.notes) lines.push(`- ${note}`);
  return lines.join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const machine = Object.entries(report.machine).map(([name, value]) => `${name}: ${value}`).join(' · ');
  return [
    '# Concord benchmark: latest run',
    '',
    `\`${report.command}\` — ${report.startedAt}, ${report.durationSeconds.toFixed(0)} s`,
    '',
    machine,
    '',
    ...report.workloads.map(renderMarkdownTable).map((section) => `${section}\n`),
  ].join('\n');
}

/** Writes latest.json and latest.md under `directory`. */
export function writeReport(report: BenchReport, directory: string): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(`${directory}/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${directory}/latest.md`, renderMarkdown(report));
}
