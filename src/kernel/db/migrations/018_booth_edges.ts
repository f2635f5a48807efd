/**
 * The booth line at its edges (issue 16):
 *
 * - Output kinds in the versioned catalog: each kind's token cost (micros, as text: exact), its
 *   tier and whether it is an AI output. Existing versions get the seed values; an output already
 *   recorded keeps the cost it was charged (booth_outputs.cost_micros).
 * - Templates per account: (account, id) is the key, so two booth apps never share an id; archived
 *   templates stay readable by events that name them. Costs are not stored: they follow the
 *   catalog in force. The global booth_templates table of 011 is no longer read.
 * - Token auto top-up settings per account, with the crossing counter that makes one purchase per
 *   crossing (its idempotency key) and the arming flag (re-armed when the balance is back above).
 * - Dunning of failed renewal invoices: the retry schedule it was started with and each attempt.
 */
const OUTPUTS = {
  photo: { name: 'Photo', tokenMicros: '0', tier: 'basic', ai: false },
  gif: { name: 'GIF', tokenMicros: '0', tier: 'basic', ai: false },
  boomerang: { name: 'Boomerang', tokenMicros: '0', tier: 'basic', ai: false },
  video: { name: 'Video', tokenMicros: '0', tier: 'basic', ai: false },
  print: { name: 'Print', tokenMicros: '0', tier: 'basic', ai: false },
  text_message: { name: 'Text message', tokenMicros: '50000', tier: 'basic', ai: false },
  ai_image_low: { name: 'AI image, low processing', tokenMicros: '1000000', tier: 'pro', ai: true },
  ai_image_high: { name: 'AI image, high processing', tokenMicros: '2000000', tier: 'pro', ai: true },
  ai_video_low: { name: 'AI video, low processing', tokenMicros: '5000000', tier: 'premium', ai: true },
  ai_video_medium: {
    name: 'AI video, medium processing',
    tokenMicros: '10000000',
    tier: 'premium',
    ai: true,
  },
  ai_video_high: { name: 'AI video, high processing', tokenMicros: '15000000', tier: 'premium', ai: true },
  premium_background_removal: {
    name: 'Premium background removal',
    tokenMicros: '1000000',
    tier: 'premium',
    ai: false,
  },
};

export const sql = `
ALTER TABLE license_catalog_versions ADD COLUMN outputs jsonb NOT NULL DEFAULT '${JSON.stringify(OUTPUTS)}';

CREATE TABLE booth_account_templates (
  account_id   text NOT NULL REFERENCES accounts (id),
  id           text NOT NULL,
  name         text NOT NULL,
  outputs      jsonb NOT NULL,
  features     jsonb NOT NULL,
  archived_at  timestamptz,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (account_id, id)
);

CREATE TABLE booth_auto_topups (
  account_id        text PRIMARY KEY REFERENCES accounts (id),
  enabled           boolean NOT NULL,
  threshold_micros  int8 NOT NULL CHECK (threshold_micros >= 0),
  pack_tokens       int4 NOT NULL CHECK (pack_tokens > 0),
  max_per_day       int4 NOT NULL CHECK (max_per_day BETWEEN 1 AND 100),
  -- armed: the next fall below the threshold buys a pack; disarmed until the balance is back above.
  armed             boolean NOT NULL DEFAULT true,
  -- Falls below the threshold so far: the n-th buys under the key auto-topup:n (once).
  crossings         int4 NOT NULL DEFAULT 0 CHECK (crossings >= 0),
  disabled_reason   text,
  updated_at        timestamptz NOT NULL
);

CREATE TABLE booth_dunning (
  invoice_id    text PRIMARY KEY,
  account_id    text NOT NULL REFERENCES accounts (id),
  billing_date  timestamptz NOT NULL,
  -- Days after the billing date of each retry, as configured when the renewal failed.
  retry_days    jsonb NOT NULL,
  -- [{attempt, at, outcome, declineCode}]
  attempts      jsonb NOT NULL DEFAULT '[]',
  status        text NOT NULL CHECK (status IN ('retrying', 'paid', 'uncollectible')),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX booth_dunning_by_account ON booth_dunning (account_id, billing_date DESC);
`;
