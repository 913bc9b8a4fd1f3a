import { can, type ThreadComment } from '@concord/shared';
import type { SessionUser } from '@concord/shared';

/**
 * The comments `viewer` may read: chairs see every comment (queued, rejected and hidden too); everyone else sees
 * published comments and their own comments in whatever state (their queued one stays marked `queued`).
 */
export function visibleComments(viewer: SessionUser, comments: readonly ThreadComment[]): ThreadComment[] {
  if (can(viewer, 'document.moderate')) return [...comments];
  return comments.filter((comment) => comment.state === 'published' || comment.author.userId === viewer.id);
}
