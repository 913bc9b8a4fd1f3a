import { Hono, type Context } from 'hono';
import {
  compareQuerySchema,
  countedParagraphs,
  createSnapshotInputSchema,
  documentIdSchema,
  exportQuerySchema,
  snapshotIdSchema,
  type DocumentMeta,
  type ExportQuery,
  type Snapshot,
  type SnapshotSummary,
} from '@concord/shared';
import { auditActorOf } from '../accounts/Accounts.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requirePermission } from '../http/session.ts';
import { jsonBody, queryString } from '../http/validate.ts';
import type { RenderedExport, Snapshots } from '../snapshots/Snapshots.ts';
import { UnsupportedFormatError } from '../snapshots/Snapshots.ts';
import { ChromiumUnavailableError } from '../exports/pdfExporter.ts';
import { renderRedlineDocx } from '../exports/redlineDocx.ts';
import { renderRedlineHtml } from '../exports/redlineHtml.ts';
import type { SnapshotStore } from '../snapshots/SnapshotStore.ts';
import type { Store } from '../storage/Store.ts';
import { errorBody } from './errors.ts';

export interface SnapshotRouteDependencies {
  store: Store;
  snapshots: Snapshots;
  snapshotStore: SnapshotStore;
  audit: AuditLog;
}

const summaryOf = ({ content, ...rest }: Snapshot): SnapshotSummary => {
  const paragraphs = countedParagraphs(content.blocks);
  return { ...rest, paragraphs: paragraphs.length, agreed: paragraphs.filter((block) => block.status === 'agreed').length };
};

/** A file download: the export's bytes, its type, and a name safe in a header (the symbol is ASCII). */
function download(context: Context, rendered: RenderedExport, draft: boolean) {
  return context.body(rendered.bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': rendered.mediaType,
    'Content-Disposition': `attachment; filename="${rendered.fileName}"`,
    'X-Concord-Draft': draft ? 'true' : 'false',
    ...(rendered.signature === null ? {} : { 'X-Concord-File-Sha256': rendered.signature.fileSha256 }),
  });
}

function exportFailed(context: Context, error: unknown) {
  if (error instanceof UnsupportedFormatError) return context.json(errorBody('unsupported_format', error.message), 422);
  if (error instanceof ChromiumUnavailableError) return context.json(errorBody('export_unavailable', error.message), 503);
  throw error;
}

const docxMediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const documentSymbolFileStem = (symbol: string | undefined) => (symbol ?? 'concord').replaceAll('/', '-');

const query = queryString(exportQuerySchema, 'format is docx, pdf, html, markdown, akn or json; mode agreed or compilation; language en, fr, es, ru, zh or ar');

/** A document's snapshots and its live export: /api/documents/:documentId/... */
export function documentSnapshotRoutes({ store, snapshots, snapshotStore, audit }: SnapshotRouteDependencies) {
  const documentOf = async (raw: string): Promise<DocumentMeta | null> => {
    const parsed = documentIdSchema.safeParse(raw);
    return parsed.success ? store.getDocument(parsed.data) : null;
  };
  const noDocument = (context: Context) => context.json(errorBody('not_found', 'no such document'), 404);

  return new Hono<AppEnv>()
    .get('/:documentId/snapshots', requirePermission('document.read'), async (context) => {
      const meta = await documentOf(context.req.param('documentId'));
      if (meta === null) return noDocument(context);
      return context.json({ snapshots: (await snapshotStore.list(meta.id)).map(summaryOf) }, 200);
    })
    .post('/:documentId/snapshots', requirePermission('snapshot.create'), jsonBody(createSnapshotInputSchema, 'a snapshot needs a name (1-120 characters)'), async (context) => {
      const meta = await documentOf(context.req.param('documentId'));
      if (meta === null) return noDocument(context);
      const user = context.var.session.user;
      const snapshot = await snapshots.take(meta, context.req.valid('json').name, user);
      await audit.append({
        type: 'snapshot-created',
        actor: auditActorOf(user),
        ip: context.var.clientIp,
        documentId: meta.id,
        detail: { snapshotId: snapshot.id, number: snapshot.number, sha256: snapshot.sha256 },
      });
      return context.json(summaryOf(snapshot), 201);
    })
    .get('/:documentId/content', requirePermission('document.read'), async (context) => {
      const meta = await documentOf(context.req.param('documentId'));
      if (meta === null) return noDocument(context);
      return context.json(await snapshots.liveContent(meta), 200);
    })
    .get('/:documentId/export', requirePermission('document.read'), query, async (context) => {
      const meta = await documentOf(context.req.param('documentId'));
      if (meta === null) return noDocument(context);
      const { format, mode, language } = context.req.valid('query');
      try {
        const rendered = await snapshots.exportLive(meta, format, mode, language);
        await audit.append({ type: 'export', actor: auditActorOf(context.var.session.user), ip: context.var.clientIp, documentId: meta.id, detail: { snapshotId: null, format, mode, language } });
        return download(context, rendered, true);
      } catch (error) {
        return exportFailed(context, error);
      }
    });
}

