/** Due work as its store and runner pass it around (docs/architecture.md, "Entity types"). Pure: no I/O. */

export interface DueWorkSpec {
  kind: string;
  /** What the work is about: an instance id, an account id ... */
  subject: string;
  /** Which occurrence: an hour, a billing period, a crossing; (kind, subject, period) is unique. */
  period: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

export interface DueWork extends Required<DueWorkSpec> {
  id: bigint;
  attempts: number;
}
