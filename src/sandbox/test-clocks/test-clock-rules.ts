/** A test clock as its store, use cases and routes pass it around (docs/architecture.md, "Entity types"). */

export interface TestClockRecord {
  id: string;
  name: string | null;
  frozenTime: Date;
  /** `advancing` while an advance runs its due work; `ready` otherwise. */
  status: 'ready' | 'advancing';
  createdAt: Date;
}
