/** A clock that runs with real time but can be moved forward, for sessions and invitations that expire in hours. */
export class TestClock {
  private offsetMs = 0;

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  advance(milliseconds: number): void {
    this.offsetMs += milliseconds;
  }
}

export const hour = 60 * 60 * 1000;