/** One snapshot, its exports and their signatures, and the public key: /api/snapshots/... */
export function snapshotRoutes({ store, snapshots, snapshotStore, audit }: SnapshotRouteDependencies) {
  const noSnapshot = (context: Context) => context.json(errorBody('not_found', 'no such snapshot'), 404);
  const snapshotOf = async (raw: string) => {
    const parsed = snapshotIdSchema.safeParse(raw);
    return parsed.success ? snapshotStore.get(parsed.data) : null;
  };
  const render = async (snapshot: Snapshot, { format, mode, language }: ExportQuery) => {
    const meta = await store.getDocument(snapshot.documentId);
    return meta === null ? null : snapshots.exportSnapshot(snapshot, meta, format, mode, language);
  };

  return new Hono<AppEnv>()
    .get('/public-key', (context) => context.json(snapshots.publicKey, 200))
    .get('/:snapshotId', requirePermission('document.read'), async (context) => {
      const snapshot = await snapshotOf(context.req.param('snapshotId'));
      if (snapshot === null) return noSnapshot(context);
      return context.json({ ...snapshot, verified: snapshots.verify(snapshot) }, 200);
    })
    .get('/:snapshotId/export', requirePermission('document.read'), query, async (context) => {
      const snapshot = await snapshotOf(context.req.param('snapshotId'));
      if (snapshot === null) return noSnapshot(context);
      const { format, mode, language } = context.req.valid('query');
      try {
        const rendered = await render(snapshot, { format, mode, language });
        if (rendered === null) return noSnapshot(context);
        await audit.append({
          type: 'export',
          actor: auditActorOf(context.var.session.user),
          ip: context.var.clientIp,
          documentId: snapshot.documentId,
          detail: { snapshotId: snapshot.id, format, mode, language },
        });
        return download(context, rendered, false);
      } catch (error) {
        return exportFailed(context, error);
      }
    })
    .get('/:snapshotId/compare', requirePermission('document.read'), queryString(compareQuerySchema, 'with is a snapshot id or live; format json, html or docx'), async (context) => {
      const snapshot = await snapshotOf(context.req.param('snapshotId'));
      const meta = snapshot === null ? null : await store.getDocument(snapshot.documentId);
      if (snapshot === null || meta === null) return noSnapshot(context);
      const { with: other, format, language } = context.req.valid('query');
      const compared = await snapshots.compare(snapshot, meta, other, language);
      if (compared === null) return context.json(errorBody('not_found', 'no such snapshot of this document to compare with'), 404);
      if (format === 'json') return context.json(compared.comparison, 200);
      const bytes = format === 'html' ? new TextEncoder().encode(renderRedlineHtml(compared.comparison, compared.context)) : await renderRedlineDocx(compared.comparison, compared.context);
      const fileName = `${documentSymbolFileStem(compared.context.symbol)}_redline_${other === 'live' ? 'live' : 'snapshots'}_${language}.${format}`;
      await audit.append({ type: 'export', actor: auditActorOf(context.var.session.user), ip: context.var.clientIp, documentId: meta.id, detail: { snapshotId: snapshot.id, comparedWith: other, format, language } });
      return context.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': format === 'html' ? 'text/html; charset=utf-8' : docxMediaType, 'Content-Disposition': `attachment; filename="${fileName}"` });
    })
    .get('/:snapshotId/signature', requirePermission('document.read'), query, async (context) => {
      const snapshot = await snapshotOf(context.req.param('snapshotId'));
      if (snapshot === null) return noSnapshot(context);
      try {
        const rendered = await render(snapshot, context.req.valid('query'));
        if (rendered?.signature == null) return noSnapshot(context);
        return context.json(rendered.signature, 200, { 'Content-Disposition': `attachment; filename="${rendered.fileName}.signature.json"` });
      } catch (error) {
        return exportFailed(context, error);
      }
    });
}
