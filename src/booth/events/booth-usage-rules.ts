/**
 * The booth line's usage rules, without I/O: the catalog of outputs and their token costs, feature
 * tiers and event tags, which license an event takes, template cost per session, the virtual
 * booth's per-session token, the event estimator and the cheapest combination of token packs.
 *
 * Tokens are micros (6 decimals) like every other unit: a text message costs 0.05 token = 50,000
 * micros. Pack prices are USD micros in whole cents.
 */
import {
  type LicenseCatalog,
  type OutputCatalog,
  TIERS,
  TIER_RANK,
  type Tier,
  tierCovers,
} from '../licenses/licensing-rules.js';
import { MICROS_PER_UNIT } from '../../kernel/money.js';

export { TIERS, type Tier } from '../licenses/licensing-rules.js';

/** Premium ⊇ Pro ⊇ Basic: the rank orders tiers. */
export const tierRank = (tier: Tier): number => TIER_RANK[tier];
export const highestTier = (tiers: Iterable<Tier>): Tier => {
  let best: Tier = 'basic';
  for (const t of tiers) if (tierRank(t) > tierRank(best)) best = t;
  return best;
};

const TOKEN = MICROS_PER_UNIT;

/**
 * Features are the license catalog's feature codes (licensing.ts, operator-edited): each belongs to
 * the tier whose own list names it. An event's tag is the highest tier among its features.
 */
export type Feature = string;
export type FeatureTiers = ReadonlyMap<Feature, Tier>;

export function featureTiers(catalog: Pick<LicenseCatalog, 'features'>): FeatureTiers {
  const map = new Map<Feature, Tier>();
  for (const tier of TIERS)
    for (const f of catalog.features[tier]) if (!map.has(f.code)) map.set(f.code, tier);
  return map;
}

/** The feature a virtual booth needs (a code of the default catalog). */
export const VIRTUAL_BOOTH_FEATURE = 'virtual_booth';

/**
 * Output kinds, their token costs and tiers are catalog values (licensing-rules `OutputCatalog`,
 * operator-edited, versioned): nothing here hard-codes a cost. A kind the catalog in force does
 * not list is refused.
 */
export type OutputKind = string;

/** Kinds the catalog does not list. */
export const unknownOutputKinds = (kinds: Iterable<OutputKind>, outputs: OutputCatalog): OutputKind[] =>
  [...new Set(kinds)].filter((k) => !Object.hasOwn(outputs, k));

/** Token cost of one output of a kind the catalog lists. */
export const outputCost = (outputs: OutputCatalog, kind: OutputKind): bigint => outputs[kind]!.tokenMicros;

/** Kinds above the event's tag: an event never produces an output of a higher tier than its tag. */
export const kindsAboveTier = (
  kinds: Iterable<OutputKind>,
  outputs: OutputCatalog,
  tag: Tier,
): OutputKind[] =>
  [...new Set(kinds)].filter((k) => outputs[k] !== undefined && !tierCovers(tag, outputs[k].tier));

/** Welcome bonus, once per account: 25 tokens. */
export const WELCOME_TOKENS_MICROS = 25n * TOKEN;

/** Virtual booth: sessions after this many in one event cost a token each (unless they paid for AI). */
export const VIRTUAL_BOOTH_FREE_SESSIONS = 500;
export const VIRTUAL_BOOTH_SESSION_MICROS = 1n * TOKEN;

/**
 * The token a virtual booth session owes when it ends. `ordinal` is the session's 1-based number
 * in its event (in the order sessions are ended); `paidForAi` whether an AI output of the session
 * was charged.
 */
export function virtualBoothSessionCost(input: {
  virtualBooth: boolean;
  ordinal: number;
  paidForAi: boolean;
}): bigint {
  if (!input.virtualBooth || input.ordinal <= VIRTUAL_BOOTH_FREE_SESSIONS || input.paidForAi) return 0n;
  return VIRTUAL_BOOTH_SESSION_MICROS;
}

// ---- Templates and event tags ------------------------------------------------------------------

export interface TemplateOutput {
  kind: OutputKind;
  /** Outputs of this kind per session. */
  count: number;
}

export interface TemplateSpec {
  outputs: readonly TemplateOutput[];
  features: readonly Feature[];
}

/** Token cost per session of a template: Σ count × catalog cost of its outputs. */
export function templateCost(template: Pick<TemplateSpec, 'outputs'>, outputs: OutputCatalog): bigint {
  return template.outputs.reduce(
    (sum, o) => sum + BigInt(o.count) * (outputs[o.kind]?.tokenMicros ?? 0n),
    0n,
  );
}

/** Whether a session of this template pays for at least one AI output. */
export const templateHasAi = (template: Pick<TemplateSpec, 'outputs'>, outputs: OutputCatalog): boolean =>
  template.outputs.some((o) => o.count > 0 && outputs[o.kind]?.ai === true);

