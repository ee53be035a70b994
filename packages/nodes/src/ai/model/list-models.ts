/**
 * The models a provider offers (GET /models): the credential test and the editor's
 * model pickers use it. Anthropic and OpenAI-style servers both answer `{ data: [{ id }] }`.
 */
import { type Choice, GuixuError } from '@guixu/core';
import { z } from 'zod';
import type { ProviderConnection } from './provider.ts';

const modelList = z.object({
  data: z.array(z.object({ id: z.string(), display_name: z.string().optional() }).passthrough()),
});

export async function listModels(connection: ProviderConnection, signal: AbortSignal): Promise<string[]> {
  return (await modelChoices(connection, signal)).map((m) => m.value);
}

/** The models as picker choices, sorted by id; Anthropic's display names become the labels. */
export async function modelChoices(connection: ProviderConnection, signal: AbortSignal): Promise<Choice[]> {
  const headers: Record<string, string> = { accept: 'application/json', ...connection.headers };
  if (connection.kind === 'anthropic') {
    headers['x-api-key'] = connection.apiKey;
    headers['anthropic-version'] = '2023-06-01';
  } else if (connection.apiKey) {
    headers.authorization = `Bearer ${connection.apiKey}`;
  }
  const url = `${connection.baseUrl}/models`;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal });
  } catch (error) {
    throw new GuixuError('AI_PROVIDER_UNREACHABLE', `Could not reach ${url}`, {
      cause: error,
      retryable: true,
      description: 'Check the Base URL and that the server is running.',
    });
  }
  if (response.status === 401 || response.status === 403) {
    throw new GuixuError('AI_AUTH_FAILED', `The provider refused the API key (HTTP ${response.status})`, {
      description: 'Check the API key in the credential.',
    });
  }
  if (!response.ok) {
    throw new GuixuError('AI_PROVIDER_ERROR', `Listing models at ${url} failed with HTTP ${response.status}`);
  }
  const parsed = modelList.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new GuixuError('AI_PROVIDER_ERROR', `${url} did not answer with a model list`);
  }
  return parsed.data.data
    .map((m) => ({ value: m.id, label: m.display_name ?? m.id }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** The credential test's answer: the models, or why it failed. */
export async function testConnection(
  connection: ProviderConnection,
  signal: AbortSignal,
): Promise<{ ok: boolean; message: string }> {
  try {
    const models = await listModels(connection, signal);
    const shown = models.slice(0, 20).join(', ');
    return {
      ok: true,
      message: `Connected: ${models.length} models (${shown}${models.length > 20 ? ', …' : ''})`,
    };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
