import { type CredentialProvider, type CredentialRequest, GuixuError } from '@guixu/core';
import { z } from 'zod';

/**
 * Credentials for webhook authentication until stored credentials exist
 * (issue 4 replaces this with the encrypted credential store behind the same
 * `CredentialProvider` port). Entries come from `GUIXU_CREDENTIALS` (a JSON
 * object: name → `{ type, data }`) and from `set()` (tests, embedders); a
 * node's reference is looked up by id, then by name.
 */

const entrySchema = z.object({ type: z.string().min(1), data: z.record(z.string(), z.unknown()) });
const envSchema = z.record(z.string(), entrySchema);
type Entry = z.infer<typeof entrySchema>;

export class InMemoryCredentialProvider implements CredentialProvider {
  private readonly entries = new Map<string, Entry>();

  /** Reads `GUIXU_CREDENTIALS`; throws CONFIG_INVALID naming the variable when it is malformed. */
  static fromEnv(env: Record<string, string | undefined> = process.env): InMemoryCredentialProvider {
    const provider = new InMemoryCredentialProvider();
    const text = env.GUIXU_CREDENTIALS;
    if (text === undefined || text.trim() === '') return provider;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw invalidEnv(error instanceof Error ? error.message : String(error));
    }
    const parsed = envSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidEnv(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    for (const [name, entry] of Object.entries(parsed.data)) provider.set(name, entry.type, entry.data);
    return provider;
  }

  /** Adds or replaces a credential under a name (also its id until ids exist). */
  set(name: string, type: string, data: Record<string, unknown>): void {
    this.entries.set(name, { type, data });
  }

  delete(name: string): void {
    this.entries.delete(name);
  }

  async get(request: CredentialRequest): Promise<Record<string, unknown>> {
    const { ref, type, node } = request;
    const entry = (ref.id ? this.entries.get(ref.id) : undefined) ?? this.entries.get(ref.name);
    if (!entry) {
      throw new GuixuError(
        'CREDENTIAL_NOT_FOUND',
        `Credential "${ref.name}" used by node "${node}" does not exist`,
        {
          node,
          details: { credential: ref.name, type },
          description:
            'Define it in GUIXU_CREDENTIALS (name → { type, data }) until stored credentials arrive.',
        },
      );
    }
    if (entry.type !== type) {
      throw new GuixuError(
        'CREDENTIAL_TYPE_MISMATCH',
        `Credential "${ref.name}" is of type "${entry.type}", but node "${node}" needs "${type}"`,
        { node, details: { credential: ref.name, type, actualType: entry.type } },
      );
    }
    return entry.data;
  }
}

function invalidEnv(message: string): GuixuError {
  return new GuixuError('CONFIG_INVALID', `GUIXU_CREDENTIALS is not valid: ${message}`, {
    audience: 'operator',
    details: { variable: 'GUIXU_CREDENTIALS' },
  });
}
