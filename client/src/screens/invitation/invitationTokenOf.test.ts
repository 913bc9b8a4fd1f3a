import { describe, expect, it } from 'vitest';
import { invitationTokenOf } from './invitationTokenOf.ts';

const token = 'A'.repeat(20) + 'b_c-9'.repeat(4);

describe('invitationTokenOf', () => {
  it('reads the token of the fragment the server puts in the link', () => {
    expect(invitationTokenOf(`#token=${token}`)).toBe(token);
  });

  it.each(['', '#', '#token=', '#token=short', `#other=${token}`, '#token=not%20a%20token%20at%20all%20really%20no'])('finds none in %j', (hash) => {
    expect(invitationTokenOf(hash)).toBeNull();
  });
});
