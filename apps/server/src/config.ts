import { z } from "zod";

/** Server settings from the environment, validated once at start with readable errors. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().url().optional(),
  SWEETIE_DATA_DIR: z.string().min(1).default("./data"),
  /** Where evidence files go: the data directory (embedded default) or PostgreSQL (several nodes). */
  SWEETIE_BLOB_STORE: z.enum(["filesystem", "database"]).optional(),
  /**
   * The deployment's deconfliction secret (64 hex characters): the key of the HMAC-SHA-256 under
   * which identifiers are indexed across operations. Else created in the data directory.
   */
  SWEETIE_DECONFLICTION_SECRET: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/u, "64 hexadecimal characters")
    .optional(),
  /** Hours a session lives without activity. */
  SWEETIE_SESSION_HOURS: z.coerce.number().positive().default(12),
  /**
   * Failed sign-ins allowed per account, per address and for the whole server in the window
   * below (counted in the database, shared by every node); then a lock that doubles each time.
   */
  SWEETIE_LOGIN_ATTEMPTS: z.coerce.number().int().positive().default(8),
  SWEETIE_LOGIN_ADDRESS_ATTEMPTS: z.coerce.number().int().positive().default(20),
  SWEETIE_LOGIN_GLOBAL_ATTEMPTS: z.coerce.number().int().positive().default(1000),
  SWEETIE_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** Minutes a revealed message or capture stays revealed to the person who revealed it (S8). */
  SWEETIE_REVEAL_MINUTES: z.coerce.number().positive().default(10),
  /**
   * Seconds a server process holds a real venue (network account) without renewing its lease.
   * With several processes on one PostgreSQL, another takes a dead holder's venues over after at
   * most this long (plus a third of it); it renews three times per lease.
   */
  SWEETIE_VENUE_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** Set when the console is served over HTTPS, so cookies are marked Secure. */
  SWEETIE_SECURE_COOKIES: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export type ServerConfig = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const defaultConfig: ServerConfig = configSchema.parse({});
