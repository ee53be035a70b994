import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type AnyNodeDefinition, type CredentialTypeDefinition, NodeRegistry } from '@guixu/core';

/** Files that define nodes and credential types are found by name, not listed by hand. */
const NODE_FILE = /\.node\.(ts|js|mjs)$/;
const CREDENTIAL_FILE = /\.credentials\.(ts|js|mjs)$/;

async function findFiles(root: string, pattern: RegExp): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && pattern.test(e.name) && !e.name.includes('.test.'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function isNodeDefinition(value: unknown): value is AnyNodeDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AnyNodeDefinition).type === 'string' &&
    typeof (value as AnyNodeDefinition).run === 'function'
  );
}

function isCredentialType(value: unknown): value is CredentialTypeDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CredentialTypeDefinition).name === 'string' &&
    typeof (value as CredentialTypeDefinition).fields === 'object'
  );
}

function registerModule(registry: NodeRegistry, file: string, mod: Record<string, unknown>): void {
  const found = Object.values(mod).filter(isNodeDefinition);
  if (found.length === 0) throw new Error(`${file} exports no node definition`);
  for (const definition of new Set(found)) registry.register(definition);
}

function registerCredentialModule(registry: NodeRegistry, mod: Record<string, unknown>): void {
  for (const definition of new Set(Object.values(mod).filter(isCredentialType))) {
    registry.registerCredentialType(definition);
  }
}

/**
 * Registers every node and credential type found under `roots` (community node
 * folders, scanned at run time). Without `roots`: the built-in nodes, from the
 * index `npm run generate` writes, so that the bundle needs no file scan.
 */
export async function discoverNodes(registry = new NodeRegistry(), roots?: string[]): Promise<NodeRegistry> {
  if (!roots) {
    // Loaded on first use, as the file scan was: importing the package stays cheap.
    const { builtinCredentialFiles, builtinNodeFiles } = await import('./generated/builtin.ts');
    for (const [file, mod] of Object.entries(builtinNodeFiles)) registerModule(registry, file, mod);
    for (const mod of Object.values(builtinCredentialFiles)) registerCredentialModule(registry, mod);
    return registry;
  }
  for (const root of roots) {
    for (const file of await findFiles(root, NODE_FILE)) {
      registerModule(registry, file, await import(pathToFileURL(file).href));
    }
    for (const file of await findFiles(root, CREDENTIAL_FILE)) {
      registerCredentialModule(registry, await import(pathToFileURL(file).href));
    }
  }
  return registry;
}

let builtin: Promise<NodeRegistry> | undefined;

/** The registry of built-in nodes, discovered once per process. */
export function builtinNodes(): Promise<NodeRegistry> {
  builtin ??= discoverNodes();
  return builtin;
}

export { FsBinaryStore } from './binary/fs-binary-store.ts';
export { fileTypeOf } from './binary/file-type.ts';
export { binaryRefOf, checkBinaryExecutionId, parseBinaryId } from './binary/binary-id.ts';
export { fileNameFromDisposition } from './http-request/file-name.ts';
export { PREDEFINED_CREDENTIAL_TYPES } from './http-request/predefined/registry.ts';
// Database pools and Redis clients the nodes keep per thread: hosts close them at shutdown.
export { closeConnections, openConnectionCount } from './shared/connection-cache.ts';

// Trigger helpers the server uses to register and answer webhooks and schedules.
export {
  matchWebhookPath,
  normalizeWebhookPath,
  type WebhookConfig,
  webhookConfig,
} from './webhook-trigger/webhook-config.ts';
export { type HmacSettings, verifyHmacSignature } from './webhook-trigger/webhook-hmac.ts';
export {
  type JwtAuthCredential,
  type JwtResult,
  type JwtVerifier,
  jwtVerifier,
} from './credentials/jwt-verify.ts';
export { type OAuthTokenData, oauthTokenDataSchema } from './credentials/oauth2-token-data.ts';
export {
  type AccessToken,
  authorizationCodeToken,
  authorizationUrl,
  clientCredentialsToken,
  type OAuth2Client,
  refreshedToken,
  tokenData,
} from './credentials/oauth2-client.ts';
export {
  type OAuth1Consumer,
  type OAuth1Token,
  type OAuth1TokenData,
  oauth1AccessToken,
  oauth1AuthorizeUrl,
  oauth1RequestToken,
  oauth1TokenDataSchema,
} from './credentials/oauth1-client.ts';
export {
  isRecurrenceDue,
  type ScheduleRule,
  scheduleItem,
  scheduleRules,
} from './schedule-trigger/schedule-rules.ts';
export { codeSandbox, SandboxPool } from './code/sandbox/sandbox-client.ts';
export { projectTenant, SANDBOX_TENANT_SERVICE } from './code/sandbox/tenant.ts';
export {
  type CodeSettings,
  codeSettingsFrom,
  codeSettingsSchema,
  configureCode,
} from './code/sandbox/config.ts';
// AI host services the server provides (usage, prices, chat memory, streams) and prompt templates.
export {
  AI_SERVICES,
  type ChatMemoryStore,
  type UsageSink,
} from './ai/cluster/host-services.ts';
export { type ModelPrice, type ModelUsage, priced } from './ai/model/usage.ts';

// Knowledge bases on the server: vector backends, document text, splitters, embedders.
export * from './ai/knowledge.ts';
export {
  placeholdersOf,
  type PromptTemplateContent,
  renderPromptTemplate,
} from './ai/cluster/prompt-template.ts';
