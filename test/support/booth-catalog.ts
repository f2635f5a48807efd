import type { OutputCatalog } from '../../src/booth/licenses/licensing-rules.js';

const T = 1_000_000n;

/** The output kinds migration 018 seeds the catalog with (seed 002's token costs). */
export const SEED_OUTPUTS: OutputCatalog = {
  photo: { name: 'Photo', tokenMicros: 0n, tier: 'basic', ai: false },
  gif: { name: 'GIF', tokenMicros: 0n, tier: 'basic', ai: false },
  boomerang: { name: 'Boomerang', tokenMicros: 0n, tier: 'basic', ai: false },
  video: { name: 'Video', tokenMicros: 0n, tier: 'basic', ai: false },
  print: { name: 'Print', tokenMicros: 0n, tier: 'basic', ai: false },
  text_message: { name: 'Text message', tokenMicros: T / 20n, tier: 'basic', ai: false },
  ai_image_low: { name: 'AI image, low processing', tokenMicros: 1n * T, tier: 'pro', ai: true },
  ai_image_high: { name: 'AI image, high processing', tokenMicros: 2n * T, tier: 'pro', ai: true },
  ai_video_low: { name: 'AI video, low processing', tokenMicros: 5n * T, tier: 'premium', ai: true },
  ai_video_medium: { name: 'AI video, medium processing', tokenMicros: 10n * T, tier: 'premium', ai: true },
  ai_video_high: { name: 'AI video, high processing', tokenMicros: 15n * T, tier: 'premium', ai: true },
  premium_background_removal: {
    name: 'Premium background removal',
    tokenMicros: 1n * T,
    tier: 'premium',
    ai: false,
  },
};
