/** One vote per person per target, of any kind (`question`, `answer`, `idea`, `review-helpful`). */
export interface VoteReader {
  /** The user's votes (+1 or −1) on targets of one kind, for the targets they voted on. */
  ofUser(
    userId: string,
    targetKind: string,
    targetIds: readonly string[],
  ): Promise<Map<string, number>>;
}

export interface VoteWriter extends VoteReader {
  /**
   * Sets the user's vote on a target: +1, −1, or 0 to remove it. Answers when the vote it
   * replaced or removed was cast (null when there was none), so a score that weighs votes by
   * age (trending) can take exactly that vote's weight back out.
   */
  set(
    targetKind: string,
    targetId: string,
    userId: string,
    value: number,
    at: Date,
  ): Promise<Date | null>;
}
