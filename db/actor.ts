/** Who makes a change and when: every write path records both (history, events, audit). */
export interface Actor {
  userId: number;
  now: number;
}
