import { z } from 'zod';

/** An empty variable (`DATABASE_URL=` in an env file) means "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const Env = z.object({
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
  PICTOR_DATA_DIR: z.string().min(1).default('./data'),
  PICTOR_DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(16),
  PICTOR_LEDGER_WRITERS: z.coerce.number().int().min(1).max(64).default(2),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PICTOR_BOOTSTRAP_OPERATOR_KEY: optional(z.string().min(24)),
  PICTOR_HOLD_SWEEP_SECONDS: z.coerce.number().int().min(1).default(30),
  PICTOR_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(65536),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  ledgerWriters: number;
  host: string;
  port: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  bootstrapOperatorKey: string | undefined;
  holdSweepSeconds: number;
  bodyLimitBytes: number;
}

/** Reads configuration from the environment; a bad value stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.PICTOR_DATA_DIR,
    poolSize: e.PICTOR_DB_POOL_SIZE,
    ledgerWriters: e.PICTOR_LEDGER_WRITERS,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    bootstrapOperatorKey: e.PICTOR_BOOTSTRAP_OPERATOR_KEY,
    holdSweepSeconds: e.PICTOR_HOLD_SWEEP_SECONDS,
    bodyLimitBytes: e.PICTOR_BODY_LIMIT_BYTES,
  };
}