/** The tier a template needs: the highest among its features' and its outputs' tiers. */
export function templateTier(template: TemplateSpec, tiers: FeatureTiers, outputs: OutputCatalog): Tier {
  return highestTier([
    ...template.features.map((f) => tiers.get(f) ?? 'basic'),
    ...template.outputs.map((o) => outputs[o.kind]?.tier ?? 'basic'),
  ]);
}

/** Features the catalog does not know (a request naming one is refused). */
export const unknownFeatures = (features: readonly Feature[], tiers: FeatureTiers): Feature[] =>
  features.filter((f) => !tiers.has(f));

/**
 * An event's tag: the highest tier among the features it uses (its own, its templates' features
 * and outputs, the virtual booth's). A feature the catalog no longer lists counts as Basic.
 */
export function eventTag(
  input: { features: readonly Feature[]; templates: readonly TemplateSpec[]; virtualBooth: boolean },
  tiers: FeatureTiers,
  outputs: OutputCatalog,
): Tier {
  const features = [...input.features, ...(input.virtualBooth ? [VIRTUAL_BOOTH_FEATURE] : [])];
  return highestTier([
    ...features.map((f) => tiers.get(f) ?? 'basic'),
    ...input.templates.map((t) => templateTier(t, tiers, outputs)),
  ]);
}

// ---- Licenses ----------------------------------------------------------------------------------

/**
 * The license an event takes: among free licenses of the tag's tier or higher, the lowest tier
 * first, then the smallest id (deterministic). Undefined: none is free.
 */
