// Why headless Chromium renders our PDFs: the PDF is the HTML export printed, so the two never disagree.
// Chromium shapes Arabic (joining, ligatures) and lays out right-to-left and mixed-direction text with the full
// Unicode bidi algorithm, and falls back per glyph to Debian's Noto fonts, so Chinese and Cyrillic never print as tofu.
// PDF libraries in JavaScript (pdfkit, pdf-lib) do neither shaping nor bidi, and LaTeX would be a second layout to keep
// in step. The cost: a Chromium binary on the server (Debian's chromium package), launched lazily and reused.
// PDF bytes are not reproducible: Chromium stamps the creation date and a fresh document ID; the server keeps a snapshot
// export's bytes from its first generation.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { Exporter } from './ExportSource.ts';
import { renderHtmlDocument } from './htmlExporter.ts';

/** Chromium is not installed (or would not start): PDF export is unavailable, the rest of the server is not. */
export class ChromiumUnavailableError extends Error {
  constructor(detail: string) {
    super(`PDF export needs Chromium: install Debian's chromium package or set CHROMIUM_PATH (${detail})`);
    this.name = 'ChromiumUnavailableError';
  }
}

export interface PdfRendererOptions {
  /** Defaults to CHROMIUM_PATH, then Debian's /usr/bin/chromium. */
  executablePath?: string;
  /** For launching Chromium, and again for printing one document. */
  timeoutMs?: number;
}

const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Prints HTML to A4 PDF in one headless Chromium, started on the first request and reused (a launch costs far more
 * than a page). Each document gets a fresh context with JavaScript off and the network offline: the HTML is
 * self-contained and escaped, and would stay inert even if it were not. The owner calls close() at shutdown.
 */
export class PdfRenderer {
  readonly #executablePath: string;
  readonly #timeoutMs: number;
  #browser: Promise<Browser> | null = null;
  #closed = false;

  constructor(options: PdfRendererOptions = {}) {
    this.#executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The PDF of a complete HTML document. Throws ChromiumUnavailableError when Chromium is missing or will not start. */
  async render(html: string): Promise<Uint8Array> {
    if (this.#closed) throw new Error('the PDF renderer is closed');
    const browser = await this.#launched();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      return await withTimeout(this.#print(context, html), this.#timeoutMs, 'printing the PDF');
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  /** Stops Chromium if it was started; render() fails afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    const browser = this.#browser;
    this.#browser = null;
    const running = await browser?.catch(() => null);
    await running?.close();
  }

  async #print(context: BrowserContext, html: string): Promise<Uint8Array> {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: this.#timeoutMs });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }

  #launched(): Promise<Browser> {
    if (this.#browser !== null) return this.#browser;
    if (!existsSync(this.#executablePath)) return Promise.reject(new ChromiumUnavailableError(`nothing at ${this.#executablePath}`));
    const launching = chromium.launch({ executablePath: this.#executablePath, args: chromiumFlags, timeout: this.#timeoutMs }).then(
      (browser) => {
        // A crashed browser is replaced on the next request.
        browser.on('disconnected', () => {
          if (this.#browser === launching) this.#browser = null;
        });
        return browser;
      },
      (error: unknown) => {
        if (this.#browser === launching) this.#browser = null;
        throw new ChromiumUnavailableError(`could not start ${this.#executablePath}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      },
    );
    this.#browser = launching;
    return launching;
  }
}

/** The PDF export: the HTML export printed by `renderer`, whose lifecycle (close at shutdown) stays with the server. */
export function createPdfExporter(renderer: PdfRenderer): Exporter {
  return {
    format: 'pdf',
    mediaType: 'application/pdf',
    extension: 'pdf',
    render: (source) => renderer.render(renderHtmlDocument(source)),
  };
}
