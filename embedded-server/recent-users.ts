/**
 * The users a worker served most recently. Only the session-mixup fault reads it: it is
 * the kind of per-process leftover that makes a worker write one user's card into the
 * database of the user it served just before.
 */
export interface KnownUser {
  userId: number;
  username: string;
}

export class RecentUsers {
  private users: KnownUser[] = [];

  constructor(private readonly capacity = 8) {}

  seen(userId: number, username: string): void {
    this.users = [{ userId, username }, ...this.users.filter((u) => u.userId !== userId)].slice(0, this.capacity);
  }

  /** Most recent first, never `userId` itself. */
  othersThan(userId: number): KnownUser[] {
    return this.users.filter((u) => u.userId !== userId);
  }
}