export function chooseLicense<L extends { id: string; tier: Tier }>(
  tag: Tier,
  usable: readonly L[],
  busy: ReadonlySet<string>,
): L | undefined {
  return usable
    .filter((l) => tierCovers(l.tier, tag) && !busy.has(l.id))
    .sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

// ---- Output charging ---------------------------------------------------------------------------

export type OutputDecision = { accepted: true; costMicros: bigint } | { accepted: false; costMicros: bigint };

/**
 * Decides, in report order, which outputs the available balance pays for: an output is accepted
 * when its cost fits in what is left after the outputs accepted before it. Free outputs are always
 * accepted. A refused output takes nothing, so a cheaper one after it may still fit.
 */
export function decideOutputs(costs: readonly bigint[], availableMicros: bigint): OutputDecision[] {
  let left = availableMicros;
  return costs.map((cost) => {
    if (cost <= left) {
      left -= cost;
      return { accepted: true, costMicros: cost };
    }
    return { accepted: false, costMicros: cost };
  });
}

// ---- Token packs -------------------------------------------------------------------------------

export interface TokenPack {
  tokens: number;
  priceMicros: bigint;
}

const usd = (dollars: number) => BigInt(dollars) * MICROS_PER_UNIT;

/** Packs (seed 002): 100/$20, 500/$75, 1,000/$120, 2,000/$200, 5,000/$450, 10,000/$800, 20,000/$1,400. */
export const TOKEN_PACKS: readonly TokenPack[] = [
  { tokens: 100, priceMicros: usd(20) },
  { tokens: 500, priceMicros: usd(75) },
  { tokens: 1_000, priceMicros: usd(120) },
  { tokens: 2_000, priceMicros: usd(200) },
  { tokens: 5_000, priceMicros: usd(450) },
  { tokens: 10_000, priceMicros: usd(800) },
  { tokens: 20_000, priceMicros: usd(1_400) },
];

export const findPack = (tokens: number): TokenPack | undefined =>
  TOKEN_PACKS.find((p) => p.tokens === tokens);

export interface PackCombination {
  /** Packs by size, largest first, with how many of each. */
  packs: { tokens: number; count: number; priceMicros: bigint }[];
  tokens: number;
  priceMicros: bigint;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The cheapest multiset of packs whose tokens cover `shortfallTokens` (exact: an unbounded knapsack
 * solved by dynamic programming over the packs' common step, not greedy). Ties: the fewest tokens
 * (least left over), then the fewest packs, then larger packs.
 *
 * Large shortfalls stay cheap to solve: when one pack is strictly the cheapest per token, an
 * optimal answer never holds as many other packs as that pack has steps (some subset of them would
 * sum to a multiple of it and could be swapped for it, strictly cheaper), so the DP only ever runs
 * over a bounded remainder and the rest is that pack.
 */
export function cheapestPacks(
  shortfallTokens: number,
  packs: readonly TokenPack[] = TOKEN_PACKS,
): PackCombination {
  if (!Number.isSafeInteger(shortfallTokens) || shortfallTokens < 0)
    throw new Error('shortfall must be a whole number ≥ 0');
  if (shortfallTokens === 0) return { packs: [], tokens: 0, priceMicros: 0n };
  const step = packs.reduce((g, p) => gcd(g, p.tokens), 0);
  const sizes = packs.map((p) => p.tokens / step);
  const need = Math.ceil(shortfallTokens / step);
  const bulk = bulkOfBestRatioPack(packs, sizes, need);
  const rest = need - (bulk ? bulk.count * sizes[bulk.index]! : 0);
  const choice = cheapestCoverChoices(packs, sizes, rest);

  const counts = new Array<number>(packs.length).fill(0);
  if (bulk) counts[bulk.index] = bulk.count;
  for (let i = rest; i > 0;) {
    const k = choice[i]!;
    counts[k]!++;
    i = Math.max(0, i - sizes[k]!);
  }
  return packCombination(packs, counts);
}

/**
 * Fixes the bulk of the answer to the best-ratio pack when the shortfall is far beyond the bound
 * (see `cheapestPacks`): which pack and how many of it. None when no pack is strictly cheapest per
 * token, or the shortfall is within the bound.
 */
function bulkOfBestRatioPack(
  packs: readonly TokenPack[],
  sizes: number[],
  need: number,
): { index: number; count: number } | null {
  const byRatio = packs
    .map((p, i) => ({ i, ratio: Number(p.priceMicros) / p.tokens }))
    .sort((a, b) => a.ratio - b.ratio);
  if (!(byRatio.length > 1 && byRatio[0]!.ratio < byRatio[1]!.ratio)) return null;
  const index = byRatio[0]!.i;
  const best = sizes[index]!;
  const maxOther = Math.max(...sizes.filter((_, i) => i !== index));
  const bound = best * maxOther + best;
  return { index, count: need > bound ? Math.floor((need - bound) / best) : 0 };
}

/**
 * The dynamic programme: for every i up to `rest` steps, the best way to cover at least i steps, as
 * (price, tokens, packs) compared in that order. Answers, per i, the pack chosen last.
 */
function cheapestCoverChoices(packs: readonly TokenPack[], sizes: number[], rest: number): Int32Array {
  const price = new Array<bigint>(rest + 1);
  const steps = new Float64Array(rest + 1);
  const count = new Float64Array(rest + 1);
  const choice = new Int32Array(rest + 1).fill(-1);
  price[0] = 0n;
  // Larger packs are tried first so that, all else equal, the larger pack wins.
  const order = packs.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]!);
  for (let i = 1; i <= rest; i++) {
    let bestPrice: bigint | undefined;
    let bestSteps = 0;
    let bestCount = 0;
    let bestChoice = -1;
    for (const k of order) {
      const from = Math.max(0, i - sizes[k]!);
      const p = price[from]! + packs[k]!.priceMicros;
      const s = steps[from]! + sizes[k]!;
      const c = count[from]! + 1;
      if (
        bestPrice === undefined ||
        p < bestPrice ||
        (p === bestPrice && (s < bestSteps || (s === bestSteps && c < bestCount)))
      ) {
        bestPrice = p;
        bestSteps = s;
        bestCount = c;
        bestChoice = k;
      }
    }
    price[i] = bestPrice!;
    steps[i] = bestSteps;
    count[i] = bestCount;
    choice[i] = bestChoice;
  }
  return choice;
}

/** The chosen packs, largest first, with their total tokens and price. */
function packCombination(packs: readonly TokenPack[], counts: number[]): PackCombination {
  const chosen = packs
    .map((p, i) => ({ tokens: p.tokens, count: counts[i]!, priceMicros: p.priceMicros }))
    .filter((p) => p.count > 0)
    .sort((a, b) => b.tokens - a.tokens);
  return {
    packs: chosen,
    tokens: chosen.reduce((s, p) => s + p.tokens * p.count, 0),
    priceMicros: chosen.reduce((s, p) => s + p.priceMicros * BigInt(p.count), 0n),
  };
}

// ---- Estimator ---------------------------------------------------------------------------------

export const DEFAULT_SESSIONS_PER_HOUR = { min: 30, max: 55 } as const;

export interface EstimateInput {
  /** Per-session cost and whether a session of it pays for AI, for each chosen template. */
  templates: readonly { costMicros: bigint; hasAi: boolean }[];
  /** Event length in minutes (hours × 60; minutes keep half hours exact). */
  minutes: number;
  sessionsPerHour: { min: number; max: number };
  virtualBooth: boolean;
  availableMicros: bigint;
}

export interface Estimate {
  sessions: { min: number; max: number };
  tokens: { minMicros: bigint; maxMicros: bigint };
  availableMicros: bigint;
  /** What the high end needs beyond the balance (0 when covered), in micros. */
  shortfallMicros: bigint;
  /** The shortfall rounded up to whole tokens, covered by `packs`. */
  shortfallTokens: number;
  packs: PackCombination;
}

/**
 * Token range for an event: sessions = minutes × sessions-per-hour ÷ 60 (rounded down at the low
 * end, up at the high end); each session costs its template's tokens, the cheapest template at the
 * low end and the dearest at the high end; a virtual booth adds a token for every session after the
 * first 500 whose template pays for no AI output. The shortfall is measured against the high end.
 */
export function estimateEventTokens(input: EstimateInput): Estimate {
  const low = Math.floor((input.minutes * input.sessionsPerHour.min) / 60);
  const high = Math.ceil((input.minutes * input.sessionsPerHour.max) / 60);
  const perSession = (s: { costMicros: bigint; hasAi: boolean }, sessions: number) =>
    BigInt(sessions) * s.costMicros +
    (input.virtualBooth && !s.hasAi
      ? BigInt(Math.max(0, sessions - VIRTUAL_BOOTH_FREE_SESSIONS)) * VIRTUAL_BOOTH_SESSION_MICROS
      : 0n);
  const costs = (sessions: number) => input.templates.map((t) => perSession(t, sessions));
  const min = input.templates.length === 0 ? 0n : costs(low).reduce((a, b) => (b < a ? b : a));
  const max = input.templates.length === 0 ? 0n : costs(high).reduce((a, b) => (b > a ? b : a));
  const available = input.availableMicros > 0n ? input.availableMicros : 0n;
  const shortfall = max > available ? max - available : 0n;
  const shortfallTokens = Number((shortfall + MICROS_PER_UNIT - 1n) / MICROS_PER_UNIT);
  return {
    sessions: { min: low, max: high },
    tokens: { minMicros: min, maxMicros: max },
    availableMicros: input.availableMicros,
    shortfallMicros: shortfall,
    shortfallTokens,
    packs: cheapestPacks(shortfallTokens),
  };
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

/** Token auto top-up settings and their crossing state (migration 018). */
export interface AutoTopupRecord {
  accountId: string;
  enabled: boolean;
  thresholdMicros: bigint;
  packTokens: number;
  maxPerDay: number;
  armed: boolean;
  crossings: number;
  disabledReason: string | null;
  updatedAt: Date;
}

/** A template as stored: its cost and tier are not stored, they follow the catalog in force. */
export interface StoredTemplate {
  accountId: string;
  id: string;
  name: string;
  outputs: TemplateOutput[];
  features: Feature[];
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type EventStatus = 'registered' | 'running' | 'paused' | 'ended';

export interface EventRecord {
  id: string;
  accountId: string;
  name: string;
  tag: Tier;
  virtualBooth: boolean;
  features: Feature[];
  templateIds: string[];
  status: EventStatus;
  pauseReason: string | null;
  sessionsEnded: number;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  /** The license the event holds while running (null otherwise). */
  license: { id: string; tier: Tier } | null;
}

export interface OutputClaimInput {
  accountId: string;
  eventId: string;
  outputs: { outputId: string; sessionId: string; kind: OutputKind }[];
  /** The ledger Charge planned for this batch: costed outputs carry its id. */
  transactionId: string;
  now: Date;
}

export interface StoredOutput {
  outputId: string;
  eventId: string;
  sessionId: string;
  kind: OutputKind;
  costMicros: bigint;
  transactionId: string | null;
  /** The Charge exists (or the output is free): the output is paid for. */
  settled: boolean;
  createdAt: Date;
}

export interface OutputClaim {
  event:
    | { status: EventStatus; pauseReason: string | null; virtualBooth: boolean; name: string; tag: Tier }
    | undefined;
  /** The output kinds of the catalog in force, as the statement priced them. */
  outputs: OutputCatalog;
  /** Outputs recorded earlier under the ids this report did not insert. */
  existing: StoredOutput[];
  /** Output ids this statement recorded now (not those costing more than the whole balance). */
  inserted: Set<string>;
  /** Available TOKEN balance as read by the statement (not locked). */
  availableMicros: bigint;
}

export interface SessionRecord {
  eventId: string;
  sessionId: string;
  accountId: string;
  ordinal: number;
  paidForAi: boolean;
  costMicros: bigint;
  transactionId: string | null;
  /** Free, or its Charge was written. */
  settled: boolean;
  endedAt: Date;
}

export interface TokenPurchaseRecord {
  id: string;
  accountId: string;
  packTokens: number;
  quantity: number;
  tokenMicros: bigint;
  priceMicros: bigint;
  status: 'pending' | 'paid' | 'declined';
  invoiceId: string | null;
  transactionId: string | null;
  declineReason: string | null;
  requestHash: string;
  createdAt: Date;
  updatedAt: Date;
}
