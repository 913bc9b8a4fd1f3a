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
  ])('maps %s to its screen', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each(['/documents', '/documents/', '/documents/bad.id', '/documents/%E0%A4%A', '/documents/a/b', '/administration', '/nowhere'])(
    'sends %s to the not-found screen',
    (path) => {
      expect(matchRoute(path)).toEqual({ name: 'notFound' });
    },
  );

  it('reads back the paths it builds', () => {
    expect(matchRoute(paths.document('Xy_9-z'))).toEqual({ name: 'document', documentId: 'Xy_9-z' });
    expect(matchRoute(paths.admin)).toEqual({ name: 'admin' });
  });
});
