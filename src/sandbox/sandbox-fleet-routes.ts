import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SANDBOX_FLEET_DELAYS, SANDBOX_MACHINE_TYPES, type SandboxFleet } from './sandbox-fleet.js';

/**
 * The sandbox fleet's own view (operators): its machine types, its delays, and every machine
 * with its phase and whether its disk was destroyed. The engine itself calls it in process.
 */
export const sandboxFleetRoutes =
  (fleet: SandboxFleet): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/sandbox/fleet/machines',
      {
        config: { roles: ['operator'] },
        schema: {
          tags: ['sandbox'],
          summary: 'The sandbox GPU fleet: machine types, delays, and machines with their phase',
          response: {
            200: z.object({
              types: z.array(
                z.object({
                  code: z.string(),
                  gpu: z.string(),
                  vramGb: z.number(),
                  vcpus: z.number(),
                  ramGb: z.number(),
                }),
              ),
              delaysMs: z.object({ provisionMs: z.number(), stopMs: z.number(), startMs: z.number() }),
              machines: z.array(
                z.object({
                  id: z.string(),
                  reference: z.string(),
                  type: z.string(),
                  diskGb: z.number(),
                  phase: z.string(),
                  diskDestroyedAt: z.string().nullable(),
                  calls: z.record(z.string(), z.number()),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        types: [...SANDBOX_MACHINE_TYPES],
        delaysMs: SANDBOX_FLEET_DELAYS,
        machines: fleet.list().map((m) => ({
          id: m.id,
          reference: m.reference,
          type: m.type,
          diskGb: m.diskGb,
          phase: m.phase,
          diskDestroyedAt: m.diskDestroyedAt,
          calls: m.calls,
        })),
      }),
    );
  };
