import type { ThreadComment } from '@concord/shared';

/** Comments in the order they reached the floor (a released comment where it was released); waiting ones by when written. */
export function commentsInOrder(comments: readonly ThreadComment[]): ThreadComment[] {
  const at = (comment: ThreadComment) => comment.publishedAt ?? comment.createdAt;
  return [...comments].sort((left, right) => at(left).localeCompare(at(right)) || left.id.localeCompare(right.id));
}
