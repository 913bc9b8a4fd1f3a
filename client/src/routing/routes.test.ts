import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './routes.ts';

describe('matchRoute', () => {
  it.each([
    ['/', { name: 'documents' }],
    ['/admin', { name: 'admin' }],
    ['/admin/', { name: 'admin' }],
    ['/invitation', { name: 'invitation' }],
    ['/documents/abc_DEF-123', { name: 'document', documentId: 'abc_DEF-123' }],
    ['/documents/abc/', { name: 'document', documentId: 'abc' }],
    ['/documents/abc_DEF-123/compilation', { name: 'compilation', documentId: 'abc_DEF-123' }],
    ['/documents/abc/compilation/', { name: 'compilation', documentId: 'abc' }],
    ['/documents/abc_DEF-123/snapshots', { name: 'snapshots', documentId: 'abc_DEF-123' }],
    ['/documents/abc/snapshots/', { name: 'snapshots', documentId: 'abc' }],
    ['/reports', { name: 'reports' }],
    ['/reports/', { name: 'reports' }],
    ['/verify', { name: 'verify' }],
  ])('maps %s to its screen', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each(['/documents', '/documents/', '/documents/bad.id', '/documents/%E0%A4%A', '/documents/a/b', '/documents/bad.id/compilation', '/documents/a/compilations', '/documents/bad.id/snapshots', '/documents/a/snapshots/1', '/reports/2026', '/verify/x', '/administration', '/nowhere'])(
    'sends %s to the not-found screen',
    (path) => {
      expect(matchRoute(path)).toEqual({ name: 'notFound' });
    },
  );

  it('reads back the paths it builds', () => {
    expect(matchRoute(paths.document('Xy_9-z'))).toEqual({ name: 'document', documentId: 'Xy_9-z' });
    expect(matchRoute(paths.admin)).toEqual({ name: 'admin' });
    expect(matchRoute(paths.compilation('Xy_9-z'))).toEqual({ name: 'compilation', documentId: 'Xy_9-z' });
    expect(matchRoute(paths.snapshots('Xy_9-z'))).toEqual({ name: 'snapshots', documentId: 'Xy_9-z' });
    expect(matchRoute(paths.reports)).toEqual({ name: 'reports' });
    expect(matchRoute(paths.verify)).toEqual({ name: 'verify' });
  });

  it('opens a thread of a document through the query, leaving the route to the path', () => {
    const [pathname, query] = paths.thread('doc_1', 'thread-1').split('?');
    expect(matchRoute(pathname ?? '')).toEqual({ name: 'document', documentId: 'doc_1' });
    expect(new URLSearchParams(query).get('thread')).toBe('thread-1');
  });
});
